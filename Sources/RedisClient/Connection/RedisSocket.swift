import Glibc
import PotterySystem

/// One socket to one Redis server: the output buffer, the resumable reply parser, TLS when
/// spoken, and blocking I/O bounded by `poll(2)` timeouts. What a plain ``RedisConnection``
/// talks through, and each node connection of a cluster's `ClusterRouter`.
///
/// After a timeout, a lost connection, a protocol violation or an interruption the socket is
/// closed and the transport unusable (`unusableReason`); every later exchange throws.
final class RedisSocket: RedisTransport {
    let url: RedisURL
    let options: RedisConnectionOptions
    /// The redacted server address used in errors.
    let server: String

    var fd: Int32
    /// The TLS session, when the connection speaks TLS.
    var tls: TLSSession?
    var parser = RESPParser()
    var output = RESPCommandEncoder()
    /// Bytes at the front of `output` already sent.
    var sent = 0
    /// Replies of enqueued commands not read yet.
    private(set) var queuedReplies = 0
    var unusableReason: String?

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

    /// `false` once closed or broken.
    var isUsable: Bool { unusableReason == nil }

    var pendingReplies: Int { queuedReplies }

    var bufferedOutputBytes: Int { output.count - sent }

    /// Closes the socket; later exchanges throw `.connectionLost`.
    func close() {
        tls = nil
        Socket.close(fd)
        fd = -1
        if unusableReason == nil { unusableReason = "the connection is closed" }
        parser.reset()
        output.removeAll()
        sent = 0
        queuedReplies = 0
    }

    /// `false` when closed or broken, or when idle (nothing enqueued, no reply awaited) and the
    /// server has closed it: the socket reads end-of-file or an error (it is then closed, with
    /// that reason). Asks nothing of the server.
    func checkAlive() -> Bool {
        guard isUsable else { return false }
        guard queuedReplies == 0, bufferedOutputBytes == 0, fd >= 0 else { return true }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 0) > 0 else { return true }
        do {
            try receiveAvailable()
        } catch {
            return false
        }
        return isUsable
    }

    // MARK: - One-shot calls

    func call(_ arguments: [[UInt8]]) throws(RedisError) -> RESPValue {
        _ = enqueueEncoded(route: { .init(slot: -1) }) { $0.append(arguments) }
        return try finishCall { RedisError.commandName(arguments) }
    }

    func call(strings arguments: [String]) throws(RedisError) -> RESPValue {
        output.append(arguments)
        queuedReplies += 1
        return try finishCall { RedisError.commandName(arguments.map { Array($0.utf8) }) }
    }

    private func finishCall(_ name: () -> String) throws(RedisError) -> RESPValue {
        assert(queuedReplies == 1, "call() with \(queuedReplies - 1) unread pipelined replies")
        do throws(RedisError) {
            var reply = try readReply(timeout: options.timeout)
            while queuedReplies > 0 { reply = try readReply(timeout: options.timeout) }
            if case .error(let bytes) = reply { throw RedisError(reply: bytes, server: server, command: nil) }
            return reply
        } catch {
            throw error.with(command: name())
        }
    }

    // MARK: - Pipelining

    /// Appends one command that `build` writes whole; `route` matters only to a router.
    func enqueueEncoded(route: () -> CommandRoute, _ build: (inout RESPCommandEncoder) -> Void) -> Int {
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
    func flush() throws(RedisError) {
        try checkUsable()
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
                switch Socket.wait(
                    fd, for: wanted, until: deadline!, interruptCheck: options.interruptCheck,
                    wake: options.wakeDescriptor)
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

    /// The next reply; `timeout` bounds the whole reply, from when this call starts waiting for
    /// it (after flushing) until its last byte, so a server that drips bytes cannot stretch it.
    /// Each reply of a pipeline gets its own `timeout`: replies that keep coming never time out.
    /// `nil` waits forever (for blocking commands such as `BLPOP key 0`).
    func readReply(timeout: Double?) throws(RedisError) -> RESPValue {
        try checkUsable()
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
    func readReplyIfAvailable() throws(RedisError) -> RESPValue? {
        try checkUsable()
        if let reply = try bufferedReply() { return reply }
        try receiveAvailable()
        return try bufferedReply()
    }

    func peekLeadingBulkString(timeout: Double?) throws(RedisError) -> [UInt8]? {
        try checkUsable()
        if sent < output.count { try flush() }
        let deadline = Deadline.after(seconds: timeout)
        while true {
            switch parser.peekLeadingBulkString() {
            case .found(let head): return head
            case .otherShape: return nil
            case .incomplete:
                if deadline.hasPassed { throw timedOut(timeout) }
                try receiveMore(until: deadline, timeout: timeout)
            }
        }
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
                    fd, for: waitEventsForInput, until: deadline, interruptCheck: options.interruptCheck,
                    wake: options.wakeDescriptor)
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
