import Glibc
import PotterySystem

/// Reopening a connection that broke, or that the server closed while it sat idle (its idle
/// `timeout`, `CLIENT KILL`, a restart): the same connect, TLS and handshake (AUTH, SELECT,
/// CLIENT SETNAME, the cluster probe) as at first, into the same object, so every holder of it
/// (a `Quorum`, a structure) carries on with the new socket.
///
/// Nothing here resends a command by itself. Who may: a command that surely was not sent (the
/// connection was found dead before it was written) may go out again on the reopened connection;
/// one that may have run goes out again only when running it twice is harmless (an idempotent
/// compare-and-set, a read: `reconnecting(_:)`). A one-shot command keeps failing as before.
extension RedisConnection {
    /// Whether the connection still works, as far as can be told without a round trip: `false` once
    /// it is unusable, or when it is idle (nothing enqueued, no reply awaited) and the server has
    /// closed it — the socket reads end-of-file or an error; it is then closed and unusable, with
    /// that reason. A cluster connection drops its node connections found closed the same way (they
    /// are opened again when next needed) and stays usable.
    public func checkAlive() -> Bool {
        isUsable && transport.checkAlive()
    }

    /// Connects again to `url` with `options` (connect, TLS, handshake, cluster probe), within
    /// `timeout` seconds (default `options.timeout`), replacing the socket whatever its state:
    /// enqueued commands and unread replies are dropped. On failure the connection is left closed
    /// and unusable, and the error is thrown.
    public func reopen(timeout: Double? = nil) throws(RedisError) {
        let deadline = Deadline.after(seconds: timeout ?? options.timeout)
        if let error = Self.reopen([self], until: deadline)[0] { throw error }
    }

    /// Reopens the connection when it is unusable or the server closed it while idle
    /// (`checkAlive()`); returns whether it did.
    @discardableResult
    public func reopenIfBroken(timeout: Double? = nil) throws(RedisError) -> Bool {
        if checkAlive() { return false }
        try reopen(timeout: timeout)
        return true
    }

    /// Runs `exchange`, which must be harmless to run twice (a read, an idempotent write, a
    /// compare-and-set), after reopening the connection if it broke or was closed while idle; when
    /// the connection is lost during it (`.connectionLost`: the command may or may not have run),
    /// reopens once more and runs it again. The reopenings together take at most
    /// `options.timeout`; a timeout, a server error or an interruption is thrown as it is.
    public func reconnecting<T>(_ exchange: () throws(RedisError) -> T) throws(RedisError) -> T {
        let deadline = Deadline.after(seconds: options.timeout)
        if !checkAlive(), let error = Self.reopen([self], until: deadline)[0] { throw error }
        do {
            return try exchange()
        } catch  where error.kind == .connectionLost && !deadline.hasPassed {
            if let failure = Self.reopen([self], until: deadline)[0] { throw failure }
            return try exchange()
        }
    }

    /// Reopens `connections` together (connects polled at once, handshakes pipelined at once), each
    /// with its own URL and options, all by `deadline`; returns `nil` or the error per connection,
    /// in order. Used for the masters of a quorum.
    static func reopen(_ connections: [RedisConnection], until deadline: Deadline) -> [RedisError?] {
        guard !connections.isEmpty else { return [] }
        for connection in connections { connection.close() }
        let fresh = connectAll(
            connections.map { ($0.url, $0.options) }, connectTimeout: deadline.secondsLeft,
            handshakeDeadline: { deadline })
        return zip(connections, fresh).map { connection, result in
            switch result {
            case .success(let opened):
                connection.adopt(opened)
                return nil
            case .failure(let error):
                return error
            }
        }
    }

    /// Takes over the transport of `opened` (just connected, nothing in flight): its socket, or
    /// its cluster router.
    private func adopt(_ opened: RedisConnection) {
        close()
        transport = opened.transport
    }
}

extension ClusterRouter {
    /// Stays usable: forgets the connections of idle nodes (see `dropClosedIdleNodes`).
    func checkAlive() -> Bool {
        guard unusableReason == nil else { return false }
        dropClosedIdleNodes()
        return true
    }

    /// Forgets the connections of idle nodes (nothing awaited, nothing unsent) that the server
    /// closed; `connection(to:)` opens them again when next needed.
    func dropClosedIdleNodes() {
        for index in state.nodes.indices
        where state.nodes[index].awaiting == 0 && state.nodes[index].outbox.isEmpty {
            if let connection = connection(of: index), !connection.checkAlive() {
                setConnection(nil, for: index)
            }
        }
    }
}
