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

    /// Where in a script an error happened is left out, so the error reads the same on every server.
    @Test func scriptErrorsReadAlikeOnEveryServer() {
        let sha = String(repeating: "ab", count: 20)
        let forms = [
            "ERR Error running script (call to f_\(sha)): @user_script:2: WRONGTYPE Operation against a key",
            "WRONGTYPE Operation against a key script: \(sha), on @user_script:2.",
        ]
        for form in forms {
            let error = RedisError(reply: Array(form.utf8), server: "s", command: "EVALSHA")
            #expect(error.code == "WRONGTYPE" && error.message == "Operation against a key", "\(form)")
        }
        let own =
            "ERR Error running script (call to f_\(sha)): @user_script:1: @user_script: 1: Unknown Redis command"
        let error = RedisError(reply: Array(own.utf8), server: "s", command: "EVALSHA")
        #expect(error.code == "ERR" && error.message == "@user_script: 1: Unknown Redis command")
        let plain = RedisError(reply: Array("ERR script: not ours.".utf8), server: "s", command: nil)
        #expect(plain.message == "script: not ours.")
    }
}
