/// Calls whose replies are decoded into Swift types.
extension RedisConnection {
    /// Sends one command and decodes its reply as `type`. An error reply is thrown as in
    /// `call(_:)`; a reply of another shape throws `.protocolViolation` ("expected an integer,
    /// got a simple string "PONG"") and leaves the connection unusable, since a server that
    /// answers the wrong thing may be out of step.
    public func call<T: RESPDecodable>(_ arguments: [[UInt8]], as type: T.Type) throws(RedisError) -> T {
        let reply = try call(arguments)
        do {
            return try T(fromRESP: reply)
        } catch {
            throw failDecoding(error, command: RedisError.commandName(arguments))
        }
    }

    /// Sends one command whose reply must be an array of exactly `count` elements, e.g.
    /// `SMISMEMBER key m1 ... mN` as `[Bool].self` with `count: N`.
    public func call<Element: RESPDecodable>(
        _ arguments: [[UInt8]], as type: [Element].Type, count: Int
    ) throws(RedisError) -> [Element] {
        let reply = try call(arguments)
        do {
            return try [Element](fromRESP: reply, count: count)
        } catch {
            throw failDecoding(error, command: RedisError.commandName(arguments))
        }
    }

    /// The error for a reply that did not decode; a protocol violation makes the connection
    /// unusable.
    func failDecoding(_ error: RESPDecodingError, command: String) -> RedisError {
        let decoded = error.redisError(command: command, server: server)
        if decoded.kind == .protocolViolation {
            _ = fail(.protocolViolation, decoded.message)
        }
        return decoded
    }
}
