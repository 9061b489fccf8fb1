import RedisClient
import RedisTestSupport
import Testing

/// `RedisError.Kind` is an open set that still reads like an enum; the client has no pottery
/// defaults.
@Suite struct ErrorKindTests {
    @Test func kindsCompareSwitchAndPrint() {
        let kinds: [RedisError.Kind] = [
            .connect, .timeout, .connectionLost, .protocolViolation, .server, .authentication, .invalidURL,
            .interrupted, .quorum,
        ]
        #expect(Set(kinds).count == kinds.count)
        #expect(RedisError.Kind("quorum") == .quorum)
        #expect(RedisError.Kind("lockLost") != .quorum)
        func label(_ kind: RedisError.Kind) -> String {
            switch kind {
            case .timeout: "slow"
            case .interrupted: "stopped"
            default: kind.description
            }
        }
        #expect(
            kinds.map(label) == [
                "connect", "slow", "connectionLost", "protocolViolation", "server", "authentication",
                "invalidURL",
                "stopped", "quorum",
            ])
        let error = RedisError(kind: .quorum, message: "", server: "redis://h:1/0", command: "SET")
        #expect(error.description == "redis://h:1/0: SET: quorum")
    }

    @Test func defaultOptionsSendNoClientName() throws {
        #expect(RedisConnectionOptions().clientName == nil)
        #expect(RedisConnectionOptions().interruptCheck == nil)
        let connection = try RedisConnection(url: RedisURL(parsing: RedisServerProcess.shared.url))
        #expect(try connection.call("CLIENT", "GETNAME") == .bulkString(nil))
    }
}
