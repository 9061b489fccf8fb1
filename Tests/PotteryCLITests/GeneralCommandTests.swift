import Testing
import RedisTestSupport

@Suite struct GeneralCommandTests {
    let server = RedisServerProcess.shared

    @Test func pingKeysTypeDelExpireTTL() throws {
        #expect(PotteryBinary.run("ping").stdoutText == "PONG\n")
        let prefix = uniqueKey("general")
        _ = PotteryBinary.run("set", "add", prefix + ":s", "1")
        _ = PotteryBinary.run("dict", "set", prefix + ":d", "a", "1")
        #expect(Set(PotteryBinary.run("keys", prefix + ":*").lines) == [prefix + ":s", prefix + ":d"])
        #expect(PotteryBinary.run("type", prefix + ":s").stdoutText == "set\n")
        #expect(PotteryBinary.run("type", prefix + ":d").stdoutText == "hash\n")
        let none = PotteryBinary.run("type", prefix + ":none")
        #expect(none.status == 1 && none.stdoutText == "none\n")

        #expect(PotteryBinary.run("ttl", prefix + ":s").stdoutText == "-1\n")
        #expect(PotteryBinary.run("expire", prefix + ":s", "100").status == 0)
        let ttl = Int(PotteryBinary.run("ttl", prefix + ":s").stdoutText.dropLast()) ?? -9
        #expect(ttl > 90 && ttl <= 100)
        #expect(PotteryBinary.run("expire", prefix + ":none", "5").status == 1)
        #expect(PotteryBinary.run("ttl", prefix + ":none").status == 1)
        #expect(PotteryBinary.run("expire", prefix + ":s", "soon").status == 2)

        #expect(PotteryBinary.run("del", prefix + ":s", prefix + ":none").status == 1)
        #expect(PotteryBinary.run("del", prefix + ":d").status == 0)
        #expect(PotteryBinary.run("keys", prefix + ":*").stdoutText.isEmpty)
    }

    @Test func usageErrorsAreOneLineAndExitTwo() {
        for argv in [
            ["nope"], ["dict", "get", "k"], ["dict", "get", "k", "f", "--bogus"], ["set", "frobnicate", "k"],
        ] {
            let result = PotteryBinary.run(argv)
            #expect(result.status == 2, "\(argv)")
            #expect(result.stderrText.hasPrefix("pottery: "), "\(argv)")
            #expect(result.stderrText.split(separator: "\n").count == 1, "\(argv)")
            #expect(result.stdoutText.isEmpty)
        }
    }

    @Test func batchModeRunsLinesAndStopsAtFailure() throws {
        let key = uniqueKey("batch")
        let script = """
            # a comment line
            dict set \(key) name 'jack sprat'
            dict get \(key) name -r
            dict nope \(key)
            dict set \(key) after 1
            """
        let result = PotteryBinary.run([], stdin: script)
        #expect(result.status == 2)
        #expect(result.stdoutText == "jack sprat\n")
        #expect(try server.cli("HEXISTS", key, "\"after\"") == "0")
        let kept = PotteryBinary.run(["--keep-going"], stdin: script)
        #expect(kept.status == 2)
        #expect(try server.cli("HEXISTS", key, "\"after\"") == "1")
    }
}
