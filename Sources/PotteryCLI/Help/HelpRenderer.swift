/// Renders `--help` and `pottery help ...` from the command table, in the words of the place it is
/// read (``HelpVoice``: the REPL's lines have no program name), wrapped to `width` columns when
/// given (a terminal's), else as the table writes it.
struct HelpRenderer {
    let table: CommandTable
    var voice = HelpVoice.commandLine
    var width: Int? = nil

    func render(_ topic: HelpTopic) -> String {
        switch topic {
        case .program: return program()
        case .group(let group): return self.group(group)
        case .verb(let group, let verb): return self.verb(verb, in: group)
        }
    }

    func program() -> String {
        var text =
            "pottery \(Version.current) - Redis for Humans: Python pottery's structures from the shell\n\n"
        switch voice {
        case .commandLine:
            text += """
                Usage: pottery [OPTIONS] STRUCTURE VERB KEY [ARGS...] [OPTIONS]
                       pottery [OPTIONS] COMMAND [ARGS...]
                       pottery [OPTIONS]  (on a terminal: the interactive REPL; also 'pottery repl')
                       pottery < FILE     (batch mode: one command per line)

                """
        case .repl:
            text += """
                A line is a command without the program name:
                  STRUCTURE VERB KEY [ARGS...] [OPTIONS]
                  COMMAND [ARGS...]
                  REDIS-COMMAND [ARG...]  any command the server knows (GET foo, CONFIG GET timeout)
                  LINE | PIPELINE         LINE's output piped into sh -c PIPELINE
                  OPTIONS                 alone, they change the session (--url URL, -r, --no-raw)

                """
        }
        text += "\nStructures:\n"
        text += columns(
            table.structures.map { group in
                (group.name, group.summary + (group.pythonClass.map { " (pottery's \($0))" } ?? ""))
            })
        text += "\nCommands:\n"
        text += columns(table.topLevelCommands.map { ($0.1.name, $0.1.summary) })
        text += "  help [STRUCTURE [VERB]]  help on a structure or a verb\n"
        text += "\nOptions (anywhere after the verb, too):\n"
        text += columns(GlobalOptions.all.map { ($0.synopsis, $0.help) } + [GlobalOptions.negationHelp])
        text += """

            Values: an argument that is valid JSON is that value, anything else a string
            (-s: always a string, -j: must be JSON). '-' reads NDJSON values from standard input.

            Exit status:

            """
        text += columns(table.exitStatuses.map { ($0.status, $0.meaning) })
        text += "\nEnvironment:\n"
        text += columns(table.environment.map { ($0.name, $0.meaning) })
        switch voice {
        case .commandLine:
            text += "\n'pottery STRUCTURE --help' lists a structure's verbs; 'man pottery' tells all.\n"
        case .repl:
            text +=
                "\n'help STRUCTURE' lists a structure's verbs; 'status' shows the session's; 'man pottery' tells all.\n"
        }
        return text
    }

    func group(_ group: GroupSpec) -> String {
        var text = "pottery \(group.name) - \(group.summary)"
        if let python = group.pythonClass { text += ", the same keys as Python pottery's \(python)" }
        text += "\n\nUsage: \(voice.typed(group.name)) VERB KEY [ARGS...] [OPTIONS]\n\nVerbs:\n"
        text += columns(group.verbs.map { ("\($0.name) \($0.argumentSynopsis)", $0.summary) })
        switch voice {
        case .commandLine:
            text +=
                "\nRun 'pottery \(group.name) VERB --help' for one verb; 'pottery --help' for the options.\n"
        case .repl:
            text += "\n'help \(group.name) VERB' for one verb; 'help' for the options.\n"
        }
        return text
    }

    func verb(_ verb: VerbSpec, in group: GroupSpec) -> String {
        let command = group.isTopLevel ? verb.name : "\(group.name) \(verb.name)"
        var usage = voice.typed(command)
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
        if !verb.prints.isEmpty { text += "\n" + wrapped("Output: \(verb.prints).", indent: 0) }
        if !verb.notes.isEmpty { text += "\n" + wrapped(verb.notes, indent: 0) }
        text +=
            "\n"
            + wrapped(
                "Global options (-u URL, -r, -q, -s, -j, --timeout S, --time): \(voice.pointer(to: "")).",
                indent: 0)
        return text
    }

    /// Two aligned columns, the left one padded to the widest entry (at most 28 wide); the right one
    /// wrapped to the width, its lines aligned.
    private func columns(_ rows: [(String, String)]) -> String {
        let column = min(28, rows.map(\.0.count).max() ?? 0)
        let indent = String(repeating: " ", count: column + 4)
        var text = ""
        for (left, right) in rows {
            if left.count > column {
                text += "  \(left)\n" + indent
            } else {
                text += "  \(left)\(String(repeating: " ", count: column - left.count))  "
            }
            text += wrapped(right, indent: column + 4).dropFirst(column + 4)
        }
        return text
    }

    /// `paragraph` as lines of at most `width` columns, each after `indent` blanks (the first one
    /// too), ending in a newline; one line when no width is given. A word longer than a line stays
    /// whole.
    private func wrapped(_ paragraph: String, indent: Int) -> String {
        let margin = String(repeating: " ", count: indent)
        guard let width, width - indent >= 20 else { return margin + paragraph + "\n" }
        var text = ""
        var line = ""
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty, line.count + 1 + word.count > width - indent {
                text += margin + line + "\n"
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        return text + margin + line + "\n"
    }

    private func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
