import Glibc
import PotterySystem

/// A failure below the Redis protocol; the connection adds the server and command.
struct SocketFailure: Error {
    var kind: RedisError.Kind
    var message: String
}

/// Thin, non-blocking POSIX socket calls. Every wait goes through `poll(2)`; `send(2)` uses
/// `MSG_NOSIGNAL` so a closed peer is an `EPIPE`, never a `SIGPIPE`.
enum Socket {
    enum IOResult {
        case transferred(Int)
        case wouldBlock
        /// End of stream (a read of 0 bytes).
        case closed
        case failed(Int32)
    }

    /// Sends from `bytes`, retrying on `EINTR`.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> IOResult {
        while true {
            let sent = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if sent >= 0 { return .transferred(sent) }
            let error = errno
            if error == EINTR { continue }
            return error == EAGAIN || error == EWOULDBLOCK ? .wouldBlock : .failed(error)
        }
    }

    /// Receives into the parser's free space, retrying on `EINTR`.
    static func receive(_ fd: Int32, into parser: inout RESPParser) -> IOResult {
        while true {
            let result = parser.readInto { space in
                let received = recv(fd, space.baseAddress, space.count, 0)
                return received >= 0 ? received : -Int(errno)
            }
            if result > 0 { return .transferred(result) }
            if result == 0 { return .closed }
            let error = Int32(-result)
            if error == EINTR { continue }
            return error == EAGAIN || error == EWOULDBLOCK ? .wouldBlock : .failed(error)
        }
    }

    /// How a wait ended.
    enum WaitResult {
        /// The events seen (`POLLERR` when `poll` itself failed).
        case ready(Int16)
        case timedOut
        /// `interruptCheck` returned `true`.
        case interrupted
    }

    /// Waits until `fd` has one of `events` or `deadline` passes. On `EINTR` (a signal handler
    /// installed without `SA_RESTART`) asks `interruptCheck`: `true` abandons the wait, otherwise
    /// it goes on with the remaining time. The check is also asked before every `poll`, so a
    /// signal that landed just before the wait is not missed. `wake` (a ``RedisCancellation``'s
    /// read end, or -1 for none) is polled beside `fd`: readable, it ends the wait as interrupted.
    static func wait(
        _ fd: Int32, for events: Int16, until deadline: Deadline, interruptCheck: (@Sendable () -> Bool)?,
        wake: Int32 = -1
    ) -> WaitResult {
        var entries = (
            pollfd(fd: fd, events: events, revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)
        )
        while true {
            if interruptCheck?() == true { return .interrupted }
            let ready = withUnsafeMutableBytes(of: &entries) { raw in
                poll(
                    raw.baseAddress!.assumingMemoryBound(to: pollfd.self), wake >= 0 ? 2 : 1,
                    deadline.pollTimeout)
            }
            if ready > 0 { return entries.1.revents != 0 ? .interrupted : .ready(entries.0.revents) }
            if ready == 0 { return .timedOut }
            if errno != EINTR { return .ready(Int16(POLLERR)) }
        }
    }

    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    static func close(_ fd: Int32) {
        if fd >= 0 { _ = Glibc.close(fd) }
    }
}

// MARK: - Connecting

extension Socket {
    /// One resolved socket address.
    struct Address {
        var family: Int32
        var storage = sockaddr_storage()
        var length: socklen_t = 0
    }

