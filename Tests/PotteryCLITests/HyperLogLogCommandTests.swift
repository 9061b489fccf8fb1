import RedisTestSupport
import Testing

@Suite struct HyperLogLogCommandTests {
    let server = RedisServerProcess.shared

    @Test func searchesAsInPotterysReadme() throws {
        let key = uniqueKey("searches")
        #expect(PotteryBinary.run("hll", "add", key, "sonic the hedgehog").status == 0)
        #expect(PotteryBinary.run("hll", "count", key).stdoutText == "1\n")
        #expect(
            PotteryBinary.run(
                "hll", "add", key, "google in 1998", "minesweeper", "joey tribbiani", "wizard of oz",
                "rgb to hex",
                "pac-man", "breathing exercise", "do a barrel roll", "snake"
            ).status == 0)
        #expect(PotteryBinary.run("hll", "count", key).stdoutText == "10\n")
        #expect(PotteryBinary.run("hll", "contains", key, "joey tribbiani").stdoutText == "true\n")
        let absent = PotteryBinary.run("hll", "contains", key, "jim carrey")
        #expect(absent.status == 1 && absent.stdoutText == "false\n")
        #expect(
            PotteryBinary.run("hll", "contains-many", key, "snake", "jim carrey", "pac-man").lines == [
                "true", "false", "true",
            ])
        #expect(try server.cli("PFADD", key, "\"snake\"") == "0")
        #expect(try server.cli("KEYS", "*\(key)*") == key)
        #expect(PotteryBinary.run("hll", "clear", key).status == 0)
        #expect(try server.cli("EXISTS", key) == "0")
    }

    @Test func mergeAndStandardInput() throws {
        let a = uniqueKey("hll"), b = uniqueKey("hll"), dest = uniqueKey("hll")
        let input = (0..<30000).map { "\($0)" }.joined(separator: "\n") + "\n"
        #expect(PotteryBinary.run(["hll", "add", a, "-"], stdin: input).status == 0)
        #expect(try server.cli("PFADD", b, "1", "2", "3", "30001") == "1")
        let count = Int(PotteryBinary.run("hll", "count", a).stdoutText.dropLast()) ?? 0
        #expect(abs(count - 30000) < 600)
        #expect(PotteryBinary.run("hll", "merge", dest, a, b).status == 0)
        #expect(
            PotteryBinary.run("hll", "count", dest).stdoutText == (try server.cli("PFCOUNT", a, b)) + "\n")
        let strict = uniqueKey("hll")
        let bad = PotteryBinary.run(["hll", "add", "-j", strict, "-"], stdin: input + "{oops\n")
        #expect(bad.status == 2)
        #expect(try server.cli("EXISTS", strict) == "0")
        let answers = PotteryBinary.run(["hll", "contains-many", a, "-"], stdin: "1\n\"1\"\n2\n").lines
        #expect(answers.count == 3 && answers[0] == "true" && answers[2] == "true")
        #expect(PotteryBinary.run("hll", "merge", dest).status == 2)
    }

    @Test func wrongTypeLeavesNoScratchKey() throws {
        let key = uniqueKey("hll")
        _ = try server.cli("SADD", key, "x")
        let result = PotteryBinary.run("hll", "contains-many", key, "a", "b")
        #expect(result.status == 3 && result.stderrText.contains("WRONGTYPE"))
        #expect(try server.cli("KEYS", "*\(key)*") == key)
        #expect(PotteryBinary.run("hll", "add", key, "a").status == 3)
        #expect(PotteryBinary.run(["hll", "count", "x"], url: "redis://127.0.0.1:1/0").status == 3)
    }
}
