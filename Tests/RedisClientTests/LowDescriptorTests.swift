import Glibc
import RedisTestSupport
import Testing

@testable import RedisClient

/// The socket never lands on a standard descriptor, even when one is closed.
@Suite struct LowDescriptorTests {
    @Test func socketMovesAboveTheStandardDescriptors() throws {
        let url = try RedisURL(parsing: RedisServerProcess.shared.url)
        // Park stdin elsewhere, so that fd 0 is the lowest free descriptor.
        let saved = dup(0)
        try #require(saved >= 0)
        close(0)
        let connection: RedisConnection
        do {
            connection = try RedisConnection(url: url, options: .init(timeout: 5))
        } catch {
            dup2(saved, 0)
            close(saved)
            throw error
        }
        let zeroStillFree = fcntl(0, F_GETFD) == -1 && errno == EBADF
        dup2(saved, 0)
        close(saved)
        #expect(connection.fd >= 3)
        #expect(zeroStillFree, "the low descriptor the socket first got was not closed")
        #expect(fcntl(connection.fd, F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(connection.fd, F_GETFL) & O_NONBLOCK != 0)
        #expect(try connection.call("PING") == .simpleString(Array("PONG".utf8)))
    }
}
