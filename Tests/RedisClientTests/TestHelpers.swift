import Foundation
import RedisClient
import RedisTestSupport

/// UTF-8 bytes of a string.
func b(_ text: String) -> [UInt8] { Array(text.utf8) }

/// A connection to `server` (the shared one by default).
func connect(
    _ server: RedisServerProcess = .shared, timeout: Double = 5, clientName: String? = "pottery"
) throws -> RedisConnection {
    try RedisConnection(
        url: RedisURL(parsing: server.url),
        options: RedisConnectionOptions(timeout: timeout, clientName: clientName))
}

/// Seconds taken by `body`.
func elapsed(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

/// A TCP peer that accepts one connection, reads what it is sent once, answers `reply` and
/// closes: for protocol-level failures no real server produces.
final class ScriptedPeer: @unchecked Sendable {
    let port: Int
    private let fd: Int32

    init(reply: [UInt8]) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 4) == 0 else { throw TestSupportError("bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let listener = fd
        Thread.detachNewThread {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = recv(client, &buffer, buffer.count, 0)
            _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            Glibc.close(client)
        }
    }

    var url: String { "redis://127.0.0.1:\(port)/0" }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        Glibc.close(fd)
    }
}
