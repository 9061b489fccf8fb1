/// What the argv parser found: a command to run, a request for help, or nothing at all.
enum ParsedCommand: Sendable {
    case run(Invocation)
    case help(HelpTopic)
    /// `--version`, with the settings given before it (they name the server it asks).
    case version(Settings)
    /// No command, only options (or nothing): the REPL on a terminal, batch mode otherwise; in batch
    /// mode a line of options alone changes the session's settings.
    case interactive(Settings)

    /// The settings it carries (none for help).
    var settings: Settings? {
        switch self {
        case .run(let invocation): invocation.settings
        case .version(let settings), .interactive(let settings): settings
        case .help: nil
        }
    }
}

/// What `--help` or `pottery help` asks about.
enum HelpTopic: Sendable {
    case program
    case group(GroupSpec)
    case verb(GroupSpec, VerbSpec)
}

/// A command ready to run: its table entry, its arguments and options converted, its settings.
struct Invocation: Sendable {
    let group: GroupSpec
    let verb: VerbSpec
    let arguments: BoundValues
    let options: BoundValues
    let settings: Settings

    /// `dict get`, or `ping` for a top-level command: what error messages name.
    var commandName: String { group.commandName(of: verb) }

    /// Whether a flag given makes the output a stream without end (`queue get --follow`).
    var streams: Bool {
        verb.options.contains { $0.streams && (options.values[$0.long] as? Bool) == true }
    }
}

/// Converted arguments or options by the name the table gives them. Every declared one is present
/// (absent optional ones as their empty value), so a typed handle always finds its value.
struct BoundValues: Sendable {
    var values: [String: any Sendable] = [:]

    func value<Value>(_ name: String, as type: Value.Type) -> Value {
        guard let bound = values[name] else {
            preconditionFailure("'\(name)' is not an argument or option of this verb; fix the table")
        }
        guard let typed = bound as? Value else {
            preconditionFailure("'\(name)' is bound as \(Swift.type(of: bound)), not \(Value.self)")
        }
        return typed
    }
}
