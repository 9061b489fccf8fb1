/// Typed commands: sent, routed and decoded by their definitions (see ``RedisCommand``).
extension RedisConnection {
    /// Sends `command` and returns its decoded reply. An error reply is thrown as by `call(_:)`
    /// (on a cluster with `call`'s policies: `DEL` of keys in several slots, `DBSIZE` summed);
    /// a reply of another shape throws `.protocolViolation` and leaves the connection unusable.
    public func execute<Command: RedisCommand>(_ command: Command) throws(RedisError) -> Command.Response {
        do {
            return try decode(try call(command.arguments), of: command)
        } catch {
            throw error.sayingWhatIsNeeded(command.requires)
        }
    }

    /// Appends `command` to the output buffer; read its reply with `readReply()` and
    /// `decode(_:of:)`, or send a whole batch with ``RedisBatch``.
    public func enqueue<Command: RedisCommand>(_ command: Command) {
        _ = enqueueEncoded(route: CommandRoute(name: Command.name, key: command.keys.first)) {
            command.encode(into: &$0)
        }
    }

    /// `reply` as `command`'s response: an error reply thrown as the server's error naming the
    /// command, another shape as `.protocolViolation` (the connection is then unusable, since a
    /// server that answers the wrong thing may be out of step).
    public func decode<Command: RedisCommand>(_ reply: RESPValue, of command: Command) throws(RedisError)
        -> Command.Response
    {
        if case .error(let bytes) = reply {
            throw RedisError(reply: bytes, server: server, command: Command.fullName)
                .sayingWhatIsNeeded(command.requires)
        }
        let response: Command.Response
        do {
            response = try Command.Response(fromRESP: reply)
        } catch {
            throw failDecoding(error, command: Command.fullName)
        }
        if let expected = command.mismatch(response) {
            throw wrongShape(of: command, expected: expected, got: reply)
        }
        return response
    }

    /// The protocol violation for a reply of `command` that decoded but means nothing (`expected`
    /// says what would): the connection becomes unusable, as for a wrong shape.
    public func wrongShape<Command: RedisCommand>(
        of command: Command, expected: String, got reply: RESPValue
    ) -> RedisError {
        failDecoding(RESPDecodingError(expected: expected, got: reply), command: Command.fullName)
    }
}
