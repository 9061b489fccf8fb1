/// What a server says it is, from `INFO server`: its name and version (`Redis 7.0.15`, `Valkey
/// 8.1.8`: Valkey also reports the Redis version it is compatible with, which is not its own).
public struct RedisServerInfo: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var version: String

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    /// From an `INFO server` reply; nil when it names no version.
    public init?(info: [UInt8]) {
        if Self.field("server_name", inInfo: info) == "valkey",
            let version = Self.field("valkey_version", inInfo: info)
        {
            self.init(name: "Valkey", version: version)
        } else if let version = Self.field("redis_version", inInfo: info) {
            self.init(name: "Redis", version: version)
        } else {
            return nil
        }
    }

    /// `Redis 7.0.15`.
    public var description: String { "\(name) \(version)" }

    /// The value of `name:value` in `INFO` text, or nil (no such line, or an empty value).
    static func field(_ name: String, inInfo text: [UInt8]) -> String? {
        let prefix = Array((name + ":").utf8)
        for line in text.split(separator: UInt8(ascii: "\n")) where line.starts(with: prefix) {
            let value = line.dropFirst(prefix.count).filter { $0 != UInt8(ascii: "\r") }
            return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
        }
        return nil
    }
}

/// A server's identity: `INFO server`'s `run_id`, a random id each redis-server (and Valkey)
/// process picks at start. Two addresses that reach one process (`127.0.0.1`, `127.0.0.2` and
/// `[::1]` to a server bound to all three) share it; two processes never do.
extension RedisConnection {
    /// The `run_id` in an `INFO server` reply, or nil (an error such as an ACL or a renamed INFO,
    /// another shape, no such line).
    static func runID(inInfo reply: RESPValue) -> String? {
        reply.bytes.flatMap { RedisServerInfo.field("run_id", inInfo: $0) }
    }
}
