/// The hidden `pottery __generate man|bash|zsh|fish`: prints a generated file, so the committed copies
/// in `man/` and `completions/` can be refreshed (`scripts/generate`) and checked by the tests.
enum Generator {
    static let command = "__generate"

    /// The generated files and where they are committed.
    static let files: [(name: String, path: String)] = [
        ("man", "man/pottery.1"), ("bash", "completions/pottery.bash"), ("zsh", "completions/_pottery"),
        ("fish", "completions/pottery.fish"),
    ]

    static func render(_ name: String, table: CommandTable) -> String? {
        switch name {
        case "man": return ManPageRenderer(table: table).render()
        case "bash": return BashCompletionRenderer(table: table).render()
        case "zsh": return ZshCompletionRenderer(table: table).render()
        case "fish": return FishCompletionRenderer(table: table).render()
        default: return nil
        }
    }
}
