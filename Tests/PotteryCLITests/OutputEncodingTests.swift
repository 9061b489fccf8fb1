import RedisTestSupport
import Testing

/// SPEC 3's output: UTF-8 by default (on a terminal with DEL and C1 controls escaped), `-a` the
/// stored text exactly.
@Suite struct OutputEncodingTests {
    @Test func utf8ByDefaultAndTheStoredTextWithAscii() throws {
        let key = uniqueKey("utf8")
        let stored = #""caf\u00e9 \ud83d\ude00 \u009b\ud800""#
        #expect(PotteryBinary.run(["dict", "set", "-j", key, "\"v\"", stored]).status == 0)
        let utf8 = PotteryBinary.run(["dict", "get", key, "v"])
        #expect(utf8.stdout == Array("\"café 😀 \u{9B}\\ud800\"\n".utf8))
        #expect(PotteryBinary.run(["-a", "dict", "get", key, "v"]).stdoutText == stored + "\n")
        #expect(PotteryBinary.run(["--ascii", "dict", "items", key]).stdoutText == "[\"v\", \(stored)]\n")
        let terminal = PotteryBinary.runOnTerminal(["dict", "get", key, "v"])
        #expect(terminal.stdoutText == "\"café 😀 \\u009b\\ud800\"\r\n")
    }
}
