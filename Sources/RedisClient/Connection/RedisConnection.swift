import PotterySystem

import Glibc

/// One connection to one Redis server, with blocking I/O bounded by `poll(2)` timeouts.
///
/// Not `Sendable`: use one connection per thread. Two ways to talk:
/// - `call(_:)` sends one command and waits for its reply; an error reply is thrown;
/// - `enqueue(_:)` appends commands to the output buffer, `flush()` sends them in as few
///   `send(2)` calls as possible, and `readReply()` returns the replies in order (error replies
///   are returned as `.error`). Every enqueued command's reply must be read. For very large
///   pipelines, flush and read in batches (say every few thousand commands or a few MiB of
///   `bufferedOutputBytes`); while flushing, replies that arrive are buffered, so the server
///   never stalls on us, but they take memory until read. For throughput keep many commands in
///   flight: drain with `readReplyIfAvailable()` between flushes and wait for the rest at the end.
///
/// `call(_:as:)` decodes a reply into a Swift type (`RESPDecodable`) and rejects any other shape;
/// `RedisPipeline` streams any number of items as a windowed pipeline.
///
/// After a timeout, a lost connection, a protocol violation or an interruption
/// (`RedisConnectionOptions.interruptCheck`) the socket is closed and the
/// connection is unusable: every later call throws `.connectionLost` ("unusable after an
/// earlier error"); a one-shot caller fails, it never resends a command that may have run.
/// Reconnecting is explicit (`RedisConnection+Reopen.swift`): `checkAlive()` also notices, without
/// a round trip, an idle connection the server closed (idle `timeout`, `CLIENT KILL`);
/// `reopen()` / `reopenIfBroken()` connect again into this same object (TLS, AUTH, SELECT,
/// CLIENT SETNAME, cluster probe); `reconnecting(_:)` runs an idempotent exchange, reopening
/// before it and once after a connection lost during it. Long-lived work (a lock's watchdog and
/// release, a cache store after a long command, a follower, a REPL) uses them.
public final class RedisConnection {
    public let url: RedisURL
    public let options: RedisConnectionOptions
    /// The redacted server address used in errors.
    public let server: String

    /// What commands travel over: this connection's own socket, or, once the handshake found a
    /// Redis Cluster node, a router over the cluster's masters (see `adoptCluster(reply:)`).
    var transport: any RedisTransport
    /// The server's `run_id`, when asked: `connectAll` of several servers sends `INFO server` with
    /// the handshake so that ``serverIdentity`` tells servers apart by what they are, not by
    /// the address that reached them.
    var runID: String?
    /// Commands this server answered "unknown command" to (a server older than they are): not sent
    /// again on this connection (see ``lacks(_:)``).
    private var unknownCommands: Set<String> = []

    /// Whether this server said it does not know `command` (by name, `SINTERCARD`).
    public func lacks(_ command: String) -> Bool { unknownCommands.contains(command) }

    /// Remembers that this server does not know `command`.
    public func noteLacking(_ command: String) { unknownCommands.insert(command) }

    /// Connects (TCP through `getaddrinfo`, IPv4 and IPv6, or a unix socket) within
    /// `options.timeout`, then sends `AUTH`, `SELECT` and `CLIENT SETNAME` as needed, pipelined
    /// in one round trip. A rejected `AUTH` (or `NOAUTH`) throws `.authentication`.
    /// Name resolution itself (`getaddrinfo`) is not bounded by the timeout; IP literals and
    /// `/etc/hosts` names resolve at once.
    public convenience init(url: RedisURL, options: RedisConnectionOptions = .init()) throws(RedisError) {
        let fd: Int32
        switch Socket.connect(
            [url.endpoint], timeout: options.timeout, interruptCheck: options.interruptCheck,
            wake: options.wakeDescriptor)[0]
        {
        case .success(let connected): fd = connected
        case .failure(let failure):
            throw RedisError(kind: failure.kind, message: failure.message, server: url.redacted)
        }
        let socket = RedisSocket(url: url, options: options, fd: fd)
        self.init(transport: socket)
        if options.tls.applies(to: url) {
            try socket.startTLS(deadline: .after(seconds: options.timeout))
        }
        let commands = handshakeCommands()
        for command in commands { enqueue(command) }
        var replies: [RESPValue] = []
        for command in commands {
            do {
                replies.append(try readReply())
            } catch {
                throw error.with(command: type(of: command).fullName)
            }
        }
        if let error = handshakeError(commands, replies) {
            close()
            throw error
        }
        if options.clusterRouting, let reply = replies.last {
            try adoptCluster(reply: reply)
        }
    }

    /// A connection over `transport` (connected; its handshake done or to come).
    init(transport: any RedisTransport) {
        self.url = transport.url
        self.options = transport.options
        self.server = transport.server
        self.transport = transport
    }

    /// The socket of a plain connection (or of one node of a cluster); nil for a router.
    var socket: RedisSocket? { transport as? RedisSocket }

    /// The router of a cluster connection.
    var router: ClusterRouter? { transport as? ClusterRouter }

    /// `false` once the connection was closed or broke; then every call throws.
    public var isUsable: Bool { transport.unusableReason == nil }

    /// Replies of enqueued commands not read yet.
    public var pendingReplies: Int { transport.pendingReplies }

    /// Encoded bytes waiting for `flush()`.
    public var bufferedOutputBytes: Int { transport.bufferedOutputBytes }

    /// Whether the server is a Redis Cluster node, so that commands are routed by their keys.
    public var isCluster: Bool { transport is ClusterRouter }

    /// The certificate of the server this connection speaks TLS with; nil without TLS, and on a
    /// cluster (whose masters each have their own).
    public var peerCertificate: TLSPeerCertificate? { (transport as? RedisSocket)?.tls?.peerCertificate() }

