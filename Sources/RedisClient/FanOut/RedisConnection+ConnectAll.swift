/// Connecting to several servers at once.
extension RedisConnection {
    /// Connects to every URL in parallel (non-blocking connects polled together, then all
    /// handshakes pipelined and polled together) and returns a connection or an error per URL,
    /// in order. Takes at most about twice `options.timeout` (connect, then handshake).
    public static func connectAll(
        _ urls: [RedisURL], options: RedisConnectionOptions = .init()
    ) -> [Result<RedisConnection, RedisError>] {
        let sockets = Socket.connect(
            urls.map(\.endpoint), timeout: options.timeout, interruptCheck: options.interruptCheck)
        var results: [Result<RedisConnection, RedisError>] = []
        var connections: [RedisConnection] = []
        var slots: [Int] = []
        var handshakes: [[[[UInt8]]]] = []
        for (url, socket) in zip(urls, sockets) {
            switch socket {
            case .success(let fd):
                let connection = RedisConnection(url: url, options: options, fd: fd)
                let commands = connection.handshakeCommands()
                for command in commands { connection.enqueue(command) }
                slots.append(results.count)
                connections.append(connection)
                handshakes.append(commands)
                results.append(.success(connection))
            case .failure(let failure):
                results.append(
                    .failure(RedisError(kind: failure.kind, message: failure.message, server: url.redacted)))
            }
        }
        let replies = exchange(
            connections, counts: handshakes.map(\.count), deadline: .after(seconds: options.timeout),
            timeout: options.timeout, interruptCheck: options.interruptCheck)
        for (index, (connection, reply)) in zip(connections, replies).enumerated() {
            switch reply {
            case .success(let values):
                if let error = connection.handshakeError(handshakes[index], values) {
                    connection.close()
                    results[slots[index]] = .failure(error)
                }
            case .failure(let error):
                let name = handshakes[index].first.map { RedisError.commandName($0) } ?? "CONNECT"
                results[slots[index]] = .failure(error.with(command: name))
            }
        }
        return results
    }
}
