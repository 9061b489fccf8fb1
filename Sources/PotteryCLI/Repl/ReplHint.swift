/// The hint shown dimmed after the cursor, like redis-cli's: once a verb is complete, the rest of its
/// synopsis (`dict get ` → `KEY FIELD [OPTIONS]`, `dict get k ` → `FIELD [OPTIONS]`), from the table.
struct ReplHint {
    let table: CommandTable
    /// The server's commands, for a line that is one of them (`GET `, `config get `).
    var server: ServerCommands? = nil

    /// The hint for `line` (the whole line, cursor at its end), or nil.
    func hint(for line: [UInt8]) -> String? {
        guard let last = line.last, let text = String(validating: line, as: UTF8.self) else { return nil }
        let endsWithBlank = last == UInt8(ascii: " ") || last == UInt8(ascii: "\t")
        guard let words = try? ShellWords.split(text), !words.isEmpty else { return nil }
        if let server, !table.isOwnFirstWord(Word(words[0])) {
            return server.hint(for: words, endsWithBlank: endsWithBlank)
        }
        if !endsWithBlank {
            // Right after a verb word: the hint is the whole synopsis, after a space.
            let point = CommandLineScanner(table: table).point(words)
            guard case .verb(let group) = point.slot, let verb = group.verb(named: words[words.count - 1])
            else {
                if words.count == 1, let (_, verb) = table.topLevelVerb(named: words[0]) {
                    return synopsis(verb, from: 0).map { " " + $0 }
                }
                return nil
            }
            return synopsis(verb, from: 0).map { " " + $0 }
        }
        let point = CommandLineScanner(table: table).point(words + [""])
        switch point.slot {
        case .verb: return "VERB"
        case .afterVerb(let verb, let argument, _):
            guard let argument else { return verb.options.isEmpty ? nil : "[OPTIONS]" }
            guard let index = verb.arguments.firstIndex(where: { $0.name == argument.name }) else {
                return nil
            }
            return synopsis(verb, from: index)
        default: return nil
        }
    }

    private func synopsis(_ verb: VerbSpec, from index: Int) -> String? {
        // The REPL's standard input holds its lines, never values: no `|-`.
        var parts = verb.arguments[index...].map { $0.synopsis(stdin: false) }
        if !verb.options.isEmpty { parts.append("[OPTIONS]") }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
