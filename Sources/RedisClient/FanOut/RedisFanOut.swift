import PotterySystem

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
    /// the same `timeout`, after the connections that work have answered: a master that hangs
    /// while being reopened (a stopped server still accepts connections) never starves the others.
    public static func call(
        _ connections: [RedisConnection], _ arguments: [[UInt8]], timeout: Double,
        reopening: Reopening = .never
    ) -> [Result<RESPValue, RedisError>] {
        let deadline = Deadline.after(seconds: timeout)
        guard reopening != .never else {
            return send(connections, arguments, until: deadline, timeout: timeout)
        }
        var results = [Result<RESPValue, RedisError>?](repeating: nil, count: connections.count)
        var reopenFailed = Set<Int>()
        func round(_ indices: [Int], reopen: Bool) {
            var ready = indices
            if reopen {
                let errors = RedisConnection.reopen(indices.map { connections[$0] }, until: deadline)
                ready = []
                for (index, error) in zip(indices, errors) {
                    if let error {
                        results[index] = .failure(error.with(command: RedisError.commandName(arguments)))
                        reopenFailed.insert(index)
                    } else {
                        ready.append(index)
                    }
                }
            }
            guard !ready.isEmpty else { return }
            let replies = send(ready.map { connections[$0] }, arguments, until: deadline, timeout: timeout)
            for (index, reply) in zip(ready, replies) { results[index] = reply }
        }
        var interrupted: Bool {
            results.contains {
                if case .failure(let error)? = $0 { error.kind == .interrupted } else { false }
            }
        }
        let broken = Set(connections.indices.filter { !connections[$0].checkAlive() })
        round(connections.indices.filter { !broken.contains($0) }, reopen: false)
        if !broken.isEmpty, !interrupted { round(broken.sorted(), reopen: true) }
        if reopening == .resendingIdempotent, !deadline.hasPassed, !interrupted {
            let lost = connections.indices.filter {
                guard !reopenFailed.contains($0), case .failure(let error) = results[$0] else { return false }
                return error.kind == .connectionLost
            }
            if !lost.isEmpty { round(lost, reopen: true) }
        }
        return results.map { $0! }
    }

    /// One round: `arguments` on every connection, replies awaited together until `deadline`.
    private static func send(
        _ connections: [RedisConnection], _ arguments: [[UInt8]], until deadline: Deadline, timeout: Double
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
