import RedisTestSupport
import Testing

@Suite struct CounterCommandTests {
    let server = RedisServerProcess.shared

    @Test func everyVerb() throws {
        let key = uniqueKey("counter")
        #expect(PotteryBinary.run("counter", "incr", key, "jack").stdoutText == "1\n")
        #expect(PotteryBinary.run("counter", "incr", key, "jack", "-7").stdoutText == "-6\n")
        #expect(try server.cli("HGET", key, "\"jack\"") == "-6")
        #expect(PotteryBinary.run("counter", "update", key, "a", "b", "a", "4098", "{\"x\":1}").status == 0)
        #expect(PotteryBinary.run("counter", "update", key, "a").status == 0)
        #expect(try server.cli("HGET", key, "\"a\"") == "3")
        #expect(try server.cli("HGET", key, "{\"x\": 1}") == "1")
        #expect(PotteryBinary.run("counter", "subtract", key, "b", "b").status == 0)
        #expect(PotteryBinary.run("counter", "get", key, "b").stdoutText == "-1\n")
        #expect(PotteryBinary.run("counter", "get", key, "nobody").stdoutText == "0\n")
        #expect(PotteryBinary.run("counter", "get", key, "\"4098\"").stdoutText == "0\n")
        #expect(PotteryBinary.run("counter", "get", key, "4098").stdoutText == "1\n")
        #expect(PotteryBinary.run("counter", "len", key).stdoutText == "5\n")
        #expect(PotteryBinary.run("counter", "total", key).stdoutText == "-2\n")
        #expect(
            PotteryBinary.run("counter", "most-common", key).lines == [
                "[\"a\", 3]", "[4098, 1]", "[{\"x\": 1}, 1]", "[\"b\", -1]", "[\"jack\", -6]",
            ])
        #expect(PotteryBinary.run("counter", "most-common", key, "2").lines == ["[\"a\", 3]", "[4098, 1]"])
        #expect(PotteryBinary.run("counter", "most-common", key, "0").lines == [])
        #expect(Set(PotteryBinary.run("counter", "items", key).lines).count == 5)
        #expect(
            PotteryBinary.run("counter", "elements", key, "-r").lines == [
                "a", "a", "a", "4098", "{\"x\": 1}",
            ])
        #expect(PotteryBinary.run("counter", "del", key, "jack", "nobody").status == 0)
        #expect(PotteryBinary.run("counter", "len", key).stdoutText == "4\n")
        #expect(PotteryBinary.run("counter", "clear", key).status == 0)
        #expect(try server.cli("EXISTS", key) == "0")
        #expect(PotteryBinary.run("counter", "total", key).stdoutText == "0\n")
    }

    @Test func updateFromStandardInputCountsEveryOccurrence() throws {
        let key = uniqueKey("counter")
        _ = try server.cli("HSET", key, "5", "10")
        let input = (0..<30000).map { "\($0 % 7)" }.joined(separator: "\n") + "\n\n"
        #expect(PotteryBinary.run(["counter", "update", key, "-"], stdin: input).status == 0)
        #expect(try server.cli("HGET", key, "0") == "4286")
        #expect(try server.cli("HGET", key, "5") == "\(10 + 4285)")
        #expect(PotteryBinary.run(["counter", "subtract", key, "-"], stdin: input).status == 0)
        #expect(try server.cli("HGET", key, "0") == "0")
        #expect(try server.cli("HGET", key, "5") == "10")
        #expect(PotteryBinary.run("counter", "len", key).stdoutText == "7\n")
    }

    @Test func badInputExitsTwoAndWritesNothing() throws {
        let key = uniqueKey("counter")
        for argv in [
            ["counter", "incr", key, "a", "1.5"], ["counter", "incr", key, "a", "99999999999999999999"],
            ["counter", "incr", key, "a", "0x10"], ["counter", "incr", key, "a", "1", "2"],
            ["counter", "update", "-j", key, "a"], ["counter", "most-common", key, "-1"],
            ["counter", "update", key], ["counter", "get", key],
        ] {
            let result = PotteryBinary.run(argv)
            #expect(result.status == 2, "\(argv)")
            #expect(result.stderrText.hasPrefix("pottery: "), "\(argv)")
        }
        let strict = PotteryBinary.run(["counter", "update", key, "-", "-j"], stdin: "1\n2\nnot json\n3\n")
        #expect(strict.status == 2 && strict.stderrText.contains("line 3"))
        #expect(try server.cli("EXISTS", key) == "0")
    }

    @Test func overflowIsARedisErrorAndKeepsTheCount() throws {
        let key = uniqueKey("counter")
        #expect(PotteryBinary.run("counter", "incr", key, "a", "9223372036854775807").status == 0)
        let over = PotteryBinary.run("counter", "incr", key, "a")
        #expect(over.status == 3 && over.stderrText.contains("overflow"))
        #expect(PotteryBinary.run("counter", "incr", key, "b", "-9223372036854775808").status == 0)
        #expect(PotteryBinary.run("counter", "subtract", key, "b").status == 3)
        #expect(PotteryBinary.run("counter", "get", key, "a").stdoutText == "9223372036854775807\n")
        #expect(PotteryBinary.run("counter", "total", key).stdoutText == "-1\n")
        _ = try server.cli("HSET", key, "c", "9223372036854775807")
        #expect(PotteryBinary.run("counter", "total", key).stdoutText == "9223372036854775806\n")
        _ = try server.cli("HSET", key, "\"d\"", "1.5")
        let bad = PotteryBinary.run("counter", "get", key, "d")
        #expect(bad.status == 3 && bad.stderrText.contains("not a 64-bit integer"))
        _ = try server.cli("SET", key, "x")
        #expect(PotteryBinary.run("counter", "incr", key, "a").status == 3)
    }

    /// Bulk counts are exact at every length (around 2^53 too, where a double would round), and a
    /// stored value that is no plain integer is Redis' error.
    @Test func bulkCountsAreExactAtEveryLength() throws {
        let key = uniqueKey("counter")
        #expect(PotteryBinary.run("counter", "set", key, "a", "999999999999999").status == 0)
        #expect(PotteryBinary.run("counter", "set", key, "b", "-999999999999999").status == 0)
        #expect(PotteryBinary.run("counter", "set", key, "c", "9007199254740993").status == 0)
        let stdin = "\"a\"\n\"a\"\n\"b\"\n\"c\"\n\"new\"\n"
        #expect(PotteryBinary.run(["counter", "update", key, "-"], stdin: stdin).status == 0)
        #expect(PotteryBinary.run(["counter", "update", key, "-"], stdin: stdin).status == 0)
        #expect(try server.cli("HGET", key, "\"a\"") == "1000000000000003")
        #expect(try server.cli("HGET", key, "\"b\"") == "-999999999999997")
        #expect(try server.cli("HGET", key, "\"c\"") == "9007199254740995")
        #expect(try server.cli("HGET", key, "\"new\"") == "2")
        _ = try server.cli("HSET", key, "\"d\"", "007")
        let bad = PotteryBinary.run(["counter", "update", key, "-"], stdin: "\"d\"\n")
        #expect(bad.status == 3 && bad.stderrText.contains("not an integer"), "\(bad.stderrText)")
        #expect(try server.cli("HGET", key, "\"d\"") == "007")
        #expect(
            PotteryBinary.run(
                ["counter", "update", key, "-"], stdin: "\"a\"\n" + String(repeating: "\"x\"\n", count: 3000)
            ).status == 0)
        #expect(try server.cli("HGET", key, "\"x\"") == "3000")
    }

    @Test func fourProcessesLoseNoIncrement() throws {
        let key = uniqueKey("counter")
        let script = """
            for p in 1 2 3 4; do
              ( for i in $(seq 250); do "$P" counter incr "$K" hits >/dev/null || echo fail; done ) &
            done
            wait
            """
        let result = runProcess(
            "/bin/bash", ["-c", script],
            environment: [
                "PATH": "/usr/bin:/bin", "P": PotteryBinary.path, "POTTERY_URL": server.url, "K": key,
            ],
            timeout: 240)
        #expect(result.status == 0 && !result.stdoutText.contains("fail"))
        #expect(try server.cli("HGET", key, "\"hits\"") == "1000")
    }
}
