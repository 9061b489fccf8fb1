import RedisClient

/// One command's documentation as the server gives it (`COMMAND DOCS`, Redis 7 and Valkey): its
/// summary, its arguments, and the names of its subcommands (`config get`), for the REPL's hints and
/// completion of raw Redis commands.
struct ServerCommandDoc: Sendable {
    let summary: String
    let arguments: [Argument]
    /// Lowercased, without the container's name: `get` for `config|get`.
    let subcommands: [String]

    /// One argument of the command's syntax.
    struct Argument: Sendable {
        let name: String
        let type: String
        let token: String?
        let optional: Bool
        let multiple: Bool
        let children: [Argument]

        /// As redis-cli shows it: `key`, `[NX|XX]`, `[EX seconds|PX milliseconds]`,
        /// `key value [key value ...]`.
        var synopsis: String {
            let prefix = token.map { $0 + " " } ?? ""
            var text: String
            switch type {
            case "pure-token": text = token ?? name
            case "block": text = prefix + children.map(\.synopsis).joined(separator: " ")
            case "oneof": text = prefix + children.map(\.synopsis).joined(separator: "|")
            default: text = prefix + name
            }
            if multiple { text = "\(text) [\(text) ...]" }
            return optional ? "[\(text)]" : text
        }

        /// An argument that is exactly one word, always present: a hint can step over it.
        var isOneWord: Bool { !optional && !multiple && token == nil && type != "block" && type != "oneof" }
    }

    /// The synopsis from the argument at `index` on, or nil when nothing is left.
    func synopsis(from index: Int) -> String? {
        guard index < arguments.count else { return nil }
        return arguments[index...].map(\.synopsis).joined(separator: " ")
    }

    /// Every command's documentation in a `COMMAND DOCS` reply, by lowercased name (`get`,
    /// `config|get`); RESP2's flat field lists and RESP3's maps alike. Empty for any other reply.
    static func parse(_ reply: RESPValue) -> [String: ServerCommandDoc] {
        var docs: [String: ServerCommandDoc] = [:]
        for (name, value) in pairs(reply) { add(name, value, to: &docs) }
        return docs
    }

    private static func add(_ name: String, _ value: RESPValue, to docs: inout [String: ServerCommandDoc]) {
        let fields = Dictionary(pairs(value), uniquingKeysWith: { first, _ in first })
        let subcommands = fields["subcommands"].map(pairs) ?? []
        for (subcommand, subdoc) in subcommands { add(subcommand, subdoc, to: &docs) }
        docs[name] = ServerCommandDoc(
            summary: fields["summary"].flatMap(text) ?? "",
            arguments: (fields["arguments"]?.array ?? []).compactMap(argument),
            subcommands: subcommands.map { String($0.0.split(separator: "|").last ?? "") })
    }

    private static func argument(_ value: RESPValue) -> Argument? {
        let fields = Dictionary(pairs(value), uniquingKeysWith: { first, _ in first })
        guard let name = fields["name"].flatMap(text), let type = fields["type"].flatMap(text) else {
            return nil
        }
        let flags = (fields["flags"]?.array ?? []).compactMap(text)
        return Argument(
            name: name, type: type, token: fields["token"].flatMap(text),
            optional: flags.contains("optional"),
            multiple: flags.contains("multiple"),
            children: (fields["arguments"]?.array ?? []).compactMap(argument))
    }

    /// A flat `[k1, v1, k2, v2, ...]` array as (lowercased key, value) pairs.
    private static func pairs(_ value: RESPValue) -> [(String, RESPValue)] {
        guard let elements = value.array else { return [] }
        return stride(from: 0, to: elements.count - 1, by: 2).compactMap { index in
            text(elements[index]).map { ($0.lowercased(), elements[index + 1]) }
        }
    }

    private static func text(_ value: RESPValue) -> String? {
        value.bytes.map { String(decoding: $0, as: UTF8.self) }
    }
}
