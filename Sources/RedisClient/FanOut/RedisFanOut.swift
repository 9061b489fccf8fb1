/// One command sent to several servers at once (quorum operations): written to all, then all
/// sockets polled together, so a dead or slow server costs at most `timeout` and does not delay
/// the others.
public enum RedisFanOut {
    /// Sends `arguments` on every connection and returns each reply or error, in the order of
    /// `connections`. An error reply is a `.failure` of kind `.server`. A connection that times
    /// out becomes unusable. Connections must have no unread pipelined replies.
    /// The wait is abandoned with `.interrupted` when the first connection's
    /// `options.interruptCheck` answers `true`.
    public static func call(
        _ connections: [RedisConnection], _ arguments: [[UInt8]], timeout: Double
    ) -> [Result<RESPValue, RedisError>] {
        let name = RedisError.commandName(arguments)
        var counts: [Int] = []
        for connection in connections {
            if connection.isUsable { connection.enqueue(arguments) }
            counts.append(connection.pendingReplies)
        }
        let results = RedisConnection.exchange(
            connections, counts: counts, deadline: .after(seconds: timeout), timeout: timeout,
            interruptCheck: connections.first?.options.interruptCheck)
        return zip(connections, results).map { connection, result in
            switch result {
            case .success(let replies):
                if case .error(let bytes) = replies.last {
                    return .failure(RedisError(reply: bytes, server: connection.server, command: name))
                }
                return .success(replies.last ?? .bulkString(nil))
            case .failure(let error):
                return .failure(error.with(command: name))
            }
        }
    }
}
