extension RESPValue {
    /// What a reply is, for error messages: `an integer 7`, `a simple string "PONG"`, `a null
    /// bulk string`, `an array of 3 elements`. Strings are cut at 40 bytes.
    public var shapeDescription: String {
        func quoted(_ bytes: [UInt8]) -> String {
            let text = String(decoding: bytes.prefix(40), as: UTF8.self)
            return "\"" + text + (bytes.count > 40 ? "...\"" : "\"")
        }
        switch self {
        case .simpleString(let bytes): return "a simple string " + quoted(bytes)
        case .error(let bytes): return "an error reply " + quoted(bytes)
        case .integer(let value): return "an integer \(value)"
        case .bulkString(nil): return "a null bulk string"
        case .bulkString(let bytes?): return "a bulk string of \(bytes.count) bytes"
        case .array(nil): return "a null array"
        case .array(let elements?): return "an array of \(elements.count) elements"
        }
    }

    /// Decodes a reply (e.g. one read from a pipeline) as `type`. An error reply is thrown as
    /// the server's error (`.server`/`.authentication`); any other shape mismatch is a
    /// `.protocolViolation` naming `command` and saying what was expected and what came.
    public func decode<T: RESPDecodable>(as type: T.Type, command: String, server: String) throws(RedisError)
        -> T
    {
        do {
            return try T(fromRESP: self)
        } catch {
            throw error.redisError(command: command, server: server)
        }
    }

    /// Decodes an array reply of exactly `count` elements (e.g. SMISMEMBER with `count` members).
    public func decode<Element: RESPDecodable>(
        as type: [Element].Type, count: Int, command: String, server: String
    ) throws(RedisError) -> [Element] {
        do {
            return try [Element](fromRESP: self, count: count)
        } catch {
            throw error.redisError(command: command, server: server)
        }
    }
}