    /// Resolves a TCP host (IPv4 and IPv6, through `getaddrinfo`) or builds a unix address.
    static func resolve(_ endpoint: RedisURL.Endpoint) throws(SocketFailure) -> [Address] {
        switch endpoint {
        case .unix(let path):
            var address = Address(family: AF_UNIX)
            let bytes = Array(path.utf8)
            let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
            guard bytes.count < capacity else {
                throw SocketFailure(
                    kind: .connect, message: "unix socket path longer than \(capacity - 1) bytes")
            }
            withUnsafeMutableBytes(of: &address.storage) { raw in
                let un = raw.bindMemory(to: sockaddr_un.self).baseAddress!
                un.pointee.sun_family = sa_family_t(AF_UNIX)
                withUnsafeMutableBytes(of: &un.pointee.sun_path) { path in
                    path.copyBytes(from: bytes)
                    path[bytes.count] = 0
                }
            }
            address.length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + 1)
            return [address]
        case .tcp(let host, let port):
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            hints.ai_flags = AI_NUMERICSERV
            var list: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(host, String(port), &hints, &list)
            guard status == 0, let list else {
                let why = status == EAI_SYSTEM ? errorText(errno) : String(cString: gai_strerror(status))
                throw SocketFailure(kind: .connect, message: "cannot resolve host: \(why)")
            }
            defer { freeaddrinfo(list) }
            var addresses: [Address] = []
            var next: UnsafeMutablePointer<addrinfo>? = list
            while let entry = next {
                if let socketAddress = entry.pointee.ai_addr {
                    var address = Address(family: entry.pointee.ai_family)
                    address.length = entry.pointee.ai_addrlen
                    withUnsafeMutableBytes(of: &address.storage) { raw in
                        raw.copyMemory(
                            from: UnsafeRawBufferPointer(start: socketAddress, count: Int(address.length)))
                    }
                    addresses.append(address)
                }
                next = entry.pointee.ai_next
            }
            return addresses
        }
    }

    /// A non-blocking connect that falls through a host's addresses in order.
    struct ConnectAttempt {
        let addresses: [Address]
        var index = 0
        var fd: Int32 = -1
        var lastError = "no address to connect to"

        enum Status {
            case connected(Int32)
            case inProgress(Int32)
            case failed(String)
        }

        init(addresses: [Address]) {
            self.addresses = addresses
        }

        /// Starts connecting to the next address (or reports the last failure).
        mutating func start() -> Status {
            while index < addresses.count {
                var address = addresses[index]
                index += 1
                let kind =
                    Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
                fd = socket(address.family, kind, 0)
                guard fd >= 0 else {
                    lastError = errorText(errno)
                    continue
                }
                if fd < 3 {
                    // Never talk to Redis on a standard descriptor: a stray print would go to
                    // the server. Move it up (the copy shares O_NONBLOCK; F_DUPFD_CLOEXEC sets
                    // close-on-exec).
                    let moved = fcntl(fd, F_DUPFD_CLOEXEC, Int32(3))
                    let error = errno
                    Socket.close(fd)
                    fd = moved
                    guard moved >= 0 else {
                        lastError = errorText(error)
                        continue
                    }
                }
                let result = withUnsafePointer(to: &address.storage) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        Glibc.connect(fd, $0, address.length)
                    }
                }
                if result == 0 { return connected() }
                let error = errno
                if error == EINPROGRESS || error == EINTR { return .inProgress(fd) }
                fail(error)
            }
            return .failed(lastError)
        }

        /// After `poll` reported the socket writable (or in error): done, failed over, or failed.
        mutating func check() -> Status {
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            if getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0 { error = errno }
            if error == 0 { return connected() }
            fail(error)
            return start()
        }

        /// Closes the socket of an attempt that is abandoned.
        mutating func cancel() {
            Socket.close(fd)
            fd = -1
        }

        private mutating func fail(_ error: Int32) {
            lastError = errorText(error)
            cancel()
        }

        private mutating func connected() -> Status {
            if addresses[index - 1].family != AF_UNIX {
                var one: Int32 = 1
                _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            }
            return .connected(fd)
        }
    }

    /// Connects to every endpoint at once, polling all pending connects together until `timeout`;
    /// `interruptCheck` and `wake` as in `wait`.
    static func connect(
        _ endpoints: [RedisURL.Endpoint], timeout: Double, interruptCheck: (@Sendable () -> Bool)?,
        wake: Int32 = -1
    ) -> [Result<Int32, SocketFailure>] {
        let deadline = Deadline.after(seconds: timeout)
        var results = [Result<Int32, SocketFailure>?](repeating: nil, count: endpoints.count)
        var attempts: [ConnectAttempt?] = Array(repeating: nil, count: endpoints.count)
        func record(_ index: Int, _ status: ConnectAttempt.Status) {
            switch status {
            case .connected(let fd): results[index] = .success(fd)
            case .inProgress: return
            case .failed(let why): results[index] = .failure(SocketFailure(kind: .connect, message: why))
            }
            attempts[index] = nil
        }
        for (index, endpoint) in endpoints.enumerated() {
            do {
                var attempt = ConnectAttempt(addresses: try resolve(endpoint))
                let status = attempt.start()
                attempts[index] = attempt
                record(index, status)
            } catch {
                results[index] = .failure(error)
            }
        }
        while true {
            var entries: [pollfd] = []
            var owners: [Int] = []
            for (index, attempt) in attempts.enumerated() {
                guard let attempt else { continue }
                entries.append(pollfd(fd: attempt.fd, events: Int16(POLLOUT), revents: 0))
                owners.append(index)
            }
            if entries.isEmpty { break }
            let outcome = PollSet.wait(&entries, until: deadline, interruptCheck: interruptCheck, wake: wake)
            if outcome != .ready {
                let (kind, why): (RedisError.Kind, String) =
                    switch outcome {
                    case .interrupted: (.interrupted, "interrupted")
                    case .failed(let error): (.connect, errorText(error))
                    default: (.timeout, "connect timed out after \(formatSeconds(timeout))")
                    }
                for index in owners {
                    attempts[index]?.cancel()
                    attempts[index] = nil
                    results[index] = .failure(SocketFailure(kind: kind, message: why))
                }
                break
            }
            for (entry, index) in zip(entries, owners) where entry.revents != 0 {
                let status = attempts[index]!.check()
                record(index, status)
            }
        }
        return results.map { $0! }
    }
}
