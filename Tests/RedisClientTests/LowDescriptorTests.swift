import Foundation
import Glibc
import RedisTestSupport
import Testing

@testable import RedisClient

/// The socket never lands on a standard descriptor, even when one is closed.
///
/// Closing fd 0 is process-wide: in the test process, another suite's socket could land there
/// meanwhile (and be clobbered when stdin is put back). So the check runs in a process of its own:
/// the test binary again, running only this test, with `POTTERY_LOW_FD_CHILD=1`.
@Suite struct LowDescriptorTests {
    @Test func socketMovesAboveTheStandardDescriptors() throws {
        guard ProcessInfo.processInfo.environment["POTTERY_LOW_FD_CHILD"] == "1" else {
            var environment = ProcessInfo.processInfo.environment
            environment["POTTERY_LOW_FD_CHILD"] = "1"
            let child = runProcess(
                "/proc/self/exe",
                ["--testing-library", "swift-testing", "--filter", "LowDescriptorTests.socketMovesAbove"],
                environment: environment, timeout: 60)
            #expect(child.status == 0, "\(child.stdoutText)\(child.stderrText)")
            // swift-testing reports on standard error.
            let report = child.stdoutText + child.stderrText
            #expect(report.contains("Test run with 1 test") && report.contains("passed"), "\(report)")
            return
        }
        try checkInThisProcess()
    }

    private func checkInThisProcess() throws {
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
        #expect(connection.socket!.fd >= 3)
        #expect(zeroStillFree, "the low descriptor the socket first got was not closed")
        #expect(fcntl(connection.socket!.fd, F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(connection.socket!.fd, F_GETFL) & O_NONBLOCK != 0)
        #expect(try connection.call("PING") == .simpleString(Array("PONG".utf8)))
    }
}
