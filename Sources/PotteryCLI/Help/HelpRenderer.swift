/// Renders `--help` and `pottery help ...` from the command table.
struct HelpRenderer {
    let table: CommandTable

    func render(_ topic: HelpTopic) -> String {
        switch topic {
        case .program: return program()
        case .group(let group): return self.group(group)
        case .verb(let group, let verb): return self.verb(verb, in: group)
        }
    }

    func program() -> String {
        var text = """
            pottery \(Version.current) - Redis for Humans: Python pottery's structures from the shell

            Usage: pottery [OPTIONS] STRUCTURE VERB KEY [ARGS...] [OPTIONS]
                   pottery [OPTIONS] COMMAND [ARGS...]
                   pottery [OPTIONS]  (on a terminal: the interactive REPL; also 'pottery repl')
                   pottery < FILE     (batch mode: one command per line)

            Structures:

            """
        text += columns(
            table.structures.map { group in
                (group.name, group.summary + (group.pythonClass.map { " (pottery's \($0))" } ?? ""))
            })
        text += "\nCommands:\n"
        text += columns(table.topLevelCommands.map { ($0.1.name, $0.1.summary) })
        text += "  help [STRUCTURE [VERB]]  help on a structure or a verb\n"
        text += "\nOptions (anywhere after the verb, too):\n"
        text += columns(GlobalOptions.all.map { ($0.synopsis, $0.help) })
        text += """

            Values: an argument that is valid JSON is that value, anything else a string
            (-s: always a string, -j: must be JSON). '-' reads NDJSON values from standard input.

            Exit status:

            """
        text += columns(table.exitStatuses.map { ($0.status, $0.meaning) })
        text += "\nEnvironment:\n"
        text += columns(table.environment.map { ($0.name, $0.meaning) })
        text += "\n'pottery STRUCTURE --help' lists a structure's verbs; 'man pottery' tells all.\n"
        return text
    }

    func group(_ group: GroupSpec) -> String {
        var text = "pottery \(group.name) - \(group.summary)"
        if let python = group.pythonClass { text += ", the same keys as Python pottery's \(python)" }
        text += "\n\nUsage: pottery \(group.name) VERB KEY [ARGS...] [OPTIONS]\n\nVerbs:\n"
        text += columns(group.verbs.map { ("\($0.name) \($0.argumentSynopsis)", $0.summary) })
        text += "\nRun 'pottery \(group.name) VERB --help' for one verb; 'pottery --help' for the options.\n"
        return text
    }

    func verb(_ verb: VerbSpec, in group: GroupSpec) -> String {
        let command = group.isTopLevel ? verb.name : "\(group.name) \(verb.name)"
        var usage = "pottery \(command)"
        if !verb.arguments.isEmpty { usage += " " + verb.argumentSynopsis }
        if !verb.options.isEmpty { usage += " [OPTIONS]" }
        var text = "Usage: \(usage)\n\n\(capitalized(verb.summary)).\n"
        if !verb.aliases.isEmpty { text += "Also: \(verb.aliases.joined(separator: ", ")).\n" }
        if !verb.arguments.isEmpty {
            text += "\nArguments:\n" + columns(verb.arguments.map { ($0.name, $0.help) })
        }
        if !verb.options.isEmpty {
            text += "\nOptions:\n" + columns(verb.options.map { ($0.synopsis, $0.help) })
        }
        if !verb.prints.isEmpty { text += "\nOutput: \(verb.prints).\n" }
        if !verb.notes.isEmpty { text += "\n\(verb.notes)\n" }
        text += "\nGlobal options (-u URL, -r, -q, -s, -j, --timeout S, --time): see 'pottery --help'.\n"
        return text
    }

    /// Two aligned columns, the left one padded to the widest entry (at most 28 wide).
    private func columns(_ rows: [(String, String)]) -> String {
        let width = min(28, rows.map(\.0.count).max() ?? 0)
        var text = ""
        for (left, right) in rows {
            if left.count > width {
                text += "  \(left)\n  \(String(repeating: " ", count: width))  \(right)\n"
            } else {
                text += "  \(left)\(String(repeating: " ", count: width - left.count))  \(right)\n"
            }
        }
        return text
    }

    private func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}

/// The program's version, printed by `--version` and in help.
public enum Version {
    public static let current = "0.1.0"
}
