/// Helpers for reading pipelined replies, where error replies come back as values.
extension RESPValue {
    /// This reply, or the error it carries thrown as a ``RedisError`` naming `command`.
    func checked(_ command: String, on connection: RedisConnection) throws(RedisError) -> RESPValue {
        if case .error(let bytes) = self {
            throw RedisError(reply: bytes, server: connection.server, command: command)
        }
        return self
    }
}

extension RedisConnection {
    /// Sends `commands` in one write and reads every reply, error replies included as values, so the
    /// connection stays in step even when one of them failed.
    func pipeline(_ commands: [[[UInt8]]]) throws(RedisError) -> [RESPValue] {
        for command in commands { enqueue(command) }
        try flush()
        var replies: [RESPValue] = []
        replies.reserveCapacity(commands.count)
        for _ in commands { replies.append(try readReply()) }
        return replies
    }
}