    /// Closes the socket (every node's, on a cluster); later calls throw `.connectionLost`.
    public func close() { transport.close() }

    // MARK: - One-shot calls

    /// Sends one command and returns its reply; an error reply is thrown as `.server`
    /// (or `.authentication` for `NOAUTH`/`WRONGPASS`) with the server's code.
    /// Replies of commands enqueued earlier and not read are read and dropped first
    /// (a programming error, asserted in debug builds). On a cluster, with the policies of
    /// `ClusterRouter.dispatch` (`DBSIZE` summed over the masters, `DEL` of keys in several slots).
    public func call(_ arguments: [[UInt8]]) throws(RedisError) -> RESPValue {
        try transport.call(arguments)
    }

    /// `call` with string arguments (sent as UTF-8).
    public func call(_ arguments: String...) throws(RedisError) -> RESPValue {
        try transport.call(strings: arguments)
    }

    /// `call` with string arguments (sent as UTF-8).
    public func call(strings arguments: [String]) throws(RedisError) -> RESPValue {
        try transport.call(strings: arguments)
    }

    // MARK: - Pipelining

    /// Appends one command to the output buffer.
    public func enqueue(_ arguments: [[UInt8]]) {
        _ = enqueueEncoded(route: CommandRoute(arguments: arguments)) { $0.append(arguments) }
    }

    /// Appends one command to the output buffer.
    public func enqueue(_ arguments: some Collection<[UInt8]>) {
        _ = enqueueEncoded(route: CommandRoute(arguments: Array(arguments))) { $0.append(arguments) }
    }

    /// Appends one command given as strings (UTF-8).
    public func enqueue(_ arguments: String...) {
        _ = enqueueEncoded(route: CommandRoute(arguments: arguments.map { Array($0.utf8) })) {
            $0.append(arguments)
        }
    }

    /// Appends `command key arguments...` (e.g. `SADD key m1 ... mN`) without building an array.
    public func enqueue(command: String, key: [UInt8], arguments: some Collection<[UInt8]>) {
        _ = enqueueEncoded(route: CommandRoute(name: command, key: key)) { output in
            output.beginCommand(argumentCount: 2 + arguments.count)
            output.appendArgument(command)
            output.appendArgument(key)
            for argument in arguments { output.appendArgument(argument) }
        }
    }

    /// Appends one command of `argumentCount` arguments that `build` writes straight into the
    /// output buffer (exactly that many `appendArgument` calls). `build` must not use the connection.
    /// On a cluster the command goes to the node of `key` (without one, to the default node,
    /// which redirects it if it serves another slot).
    public func enqueue(argumentCount: Int, key: [UInt8]? = nil, _ build: (inout RESPCommandEncoder) -> Void)
    {
        _ = enqueueEncoded(route: CommandRoute(name: "", key: key)) { output in
            output.beginCommand(argumentCount: argumentCount)
            build(&output)
        }
    }

    /// Appends one command that `build` writes whole (`beginCommand(argumentCount:)`, then the
    /// arguments); returns the number of bytes it took. `build` must not use the connection.
    /// `route` is evaluated only on a cluster.
    func enqueueEncoded(
        route: @autoclosure () -> CommandRoute, _ build: (inout RESPCommandEncoder) -> Void
    ) -> Int {
        transport.enqueueEncoded(route: route, build)
    }

    /// Sends everything enqueued. Waits (up to the timeout without progress) while the socket is
    /// full, reading replies that arrive meanwhile into the read buffer.
    public func flush() throws(RedisError) {
        try transport.checkUsable()
        try transport.flush()
    }

    /// The next reply, whole within `options.timeout` of starting to wait for it.
    /// Error replies are returned as `.error`, in order. Flushes first if needed.
    public func readReply() throws(RedisError) -> RESPValue {
        try readReply(timeout: options.timeout)
    }

    /// The next reply; `timeout` bounds the whole reply, from when this call starts waiting for
    /// it (after flushing) until its last byte, so a server that drips bytes cannot stretch it.
    /// Each reply of a pipeline gets its own `timeout`: replies that keep coming never time out.
    /// `nil` waits forever (for blocking commands such as `BLPOP key 0`).
    public func readReply(timeout: Double?) throws(RedisError) -> RESPValue {
        try transport.checkUsable()
        return try transport.readReply(timeout: timeout)
    }

    /// A reply if one is complete in the read buffer or readable right now, without waiting;
    /// `nil` otherwise. Lets a bulk writer drain replies between flushes while keeping the
    /// pipeline deep (blocking on every batch's reply leaves the server idle).
    public func readReplyIfAvailable() throws(RedisError) -> RESPValue? {
        try transport.checkUsable()
        return try transport.readReplyIfAvailable()
    }

    /// Waits until the next reply's head has come and returns its leading bulk string (a
    /// SCAN-family reply's cursor) without consuming the reply, so that the next request can
    /// go out while the rest of this reply arrives; `nil` when the reply has another shape or
    /// the transport reads replies whole (a cluster router). Bounded by the timeout.
    public func peekLeadingBulkString() throws(RedisError) -> [UInt8]? {
        try transport.checkUsable()
        return try transport.peekLeadingBulkString(timeout: options.timeout)
    }

    /// Throws `.connectionLost` (why) once the connection is unusable.
    func checkUsable() throws(RedisError) { try transport.checkUsable() }

    /// Marks the connection unusable (closing it) and returns the error to throw.
    func fail(_ kind: RedisError.Kind, _ message: String) -> RedisError {
        transport.fail(kind, message)
    }
}

extension RedisError {
    /// The same error naming `command`, unless it already names one.
    func with(command: String) -> RedisError {
        var copy = self
        if copy.command == nil { copy.command = command }
        return copy
    }
}
