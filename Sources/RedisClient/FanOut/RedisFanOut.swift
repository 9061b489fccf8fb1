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
        // A cluster takes part through the node that serves the command's keys.
        var unreachable: [Int: RedisError] = [:]
        var targets: [RedisConnection] = []
        for (index, connection) in connections.enumerated() {
            guard let router = connection.router, connection.isUsable else {
                targets.append(connection)
                continue
            }
            do throws(RedisError) {
                targets.append(try router.connection(for: arguments))
            } catch {
                unreachable[index] = error.with(command: name)
                targets.append(connection)
            }
        }
        let connections = targets
        var counts: [Int] = []
        for (index, connection) in connections.enumerated() {
            if connection.isUsable && unreachable[index] == nil { connection.enqueue(arguments) }
            counts.append(unreachable[index] == nil ? connection.pendingReplies : 0)
        }
        let results = RedisConnection.exchange(
            connections, counts: counts, deadline: .after(seconds: timeout), timeout: timeout,
            interruptCheck: connections.first?.options.interruptCheck)
        return zip(connections, results).enumerated().map {
            (index, pair) -> Result<RESPValue, RedisError> in
            let (connection, result) = pair
            if let error = unreachable[index] { return .failure(error) }
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
