import RedisTestSupport
import Testing

/// A real server whose SCARD is ECHO: a bulk string where an integer belongs.
private let renamed: RedisServerProcess = {
    do {
        return try RedisServerProcess.start(extraArguments: [
            "--rename-command", "SCARD", "", "--rename-command", "ECHO", "SCARD",
        ])
    } catch {
        fatalError("cannot start redis-server: \(error)")
    }
}()

@Suite struct WrongShapeReplyTests {
    /// Never a wrong answer (`0`) from a reply of the wrong shape: exit 3 and one line.
    @Test func setLenOfAWrongShapedReplyFails() {
        let result = PotteryBinary.run(["set", "len", uniqueKey("shape")], server: renamed)
        #expect(result.status == 3)
        #expect(result.stdoutText == "")
        #expect(result.stderrText.contains("SCARD"))
        #expect(result.stderrText.split(separator: "\n").count == 1)
    }
}
