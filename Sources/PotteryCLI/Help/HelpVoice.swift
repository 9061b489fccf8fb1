/// Where help and error messages are read, and so how they name a command: on the command line
/// (`pottery dict get`, "see 'pottery dict --help'") or in the REPL, whose lines have no program
/// name (`dict get`, "see 'help dict'").
enum HelpVoice: Sendable {
    case commandLine
    case repl

    /// How to ask for help on `topic` (`dict`, `dict get`; empty for the whole program).
    func pointer(to topic: String) -> String {
        switch self {
        case .commandLine: topic.isEmpty ? "see 'pottery --help'" : "see 'pottery \(topic) --help'"
        case .repl: topic.isEmpty ? "see 'help'" : "see 'help \(topic)'"
        }
    }

    /// A command as it is typed here: `pottery dict get` or `dict get`.
    func typed(_ command: String) -> String {
        switch self {
        case .commandLine: command.isEmpty ? "pottery" : "pottery \(command)"
        case .repl: command
        }
    }
}
