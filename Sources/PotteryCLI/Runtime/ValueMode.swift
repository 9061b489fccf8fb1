/// How value arguments and standard-input lines are read (SPEC §3).
enum ValueMode: String, Sendable {
    /// A complete JSON text is that value; anything else is a string.
    case auto
    /// Every value is a literal string (`-s`).
    case string
    /// Every value must be JSON (`-j`); anything else is exit 2 and nothing is written.
    case json
}
