/// Top-level entries that help, completion and the man page do not show (``VerbTraits/hidden``): the
/// REPL's own words and the commands pottery's scripts call. They are parsed and run like every other
/// command; `pottery __table` lists them.
enum InternalTable {
    static let shell = VerbOption.word("shell", value: "SHELL", "bash, zsh or fish (default bash)")
    static let words = Argument.wordsAfterSeparator(
        "WORDS",
        "the command line being completed, without the program name; the last word is the one under the cursor"
    )
    static let file = Argument.word("NAME", "man, bash, zsh or fish")
    static let host = Argument.word("HOST", "a host name or address, or a whole redis:// URL")
    static let port = Argument.optionalWord("PORT", "the port (default 6379)")

    /// The word that names the group on a command line.
    static let name = "internal"

    static let group = GroupSpec(
        name, "the REPL's own words and the commands pottery's scripts call", isTopLevel: true,
        verbs: [
            VerbSpec(
                "quit", aliases: ["exit"], "leave the REPL, or end a batch here",
                traits: [.hidden, .endsSession],
                prints: "nothing", handler: InternalHandlers.quit),
            VerbSpec(
                "connect", "REPL: talk to another server, as redis-cli's connect (the line becomes --url)",
                arguments: [host, port], traits: .hidden, prints: "nothing",
                handler: InternalHandlers.connect),
            VerbSpec(
                CompleteCommand.name, "completion candidates for the shell scripts in completions/",
                arguments: [words], options: [shell], traits: .hidden,
                prints: "one candidate per line, in the shell's format; nothing when the key lookup fails",
                notes: CompleteCommand.notes, handler: InternalHandlers.complete),
            VerbSpec(
                Generator.command, "print a generated file (the man page or a completion script)",
                arguments: [file], traits: .hidden, prints: "the file", handler: InternalHandlers.generate),
            VerbSpec(
                "__table", "the command table as JSON, hidden entries included", traits: .hidden,
                prints: "one JSON document", handler: InternalHandlers.table),
        ])
}
