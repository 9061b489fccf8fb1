import RedisTestSupport
import Testing

/// `pottery --version` says which server it would talk to, and what that server is.
@Suite struct VersionCommandTests {
    @Test func versionNamesTheServerAndItsVersion() throws {
        let server = RedisServerProcess.shared
        let result = PotteryBinary.run(["--version"], server: server)
        #expect(result.status == 0 && result.lines.count == 2 && result.lines[0].hasPrefix("pottery "))
        // The build: the compiler, and whether OpenSSL and readline load on this machine.
        #expect(result.lines[0].hasSuffix(" (Swift 6.3; TLS: yes; readline: yes)"), "\(result.lines[0])")
        let (major, minor) = RedisServerProcess.version
        let said = try #require(result.lines.last)
        #expect(
            said.hasPrefix("server: Redis \(major).\(minor).")
                || said.hasPrefix("server: Valkey \(major).\(minor)."))
        #expect(said.hasSuffix(" at \(server.url)"))
    }

    @Test func aServerThatDoesNotAnswerIsSaidAndIsNoFailure() {
        let result = PotteryBinary.run(["-u", "redis://:secret@127.0.0.1:1/0", "--version"], server: nil)
        #expect(result.status == 0 && result.lines.count == 2)
        #expect(result.lines.last == "server: unknown at redis://:***@127.0.0.1:1/0 (Connection refused)")
    }
}
