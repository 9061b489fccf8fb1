import Glibc
import PotterySystem

/// Driving several connections at once with one `poll(2)` loop.
extension RedisConnection {
    /// Sends what each connection has enqueued and reads `counts[i]` replies from connection `i`,
    /// all concurrently, until `deadline`. A connection that fails or is still waiting at the
    /// deadline yields its error (and becomes unusable) without holding up the others.
    /// `interruptCheck` as in `Socket.wait`: when it answers `true`, every connection still
    /// waiting fails with `.interrupted`.
    static func exchange(
        _ connections: [RedisConnection], counts: [Int], deadline: Deadline, timeout: Double,
        interruptCheck: (@Sendable () -> Bool)?
    ) -> [Result<[RESPValue], RedisError>] {
        var results = [Result<[RESPValue], RedisError>?](repeating: nil, count: connections.count)
        var replies = [[RESPValue]](repeating: [], count: connections.count)
        for (index, connection) in connections.enumerated() {
            do {
                try connection.checkUsable()
            } catch {
                results[index] = .failure(error)
            }
        }
        while true {
            var entries: [pollfd] = []
            var owners: [Int] = []
            for (index, connection) in connections.enumerated() where results[index] == nil {
                // Checked usable above, and only a node's connection takes part: a socket.
                guard let connection = connection.socket else {
                    results[index] = .failure(
                        connection.fail(.connectionLost, "not a single server's connection"))
                    continue
                }
                do {
                    if connection.bufferedOutputBytes > 0 { try connection.sendAvailable() }
                    while replies[index].count < counts[index], let reply = try connection.bufferedReply() {
                        replies[index].append(reply)
                    }
                    if replies[index].count == counts[index] {
                        results[index] = .success(replies[index])
                        continue
                    }
                    let events =
                        connection.waitEventsForInput
                        | (connection.bufferedOutputBytes > 0 ? Int16(POLLOUT) : 0)
                    entries.append(pollfd(fd: connection.fd, events: events, revents: 0))
                    owners.append(index)
                } catch {
                    results[index] = .failure(error)
                }
            }
            if entries.isEmpty { break }
            let outcome = PollSet.wait(&entries, until: deadline, interruptCheck: interruptCheck)
            if outcome != .ready {
                let (kind, why): (RedisError.Kind, String) =
                    switch outcome {
                    case .interrupted: (.interrupted, "interrupted")
                    case .failed(let error): (.connectionLost, Socket.errorText(error))
                    default: (.timeout, "no reply within \(formatSeconds(timeout))")
                    }
                for index in owners {
                    results[index] = .failure(connections[index].fail(kind, why))
                }
                break
            }
            for (entry, index) in zip(entries, owners) where entry.revents != 0 {
                do {
                    let socket = connections[index].socket!
                    if entry.revents & ~Int16(POLLOUT) != 0 { try socket.receiveAvailable() }
                    if entry.revents & Int16(POLLOUT) != 0 { try socket.sendAvailable() }
                } catch {
                    results[index] = .failure(error)
                }
            }
        }
        return results.map { $0! }
    }
}
