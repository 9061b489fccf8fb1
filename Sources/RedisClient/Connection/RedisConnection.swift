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

    var fd: Int32
    var parser = RESPParser()
    var output = RESPCommandEncoder()
    /// Bytes at the front of `output` already sent.
    var sent = 0
    /// Replies of enqueued commands not read yet (on this socket; see `pendingReplies`).
    private(set) var queuedReplies = 0
    /// Routes commands to the masters of a Redis Cluster, when the server is one.
    var router: ClusterRouter?
    /// Why the connection is unusable, once it is (cleared by a reopening).
    var unusableReason: String?
    /// The server's `run_id`, when asked: `connectAll` of several servers sends `INFO server` with
    /// the handshake so that ``serverIdentity`` tells servers apart by what they are, not by
    /// the address that reached them.
    var runID: String?

    /// Connects (TCP through `getaddrinfo`, IPv4 and IPv6, or a unix socket) within
    /// `options.timeout`, then sends `AUTH`, `SELECT` and `CLIENT SETNAME` as needed, pipelined
    /// in one round trip. A rejected `AUTH` (or `NOAUTH`) throws `.authentication`.
    /// Name resolution itself (`getaddrinfo`) is not bounded by the timeout; IP literals and
    /// `/etc/hosts` names resolve at once.
    public convenience init(url: RedisURL, options: RedisConnectionOptions = .init()) throws(RedisError) {
        let fd: Int32
        switch Socket.connect(
            [url.endpoint], timeout: options.timeout, interruptCheck: options.interruptCheck)[0]
        {
        case .success(let connected): fd = connected
        case .failure(let failure):
            throw RedisError(kind: failure.kind, message: failure.message, server: url.redacted)
        }
        self.init(url: url, options: options, fd: fd)
        if options.tls.applies(to: url) {
            try startTLS(deadline: .after(seconds: options.timeout))
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

    /// The TLS session, when the connection speaks TLS.
    var tls: TLSSession?

    /// Wraps a connected socket; no handshake.
    init(url: RedisURL, options: RedisConnectionOptions, fd: Int32) {
        self.url = url
        self.options = options
        self.server = url.redacted
        self.fd = fd
    }

    deinit {
        Socket.close(fd)
    }

    /// `false` once the connection was closed or broke; then every call throws.
    public var isUsable: Bool { unusableReason == nil }

    /// Replies of enqueued commands not read yet.
    public var pendingReplies: Int { router?.pendingReplies ?? queuedReplies }

    /// Encoded bytes waiting for `flush()`.
    public var bufferedOutputBytes: Int { router?.bufferedOutputBytes ?? output.count - sent }

    /// Whether the server is a Redis Cluster node, so that commands are routed by their keys.
    public var isCluster: Bool { router != nil }

    /// Closes the socket; later calls throw `.connectionLost`.
    public func close() {
        if let router {
            router.closeAll()
        }
        tls = nil
        Socket.close(fd)
        fd = -1
        if unusableReason == nil { unusableReason = "the connection is closed" }
        parser.reset()
        output.removeAll()
        sent = 0
        queuedReplies = 0
    }

    // MARK: - One-shot calls

    /// Sends one command and returns its reply; an error reply is thrown as `.server`
    /// (or `.authentication` for `NOAUTH`/`WRONGPASS`) with the server's code.
    /// Replies of commands enqueued earlier and not read are read and dropped first
    /// (a programming error, asserted in debug builds).
    public func call(_ arguments: [[UInt8]]) throws(RedisError) -> RESPValue {
        if router != nil { return try routedCall(arguments) }
        enqueue(arguments)
        return try finishCall { RedisError.commandName(arguments) }
    }

    /// `call` with string arguments (sent as UTF-8).
    public func call(_ arguments: String...) throws(RedisError) -> RESPValue {
        try call(strings: arguments)
    }

    /// `call` with string arguments (sent as UTF-8).
    public func call(strings arguments: [String]) throws(RedisError) -> RESPValue {
        if router != nil { return try routedCall(arguments.map { Array($0.utf8) }) }
        output.append(arguments)
        queuedReplies += 1
        return try finishCall { RedisError.commandName(arguments.map { Array($0.utf8) }) }
    }

    private func finishCall(_ name: () -> String) throws(RedisError) -> RESPValue {
        assert(queuedReplies == 1, "call() with \(queuedReplies - 1) unread pipelined replies")
        do throws(RedisError) {
            var reply = try readReply()
            while queuedReplies > 0 { reply = try readReply() }
            if case .error(let bytes) = reply { throw RedisError(reply: bytes, server: server, command: nil) }
            return reply
        } catch {
            throw error.with(command: name())
        }
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
    /// On a cluster, the command is encoded apart and handed to the router with `route`, which
    /// is evaluated only there.
    func enqueueEncoded(
        route: @autoclosure () -> CommandRoute, _ build: (inout RESPCommandEncoder) -> Void
    ) -> Int {
        if let router {
            // One allocation per command, sized by the last one (bulk commands are alike).
            var encoder = RESPCommandEncoder(reservingCapacity: router.encodingCapacity)
            build(&encoder)
            router.encodingCapacity = min(max(encoder.count + 64, 256), 1 << 20)
            router.enqueue(encoder.buffer, route: route())
            return encoder.count
        }
        let before = output.count
        build(&output)
        queuedReplies += 1
        return output.count - before
    }

    /// Appends commands encoded earlier, one reply each (`count`).
    func enqueueRaw(_ bytes: [UInt8], count: Int = 1) {
        output.appendEncoded(bytes)
        queuedReplies += count
    }

    /// Sends everything enqueued. Waits (up to the timeout without progress) while the socket is
    /// full, reading replies that arrive meanwhile into the read buffer.
    public func flush() throws(RedisError) {
        try checkUsable()
        if let router {
            do {
                return try router.flush()
            } catch {
                throw routerFailed(error)
            }
        }
        var deadline: Deadline?
        while sent < output.count {
            let result = output.buffer.withUnsafeBytes { bytes in
                transportSend(UnsafeRawBufferPointer(rebasing: bytes[sent...]))
            }
            switch result {
            case .transferred(let count):
                sent += count
                deadline = nil
            case .wouldBlock:
                if deadline == nil { deadline = .after(seconds: options.timeout) }
                let wanted =
                    Int16(POLLOUT) | (queuedReplies > 0 || tls?.wantsRead == true ? Int16(POLLIN) : 0)
                switch Socket.wait(fd, for: wanted, until: deadline!, interruptCheck: options.interruptCheck)
                {
                case .ready(let events):
                    if events & Int16(POLLIN) != 0 { try receiveAvailable() }
                case .timedOut:
                    throw fail(.timeout, "the server took no data for \(formatSeconds(options.timeout))")
                case .interrupted:
                    throw fail(.interrupted, "interrupted")
                }
            case .closed:
                throw fail(.connectionLost, "the server closed the connection")
            case .failed(let code):
                throw fail(.connectionLost, errorText(code))
            }
        }
        output.removeAll()
        sent = 0
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
        try checkUsable()
        if let router {
            do {
                return try router.readReply(timeout: timeout)
            } catch {
                throw routerFailed(error)
            }
        }
        if sent < output.count { try flush() }
        if let reply = try bufferedReply() { return reply }
        let deadline = Deadline.after(seconds: timeout)
        while true {
            try receiveMore(until: deadline, timeout: timeout)
            if let reply = try bufferedReply() { return reply }
            // Bytes that keep coming do not stretch it either: one clock read per read, not per byte.
            if deadline.hasPassed { throw timedOut(timeout) }
        }
    }

    /// A reply if one is complete in the read buffer or readable right now, without waiting;
    /// `nil` otherwise. Lets a bulk writer drain replies between flushes while keeping the
    /// pipeline deep (blocking on every batch's reply leaves the server idle).
    public func readReplyIfAvailable() throws(RedisError) -> RESPValue? {
        try checkUsable()
        if let router {
            do {
                return try router.readReplyIfAvailable()
            } catch {
                throw routerFailed(error)
            }
        }
        if let reply = try bufferedReply() { return reply }
        try receiveAvailable()
        return try bufferedReply()
    }

    // MARK: - Internals shared with fan-out

    /// A reply already in the read buffer, if complete.
    func bufferedReply() throws(RedisError) -> RESPValue? {
        let reply: RESPValue?
        do {
            reply = try parser.next()
        } catch {
            throw fail(.protocolViolation, "malformed reply: \(error.message)")
        }
        if reply != nil && queuedReplies > 0 { queuedReplies -= 1 }
        return reply
    }

    /// Reads at least one byte of a reply due by `deadline`.
    private func receiveMore(until deadline: Deadline, timeout: Double?) throws(RedisError) {
        while true {
            switch transportReceive() {
            case .transferred:
                return
            case .wouldBlock:
                switch Socket.wait(
                    fd, for: waitEventsForInput, until: deadline, interruptCheck: options.interruptCheck)
                {
                case .ready: break
                case .timedOut: throw timedOut(timeout)
                case .interrupted: throw fail(.interrupted, "interrupted")
                }
            case .closed:
                throw lost(nil)
            case .failed(let code):
                throw lost(code)
            }
        }
    }

    /// One non-blocking read; returns without data if none is available.
    func receiveAvailable() throws(RedisError) {
        switch transportReceive() {
        case .transferred, .wouldBlock: return
        case .closed: throw lost(nil)
        case .failed(let code): throw lost(code)
        }
    }

    /// Non-blocking send of as much of the output buffer as the socket takes.
    func sendAvailable() throws(RedisError) {
        while sent < output.count {
            let result = output.buffer.withUnsafeBytes { bytes in
                transportSend(UnsafeRawBufferPointer(rebasing: bytes[sent...]))
            }
            switch result {
            case .transferred(let count): sent += count
            case .wouldBlock: return
            case .closed: throw lost(nil)
            case .failed(let code): throw lost(code)
            }
        }
        output.removeAll()
        sent = 0
    }

    func checkUsable() throws(RedisError) {
        guard let unusableReason else { return }
        // Commands enqueued on a dead connection are dropped, not accumulated.
        output.removeAll()
        sent = 0
        queuedReplies = 0
        throw RedisError(kind: .connectionLost, message: unusableReason, server: server)
    }

    /// The reply awaited for `timeout` did not come whole; says whether part of it did.
    private func timedOut(_ timeout: Double?) -> RedisError {
        let what = parser.bufferedByteCount > 0 ? "no complete reply" : "no reply"
        return fail(.timeout, "\(what) within \(formatSeconds(timeout))")
    }

    private func lost(_ code: Int32?) -> RedisError {
        let why = code.map(errorText) ?? "the server closed the connection"
        return fail(.connectionLost, parser.bufferedByteCount > 0 ? why + " in the middle of a reply" : why)
    }

    /// Marks the connection unusable, closes the socket and returns the error to throw.
    func fail(_ kind: RedisError.Kind, _ message: String) -> RedisError {
        close()
        unusableReason = "connection unusable after an earlier error: " + message
        return RedisError(kind: kind, message: message, server: server)
    }
}

// MARK: - Cluster

extension RedisConnection {
    /// `call` on a cluster: routed, with the policies of `ClusterRouter.call`.
    private func routedCall(_ arguments: [[UInt8]]) throws(RedisError) -> RESPValue {
        try checkUsable()
        do {
            return try router!.call(arguments)
        } catch  where error.kind == .server || error.kind == .authentication {
            throw error
        } catch {
            throw routerFailed(error).with(command: RedisError.commandName(arguments))
        }
    }

    /// A routed exchange failed beyond recovery: like a broken single connection, this one is
    /// unusable from now on (every node connection is closed).
    private func routerFailed(_ error: RedisError) -> RedisError {
        guard error.kind != .server, error.kind != .authentication else { return error }
        close()
        unusableReason = "connection unusable after an earlier error: " + error.message
        return error
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
