import Testing
import RedisTestSupport

@Suite struct SetCommandTests {
    let server = RedisServerProcess.shared

    @Test func addHasRemovePopLen() throws {
        let key = uniqueKey("set")
        #expect(PotteryBinary.run("set", "add", key, "jack", "4098", "02139", "{\"a\":1}").status == 0)
        let raw = try server.cli("SMEMBERS", key).split(separator: "\n").map(String.init)
        #expect(Set(raw) == ["\"jack\"", "4098", "\"02139\"", "{\"a\": 1}"])
        #expect(PotteryBinary.run("set", "has", key, "4098").stdoutText == "true\n")
        #expect(PotteryBinary.run("set", "has", key, "\"4098\"").status == 1)
        #expect(PotteryBinary.run("set", "len", key).stdoutText == "4\n")
        #expect(PotteryBinary.run("set", "remove", key, "jack", "nobody").status == 1)
        #expect(PotteryBinary.run("set", "remove", key, "4098").status == 0)
        #expect(PotteryBinary.run("set", "discard", key, "nobody").status == 0)
        let members = PotteryBinary.run("set", "members", key).lines
        #expect(Set(members) == ["\"02139\"", "{\"a\": 1}"])
        let popped = PotteryBinary.run("set", "pop", key, "-r")
        #expect(popped.status == 0 && ["02139\n", "{\"a\": 1}\n"].contains(popped.stdoutText))
        _ = PotteryBinary.run("set", "pop", key)
        #expect(PotteryBinary.run("set", "pop", key).status == 1)
    }

    @Test func containsManyInOrder() throws {
        let key = uniqueKey("set")
        _ = PotteryBinary.run("set", "add", key, "a", "c")
        #expect(
            PotteryBinary.run("set", "contains-many", key, "a", "b", "c").lines == ["true", "false", "true"])
        let piped = PotteryBinary.run(["set", "contains-many", key, "-"], stdin: "\"c\"\nb\n\"a\"\n")
        #expect(piped.lines == ["true", "false", "true"])
    }

    @Test func addFromStandardInputStreams() throws {
        let key = uniqueKey("set")
        let input = (0..<20000).map { "\($0)" }.joined(separator: "\n") + "\n"
        #expect(PotteryBinary.run(["set", "add", key, "-"], stdin: input).status == 0)
        #expect(try server.cli("SCARD", key) == "20000")
        #expect(try server.cli("SISMEMBER", key, "19999") == "1")
        #expect(PotteryBinary.run("set", "members", key).lines.count == 20000)
    }

    @Test func strictStandardInputWritesNothingOnError() throws {
        let key = uniqueKey("set")
        var input = (0..<5000).map { "\($0)" }.joined(separator: "\n")
        input += "\nnot json\n1\n"
        let result = PotteryBinary.run(["set", "add", key, "-", "-j"], stdin: input)
        #expect(result.status == 2)
        #expect(result.stderrText.contains("line 5001"))
        #expect(try server.cli("EXISTS", key) == "0")
        // The same input in auto mode takes the line as a string.
        #expect(PotteryBinary.run(["set", "add", key, "-"], stdin: input).status == 0)
        #expect(try server.cli("SISMEMBER", key, "\"not json\"") == "1")
    }

    @Test func algebraAndRelations() throws {
        let a = uniqueKey("set"), b = uniqueKey("set"), c = uniqueKey("set")
        _ = PotteryBinary.run(["set", "add", a] + (0..<3000).map(String.init))
        _ = PotteryBinary.run(["set", "add", b] + (2000..<5000).map(String.init))
        _ = PotteryBinary.run(["set", "add", c] + (2500..<2600).map(String.init))
        let union = PotteryBinary.run("set", "union", a, b, c).lines
        #expect(union.count == 5000 && Set(union) == Set((0..<5000).map(String.init)))
        let intersection = PotteryBinary.run("set", "intersection", a, b, c).lines
        #expect(Set(intersection) == Set((2500..<2600).map(String.init)) && intersection.count == 100)
        let difference = PotteryBinary.run("set", "difference", a, b).lines
        #expect(Set(difference) == Set((0..<2000).map(String.init)) && difference.count == 2000)
        #expect(PotteryBinary.run("set", "issubset", c, b).status == 0)
        #expect(PotteryBinary.run("set", "issubset", b, c).stdoutText == "false\n")
        #expect(PotteryBinary.run("set", "issuperset", b, c).status == 0)
        #expect(PotteryBinary.run("set", "isdisjoint", a, c).status == 1)
        #expect(PotteryBinary.run("set", "isdisjoint", c, uniqueKey("empty")).status == 0)
        _ = try server.cli("DEL", a, b, c)
    }
}
