/// One command sent to several servers at once (quorum operations): written to all, then all
/// sockets polled together, so a dead or slow server costs at most `timeout` and does not delay
/// the others.
public enum RedisFanOut {
    /// Whether a call reopens the connections that broke (see `RedisConnection+Reopen.swift`).
    public enum Reopening: Sendable {
        /// Broken connections fail at once (`.connectionLost`, "unusable after an earlier error").
        case never
        /// Connections found broken or closed by the server before anything is written are
        /// reopened first; the command is sent once. Safe for any command.
        case beforeSending
        /// As `beforeSending`, and a connection lost during the call (the command may have run) is
        /// reopened and the command sent there again: only for idempotent commands (a read, a
        /// compare-and-set such as Redlock's extend and release).
        case resendingIdempotent
    }

    /// Sends `arguments` on every connection and returns each reply or error, in the order of
    /// `connections`. An error reply is a `.failure` of kind `.server`. A connection that times
    /// out becomes unusable. Connections must have no unread pipelined replies.
    /// The wait is abandoned with `.interrupted` when the first connection's
    /// `options.interruptCheck` answers `true`. Reopening connections (`reopening`) happens within
    /// the same `timeout`.
    public static func call(
        _ connections: [RedisConnection], _ arguments: [[UInt8]], timeout: Double,
        reopening: Reopening = .never
    ) -> [Result<RESPValue, RedisError>] {
        let deadline = Deadline.after(seconds: timeout)
        guard reopening != .never else {
            return send(connections, arguments, until: deadline, timeout: timeout)
        }
        var failed = reopenBroken(connections, until: deadline)
        var results = send(connections, arguments, until: deadline, timeout: timeout, skipping: failed)
        guard reopening == .resendingIdempotent, !deadline.hasPassed else { return results }
        let lost = results.indices.filter {
            if case .failure(let error) = results[$0], error.kind == .connectionLost, failed[$0] == nil {
                return true
            }
            return false
        }
        guard !lost.isEmpty else { return results }
        let again = lost.map { connections[$0] }
        failed = reopenBroken(again, until: deadline)
        let resent = send(again, arguments, until: deadline, timeout: timeout, skipping: failed)
        for (index, result) in zip(lost, resent) { results[index] = result }
        return results
    }

    /// Reopens, together, the connections that `checkAlive()` finds broken; the errors of those
    /// that could not be reopened, by index.
    private static func reopenBroken(_ connections: [RedisConnection], until deadline: Deadline) -> [Int:
        RedisError]
    {
        let broken = connections.indices.filter { !connections[$0].checkAlive() }
        var failed: [Int: RedisError] = [:]
        for (index, error) in zip(
            broken, RedisConnection.reopen(broken.map { connections[$0] }, until: deadline))
        {
            if let error { failed[index] = error }
        }
        return failed
    }

    /// One round: `arguments` on every connection but those in `skipping` (which fail with their
    /// error), replies awaited together until `deadline`.
    private static func send(
        _ connections: [RedisConnection], _ arguments: [[UInt8]], until deadline: Deadline, timeout: Double,
        skipping failed: [Int: RedisError] = [:]
    ) -> [Result<RESPValue, RedisError>] {
        let name = RedisError.commandName(arguments)
        // A cluster takes part through the node that serves the command's keys.
        var unreachable = failed.mapValues { $0.with(command: name) }
        var targets: [RedisConnection] = []
        for (index, connection) in connections.enumerated() {
            guard let router = connection.router, connection.isUsable, failed[index] == nil else {
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
            connections, counts: counts, deadline: deadline, timeout: timeout,
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
