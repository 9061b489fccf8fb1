import Foundation
import Glibc

/// A loopback TCP server that speaks just enough RESP to play a *broken* Redis: it parses each
/// command (a RESP array of bulk strings) and answers with whatever `respond` scripts: raw
/// bytes (wrong shapes, never-ending cursors, odd HSCAN batches), silence, or a closed
/// connection, possibly mid-reply. Never a stand-in for a working Redis: use a real one.
///
/// Each connection's first `CLUSTER SHARDS` (the cluster probe the client sends with its
/// handshake) is answered as a server without cluster support would, and is neither recorded nor
/// passed to `respond`; later ones are.
///
/// Serves any number of connections on one thread (one `poll` loop); `stop()` (or `deinit`)
/// closes everything and joins it.
public final class FakeRedisServer: @unchecked Sendable {
    /// What to do with one command.
    public enum Reply: Sendable {
        /// Send these bytes (any RESP, valid or not) and go on reading.
        case raw([UInt8])
        /// Send nothing and go on reading (a server that never answers).
        case silence
        /// Send these bytes, then close the connection (e.g. half a reply).
        case rawThenClose([UInt8])
        /// Close the connection without answering.
        case close
        /// Send these pieces `interval` seconds apart, the first at once (or `interval` after the
        /// last piece of earlier drips still pending), and go on reading: a server that drips a
        /// reply, or the replies of a pipeline, slowly but steadily.
        case drip([[UInt8]], interval: Double)
        /// Send `head`, then `element` again and again for as long as the client takes them, and
        /// go on reading: a reply that never ends (e.g. `*2147483647\r\n` then `:1\r\n` forever).
        case endless(head: [UInt8], element: [UInt8])

        /// `+text\r\n`
        public static func simple(_ text: String) -> Reply { .raw(Array("+\(text)\r\n".utf8)) }
        /// `-text\r\n`
        public static func error(_ text: String) -> Reply { .raw(Array("-\(text)\r\n".utf8)) }
        /// `:value\r\n`
        public static func integer(_ value: Int) -> Reply { .raw(Array(":\(value)\r\n".utf8)) }
        /// `$len\r\ntext\r\n`
        public static func bulk(_ text: String) -> Reply { .raw(Array(bulkBytes(text))) }
        /// `+OK\r\n`
        public static let ok = Reply.simple("OK")
        /// A SCAN-family reply: `[cursor, [elements...]]`.
        public static func scan(cursor: String, _ elements: [String]) -> Reply {
            var bytes = Array("*2\r\n".utf8) + bulkBytes(cursor) + Array("*\(elements.count)\r\n".utf8)
            for element in elements { bytes += bulkBytes(element) }
            return .raw(bytes)
        }

        private static func bulkBytes(_ text: String) -> [UInt8] {
            Array("$\(text.utf8.count)\r\n\(text)\r\n".utf8)
        }
    }

    public let port: Int
    private let listener: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let respond: @Sendable ([[UInt8]]) -> Reply
    private let scriptsClusterProbe: Bool
    private let done = DispatchSemaphore(value: 0)
    private let state = Locked((stopped: false, commands: [[String]](), connections: 0))

    /// `redis://127.0.0.1:PORT/0`
    public var url: String { "redis://127.0.0.1:\(port)/0" }

    /// Every command received so far, as UTF-8 text, in order (all connections).
    public var commands: [[String]] { state.withLock { $0.commands } }

    /// Connections accepted so far.
    public var connectionCount: Int { state.withLock { $0.connections } }

