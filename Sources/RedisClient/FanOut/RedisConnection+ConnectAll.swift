import Glibc
import PotterySystem

/// Connecting to several servers at once.
extension RedisConnection {
    /// Connects to every URL in parallel (non-blocking connects polled together, then all
    /// handshakes pipelined and polled together) and returns a connection or an error per URL,
    /// in order. Takes at most about twice `options.timeout` (connect, then handshake). With more
    /// than one URL, `INFO server` goes with each handshake (no extra round trip), so that
    /// ``serverIdentity`` names each server by its `run_id`.
    public static func connectAll(
        _ urls: [RedisURL], options: RedisConnectionOptions = .init()
    ) -> [Result<RedisConnection, RedisError>] {
        connectAll(
            urls.map { ($0, options) }, connectTimeout: options.timeout,
            handshakeDeadline: { .after(seconds: options.timeout) })
    }

    /// `connectAll` with options per URL (the first one's `interruptCheck` serves all): connects
    /// within `connectTimeout` (`nil`: no bound), then each handshake phase (TLS, then the
    /// commands) by a `handshakeDeadline()` taken as it starts.
    static func connectAll(
        _ targets: [(url: RedisURL, options: RedisConnectionOptions)], connectTimeout: Double?,
        handshakeDeadline: () -> Deadline
    ) -> [Result<RedisConnection, RedisError>] {
        let interruptCheck = targets.first?.options.interruptCheck
        let sockets = Socket.connect(
            targets.map(\.url.endpoint), timeout: connectTimeout ?? -1, interruptCheck: interruptCheck)
        var results: [Result<RedisConnection, RedisError>] = []
        var connections: [RedisConnection] = []
        var slots: [Int] = []
        var handshakes: [[any RedisCommand]] = []
        let identify = targets.count > 1
        for ((url, options), socket) in zip(targets, sockets) {
            switch socket {
            case .success(let fd):
                let connection = RedisConnection(transport: RedisSocket(url: url, options: options, fd: fd))
                if options.tls.applies(to: url) {
                    do {
                        try connection.socket!.beginTLS()
                    } catch {
                        results.append(.failure(error))
                        continue
                    }
                }
                let commands = connection.handshakeCommands()
                for command in commands { connection.enqueue(command) }
                if identify { connection.enqueue(INFO("server")) }
                slots.append(results.count)
                connections.append(connection)
                handshakes.append(commands)
                results.append(.success(connection))
            case .failure(let failure):
                results.append(
                    .failure(RedisError(kind: failure.kind, message: failure.message, server: url.redacted)))
            }
        }
        for (index, error) in handshakeTLS(connections, until: handshakeDeadline()) {
            results[slots[index]] = .failure(error)
        }
        let replies = exchange(
            connections, counts: handshakes.map { $0.count + (identify ? 1 : 0) },
            deadline: handshakeDeadline(),
            timeout: ((connectTimeout ?? 0) * 1000).rounded() / 1000, interruptCheck: interruptCheck)
        for (index, (connection, reply)) in zip(connections, replies).enumerated() {
            switch reply {
            case .success(var values):
                if identify, let info = values.popLast() { connection.runID = runID(inInfo: info) }
                if let error = connection.handshakeError(handshakes[index], values) {
                    connection.close()
                    results[slots[index]] = .failure(error)
                } else if connection.options.clusterRouting, let reply = values.last {
                    do {
                        try connection.adoptCluster(reply: reply)
                    } catch {
                        results[slots[index]] = .failure(error)
                    }
                }
            case .failure(let error):
                let name = handshakes[index].first.map { type(of: $0).fullName } ?? "CONNECT"
                results[slots[index]] = .failure(error.with(command: name))
            }
        }
        return results
    }

    /// Completes the TLS handshakes of `connections` (those that have a session) together, polled
    /// at once until `deadline`; returns the index and error of each that failed (now unusable).
    static func handshakeTLS(_ connections: [RedisConnection], until deadline: Deadline) -> [(
        Int, RedisError
    )] {
        var failures: [(Int, RedisError)] = []
        var waiting: [Int: Int16] = [:]
        for (index, connection) in connections.enumerated() where connection.socket?.tls != nil {
            do {
                if let events = try connection.socket!.handshakeStep() { waiting[index] = events }
            } catch {
                failures.append((index, error))
            }
        }
        while !waiting.isEmpty {
            let owners = Array(waiting.keys)
            var entries = owners.map {
                pollfd(fd: connections[$0].socket!.fd, events: waiting[$0]!, revents: 0)
            }
            let outcome = PollSet.wait(
                &entries, until: deadline, interruptCheck: connections.first?.options.interruptCheck)
            if outcome == .interrupted {
                for index in owners {
                    failures.append((index, connections[index].fail(.interrupted, "interrupted")))
                }
                break
            }
            if outcome != .ready {
                for index in owners {
                    let timeout = connections[index].options.timeout
                    failures.append(
                        (
                            index,
                            connections[index].fail(
                                .timeout, "no TLS handshake within \(formatSeconds(timeout))")
                        ))
                }
                break
            }
            for (entry, index) in zip(entries, owners) where entry.revents != 0 {
                do {
                    if let events = try connections[index].socket!.handshakeStep() {
                        waiting[index] = events
                    } else {
                        waiting[index] = nil
                    }
                } catch {
                    waiting[index] = nil
                    failures.append((index, error))
                }
            }
        }
        return failures
    }
}
