/// What the argv parser found: a command to run, a request for help, or nothing at all.
enum ParsedCommand: Sendable {
    case run(Invocation)
    case help(HelpTopic)
    case version
    /// No command: the REPL on a terminal, batch mode otherwise.
    case interactive(Settings)
}

/// What `--help` or `pottery help` asks about.
enum HelpTopic: Sendable {
    case program
    case group(GroupSpec)
    case verb(GroupSpec, VerbSpec)
}

/// A command ready to run: its table entry, its arguments bound to their names, its options.
struct Invocation: Sendable {
    let group: GroupSpec
    let verb: VerbSpec
    let arguments: BoundArguments
    /// Verb options by long name; a flag has one empty value per appearance.
    let options: [String: [String]]
    let settings: Settings

    /// `dict get`, or `ping` for a top-level command: what error messages name.
    var commandName: String { group.isTopLevel ? verb.name : "\(group.name) \(verb.name)" }
}

/// Positional arguments by the name the table gives them.
struct BoundArguments: Sendable {
    var values: [String: [String]] = [:]

    subscript(name: String) -> [String] { values[name] ?? [] }

    func first(_ name: String) -> String? { values[name]?.first }
}
