/// What a server says it is: `INFO server`'s `run_id`, a random id each redis-server (and Valkey)
/// process picks at start. Two addresses that reach one process (`127.0.0.1`, `127.0.0.2` and
/// `[::1]` to a server bound to all three) share it; two processes never do.
extension RedisConnection {
    /// The `run_id` in an `INFO server` reply, or nil (an error such as an ACL or a renamed INFO,
    /// another shape, no such line).
    static func runID(inInfo reply: RESPValue) -> String? {
        guard let text = reply.bytes else { return nil }
        let field = Array("run_id:".utf8)
        for line in text.split(separator: UInt8(ascii: "\n")) where line.starts(with: field) {
            let value = line.dropFirst(field.count).filter { $0 != UInt8(ascii: "\r") }
            return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
        }
        return nil
    }
}
