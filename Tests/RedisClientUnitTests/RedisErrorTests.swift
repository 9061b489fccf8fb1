import Testing

@testable import RedisClient

/// An "unknown command" from a server older than the command names the server it needs.
@Suite struct RedisErrorTests {
    static let unknown = Array("ERR unknown command 'SINTERCARD', with args beginning with: '2' ".utf8)

    @Test func anUnknownCommandSaysWhichServerItNeeds() {
        let error = RedisError(reply: Self.unknown, server: "s", command: "SINTERCARD")
        let said = error.sayingWhatIsNeeded(RedisServerVersion(7, 0))
        #expect(said.code == "ERR" && said.message.hasPrefix("unknown command 'SINTERCARD'"))
        #expect(said.message.hasSuffix("(it needs Redis 7.0 or later)"))
        #expect(said.sayingWhatIsNeeded(RedisServerVersion(7, 0)).message == said.message)
        #expect(error.sayingWhatIsNeeded(nil).message == error.message)
        let other = RedisError(reply: Array("WRONGTYPE Operation".utf8), server: "s", command: "SINTERCARD")
        #expect(other.sayingWhatIsNeeded(RedisServerVersion(7, 0)).message == other.message)
    }
}
