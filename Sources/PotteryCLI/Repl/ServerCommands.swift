import RedisClient

/// The commands a server knows, asked once per server with `COMMAND`: a REPL line whose first word
/// is one of them (and none of pottery's) runs as `redis ...`. Their names are kept lowercased,
/// with the ones flagged `readonly` apart (a read whose connection is lost is run again), and their
/// documentation where the server has `COMMAND DOCS` (Redis 7, Valkey), for hints and completion.
struct ServerCommands: Sendable {
    let server: String
    let names: Set<String>
    let readOnly: Set<String>
    var docs: [String: ServerCommandDoc] = [:]

    /// Asks `redis`; nil when it cannot be asked or answers in another shape.
    static func ask(_ redis: RedisConnection, server: String) -> ServerCommands? {
        guard case .array(let entries?)? = try? redis.call(strings: ["COMMAND"]) else { return nil }
        var names = Set<String>()
        var readOnly = Set<String>()
        for entry in entries {
            guard case .array(let fields?) = entry, let bytes = fields.first?.bytes else { continue }
            let name = String(decoding: bytes, as: UTF8.self).lowercased()
            names.insert(name)
            guard fields.count > 2, case .array(let flags?) = fields[2] else { continue }
            if flags.contains(where: { $0.bytes == Array("readonly".utf8) }) { readOnly.insert(name) }
        }
        var commands = ServerCommands(server: server, names: names, readOnly: readOnly)
        if let reply = try? redis.call(strings: ["COMMAND", "DOCS"]) {
            commands.docs = ServerCommandDoc.parse(reply)
        }
        return commands
    }

    /// The documentation of the command `words` begin with (a container's subcommand when the
    /// second word names one: `config get`), and how many words name it.
    func doc(for words: [String]) -> (doc: ServerCommandDoc, words: Int)? {
        guard let first = words.first?.lowercased(), let doc = docs[first] else { return nil }
        if words.count > 1, !doc.subcommands.isEmpty, let sub = docs["\(first)|\(words[1].lowercased())"] {
            return (sub, 2)
        }
        return (doc, 1)
    }

    /// The REPL's hint for a line of `words` whose first is a server command: after the command
    /// (and its subcommand) the rest of its syntax, as redis-cli shows it; after words that each
    /// fill one required argument, the syntax from the next.
    func hint(for words: [String], endsWithBlank: Bool) -> String? {
        guard let (doc, named) = doc(for: words) else { return nil }
        if !endsWithBlank {
            guard words.count == named else { return nil }
            if named == 1, !doc.subcommands.isEmpty { return nil }
            return doc.synopsis(from: 0).map { " " + $0 }
        }
        if named == 1, !doc.subcommands.isEmpty, words.count == 1 {
            return doc.subcommands.map { $0.uppercased() }.sorted().joined(separator: "|")
        }
        let typed = words.count - named
        guard doc.arguments.prefix(typed).count == typed, doc.arguments.prefix(typed).allSatisfy(\.isOneWord)
        else { return nil }
        return doc.synopsis(from: typed)
    }

    /// Completion of a raw command: its names for the first word (in the case the prefix is typed
    /// in), a container's subcommands for the second.
    func candidates(for words: [String]) -> [Candidate] {
        let prefix = words.last ?? ""
        let upper = prefix.first?.isUppercase == true
        let shown = { (name: String) in upper ? name.uppercased() : name }
        if words.count <= 1 {
            return names.sorted().filter { $0.hasPrefix(prefix.lowercased()) }.map {
                Candidate(shown($0), docs[$0]?.summary ?? "", kind: .command)
            }
        }
        guard words.count == 2, let doc = docs[words[0].lowercased()] else { return [] }
        let container = words[0].lowercased()
        return doc.subcommands.sorted().filter { $0.hasPrefix(prefix.lowercased()) }.map {
            Candidate(shown($0), docs["\(container)|\($0)"]?.summary ?? "", kind: .verb)
        }
    }
}