    /// Starts listening on a free loopback port. `respond` runs on the server's thread. With
    /// `scriptsClusterProbe`, the cluster probe goes to `respond` like any command (to play a
    /// cluster node).
    public init(
        scriptsClusterProbe: Bool = false, _ respond: @escaping @Sendable (_ arguments: [[UInt8]]) -> Reply
    ) throws {
        self.scriptsClusterProbe = scriptsClusterProbe
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestSupportError("socket: \(errnoText())") }
        var address = loopbackAddress(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let why = errnoText()
            Glibc.close(fd)
            throw TestSupportError("bind/listen: \(why)")
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            Glibc.close(fd)
            throw TestSupportError("pipe: \(errnoText())")
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var bound4 = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound4) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: bound4.sin_port))
        listener = fd
        wakeRead = pipeEnds[0]
        wakeWrite = pipeEnds[1]
        self.respond = respond
        let thread = Thread { [self] in serve() }
        thread.name = "FakeRedisServer:\(port)"
        thread.start()
    }

    /// Closes the listener and every connection and waits for the server thread. Idempotent.
    public func stop() {
        let wasStopped = state.withLock { value -> Bool in
            defer { value.stopped = true }
            return value.stopped
        }
        guard !wasStopped else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        done.wait()
        Glibc.close(wakeWrite)
        Glibc.close(wakeRead)
        Glibc.close(listener)
    }

    deinit {
        stop()
    }

    // MARK: - The server thread

    private struct Client {
        var fd: Int32
        var input: [UInt8] = []
        /// Whether the connection's first CLUSTER SHARDS (the client's cluster probe) came.
        var probed = false
        /// Pieces of a `.drip` not sent yet, each with when it is due (monotonic nanoseconds).
        var dripping: [(due: UInt64, bytes: [UInt8])] = []
        /// What an `.endless` reply sends whenever the socket takes more: `element` repeated.
        var endless: [UInt8]?
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    private func serve() {
        var clients: [Client] = []
        defer {
            for client in clients { Glibc.close(client.fd) }
            done.signal()
        }
        while true {
            var entries = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            entries.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0))
            for client in clients {
                let events = Int16(POLLIN) | (client.endless == nil ? 0 : Int16(POLLOUT))
                entries.append(pollfd(fd: client.fd, events: events, revents: 0))
            }
            let ready = poll(&entries, nfds_t(entries.count), Self.pollTimeout(clients))
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if entries[0].revents != 0 { return }
            if entries[1].revents != 0 {
                let fd = accept(listener, nil, nil)
                if fd >= 0 {
                    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                    clients.append(Client(fd: fd))
                    state.withLock { $0.connections += 1 }
                }
            }
            var closed: Set<Int32> = []
            for (offset, entry) in entries.dropFirst(2).enumerated() {
                if entry.revents & ~Int16(POLLOUT) != 0, !handle(&clients[offset]) {
                    closed.insert(clients[offset].fd)
                } else if !Self.sendDue(&clients[offset], writable: entry.revents & Int16(POLLOUT) != 0) {
                    closed.insert(clients[offset].fd)
                }
            }
            for fd in closed { Glibc.close(fd) }
            clients.removeAll { closed.contains($0.fd) }
        }
    }

    /// Reads what the client sent and answers every complete command; `false` to close it.
    private func handle(_ client: inout Client) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = recv(client.fd, &buffer, buffer.count, 0)
        if count <= 0 { return false }
        client.input += buffer[..<count]
        while let (arguments, used) = Self.parseCommand(client.input) {
            client.input.removeFirst(used)
            if !scriptsClusterProbe, !client.probed, arguments.count == 2,
                arguments.map({ String(decoding: $0, as: UTF8.self).uppercased() }) == ["CLUSTER", "SHARDS"]
            {
                // The cluster probe every connection sends with its handshake: answered as a
                // server without cluster support, not recorded, not scripted.
                client.probed = true
                if !Self.sendAll(client.fd, Array("-ERR This instance has cluster support disabled\r\n".utf8))
                {
                    return false
                }
                continue
            }
            state.withLock { $0.commands.append(arguments.map { String(decoding: $0, as: UTF8.self) }) }
            switch respond(arguments) {
            case .raw(let bytes):
                if !Self.sendAll(client.fd, bytes) { return false }
            case .silence:
                continue
            case .rawThenClose(let bytes):
                _ = Self.sendAll(client.fd, bytes)
                return false
            case .close:
                return false
            case .drip(let pieces, let interval):
                // After the drips still pending, `interval` after the last of them.
                let start = client.dripping.last.map { $0.due + UInt64(interval * 1e9) } ?? Self.now()
                for (index, piece) in pieces.enumerated() {
                    client.dripping.append((start + UInt64(Double(index) * interval * 1e9), piece))
                }
            case .endless(let head, let element):
                if !Self.sendAll(client.fd, head) { return false }
                client.endless = Array(
                    repeatElement(element, count: max(1, 65536 / max(element.count, 1))).joined())
            }
        }
        return true
    }

    /// Milliseconds until the next drip is due, `-1` when none is pending.
    private static func pollTimeout(_ clients: [Client]) -> Int32 {
        guard let due = clients.compactMap({ $0.dripping.first?.due }).min() else { return -1 }
        let now = Self.now()
        return due <= now ? 0 : Int32(clamping: (due - now + 999_999) / 1_000_000)
    }

    /// Sends the drips that are due and, when the socket is `writable`, more of an endless reply;
    /// `false` once the client is gone.
    private static func sendDue(_ client: inout Client, writable: Bool) -> Bool {
        let now = Self.now()
        while let first = client.dripping.first, first.due <= now {
            client.dripping.removeFirst()
            if !Self.sendAll(client.fd, first.bytes) { return false }
        }
        if writable, let chunk = client.endless {
            let sent = chunk.withUnsafeBytes {
                send(client.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
            }
            if sent < 0 && errno != EAGAIN && errno != EINTR { return false }
        }
        return true
    }

    private static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// One complete `*N\r\n$len\r\narg\r\n...` at the front of `bytes` and its length, or `nil`
    /// when more bytes are needed.
    static func parseCommand(_ bytes: [UInt8]) -> (arguments: [[UInt8]], used: Int)? {
        var index = 0
        func line() -> Int? {
            var end = index
            while end + 1 < bytes.count {
                if bytes[end] == 13 && bytes[end + 1] == 10 {
                    let text = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                    index = end + 2
                    return Int(text)
                }
                end += 1
            }
            return nil
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "*"), let count = line() else { return nil }
        var arguments: [[UInt8]] = []
        for _ in 0..<max(count, 0) {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "$"), let length = line() else {
                return nil
            }
            guard index + length + 2 <= bytes.count else { return nil }
            arguments.append(Array(bytes[index..<(index + length)]))
            index += length + 2
        }
        return (arguments, index)
    }
}
