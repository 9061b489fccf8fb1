import Glibc
import PotterySystem

/// TLS under the RESP stream: every byte goes through the session when there is one.
extension RedisSocket {
    /// Starts TLS on the connected socket and completes the handshake by `deadline` (the connection
    /// timeout bounds the handshake too: a listener that never speaks TLS fails in time).
    func startTLS(deadline: Deadline) throws(RedisError) {
        try beginTLS()
        while let events = try handshakeStep() {
            switch Socket.wait(
                fd, for: events, until: deadline, interruptCheck: options.interruptCheck,
                wake: options.wakeDescriptor)
            {
            case .ready: continue
            case .timedOut:
                throw fail(.timeout, "no TLS handshake within \(formatSeconds(options.timeout))")
            case .interrupted:
                throw fail(.interrupted, "interrupted")
            }
        }
    }

    /// Creates the session, verifying the URL's host (or `tls.serverName`).
    func beginTLS() throws(RedisError) {
        var host = options.tls.serverName
        if host == nil, case .tcp(let name, _) = url.endpoint { host = name }
        do {
            tls = try TLSSession(fd: fd, host: host, options: options.tls)
        } catch {
            throw fail(.connect, error.message)
        }
    }

    /// One step of the handshake: nil when it is done, else the poll events to wait for.
    func handshakeStep() throws(RedisError) -> Int16? {
        guard let tls else { return nil }
        switch tls.handshake() {
        case .done: return nil
        case .waiting: return tls.wantsWrite ? Int16(POLLOUT) : Int16(POLLIN)
        case .failed(let why): throw fail(.connect, "TLS: " + why)
        }
    }

    func transportSend(_ bytes: UnsafeRawBufferPointer) -> Socket.IOResult {
        if let tls { return tls.send(bytes) }
        return Socket.send(fd, bytes)
    }

    func transportReceive() -> Socket.IOResult {
        if let tls { return tls.receive(into: &parser) }
        return Socket.receive(fd, into: &parser)
    }

    /// What to wait for before input can arrive: readable, and writable when TLS must write first.
    var waitEventsForInput: Int16 {
        Int16(POLLIN) | (tls?.wantsWrite == true ? Int16(POLLOUT) : 0)
    }

    /// The reason for a failed transfer: the socket's errno, or TLS's own words.
    func errorText(_ code: Int32) -> String {
        if code == EPROTO, let why = tls?.failure { return "TLS: " + why }
        return Socket.errorText(code)
    }
}
