import RedisClient

/// The commands a server knows, asked once per server with `COMMAND`: a REPL line whose first word
/// is one of them (and none of pottery's) runs as `redis ...`. Their names are kept lowercased,
/// with the ones flagged `readonly` apart: a read whose connection is lost is run again.
struct ServerCommands {
    let server: String
    let names: Set<String>
    let readOnly: Set<String>

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
        return ServerCommands(server: server, names: names, readOnly: readOnly)
    }
}
