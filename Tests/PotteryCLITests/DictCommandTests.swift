import Testing
import RedisTestSupport

@Suite struct DictCommandTests {
    let server = RedisServerProcess.shared

    @Test func setGetHasDelLen() throws {
        let key = uniqueKey("dict")
        #expect(
            PotteryBinary.run("dict", "set", key, "name", "jack", "zip", "02139", "n", "4098").status == 0)
        #expect(try server.cli("HGET", key, "\"name\"") == "\"jack\"")
        #expect(try server.cli("HGET", key, "\"zip\"") == "\"02139\"")
        #expect(try server.cli("HGET", key, "\"n\"") == "4098")

        let get = PotteryBinary.run("dict", "get", key, "name")
        #expect(get.status == 0 && get.stdoutText == "\"jack\"\n")
        #expect(PotteryBinary.run("dict", "get", key, "name", "-r").stdoutText == "jack\n")
        let absent = PotteryBinary.run("dict", "get", key, "nope")
        #expect(absent.status == 1 && absent.stdoutText.isEmpty && absent.stderrText.isEmpty)

        #expect(PotteryBinary.run("dict", "has", key, "n").stdoutText == "true\n")
        let hasNot = PotteryBinary.run("dict", "has", key, "m")
        #expect(hasNot.status == 1 && hasNot.stdoutText == "false\n")
        let quiet = PotteryBinary.run("dict", "has", key, "m", "-q")
        #expect(quiet.status == 1 && quiet.stdoutText.isEmpty)

        #expect(PotteryBinary.run("dict", "len", key).stdoutText == "3\n")
        #expect(PotteryBinary.run("dict", "del", key, "n", "missing").status == 1)
        #expect(PotteryBinary.run("dict", "len", key).stdoutText == "2\n")
        #expect(PotteryBinary.run("dict", "del", key, "zip", "zip").status == 0)
        #expect(PotteryBinary.run("dict", "clear", key).status == 0)
        #expect(try server.cli("EXISTS", key) == "0")
    }

    @Test func valueModes() throws {
        let key = uniqueKey("dict")
        #expect(
            PotteryBinary.run(
                "dict", "set", key, "a", "4098", "b", "\"4098\"", "c", "1e3", "d", "{\"b\":1,\"a\":2}"
            ).status == 0)
        #expect(try server.cli("HGET", key, "\"a\"") == "4098")
        #expect(try server.cli("HGET", key, "\"b\"") == "\"4098\"")
        #expect(try server.cli("HGET", key, "\"c\"") == "1000.0")
        #expect(try server.cli("HGET", key, "\"d\"") == "{\"a\": 2, \"b\": 1}")

        #expect(PotteryBinary.run("dict", "set", "-s", key, "e", "4098").status == 0)
        #expect(try server.cli("HGET", key, "\"e\"") == "\"4098\"")

        let bad = PotteryBinary.run("dict", "set", "-j", key, "f", "1", "g", "jack")
        #expect(bad.status == 2)
        #expect(bad.stderrText.hasPrefix("pottery: dict set"))
        #expect(bad.stderrText.split(separator: "\n").count == 1)
        #expect(try server.cli("HEXISTS", key, "\"f\"") == "0", "nothing written on invalid -j input")

        // A numeric field differs from the string field of the same digits.
        #expect(PotteryBinary.run("dict", "set", key, "1", "int", "-s").status == 0)
        #expect(PotteryBinary.run("dict", "get", key, "1").status == 1)
        #expect(PotteryBinary.run("dict", "get", key, "\"1\"").stdoutText == "\"int\"\n")
    }

    @Test func streamsKeysValuesItems() throws {
        let key = uniqueKey("dict")
        var arguments = ["dict", "set", key]
        for index in 0..<3000 { arguments += ["k\(index)", String(index)] }
        #expect(PotteryBinary.run(arguments).status == 0)
        let keys = PotteryBinary.run("dict", "keys", key).lines
        #expect(keys.count == 3000)
        #expect(Set(keys) == Set((0..<3000).map { "\"k\($0)\"" }))
        let values = PotteryBinary.run("dict", "values", key).lines
        #expect(Set(values) == Set((0..<3000).map { String($0) }))
        let items = PotteryBinary.run("dict", "items", key).lines
        #expect(Set(items) == Set((0..<3000).map { "[\"k\($0)\", \($0)]" }))
        #expect(PotteryBinary.run("dict", "keys", key, "-r").lines.contains("k42"))
        _ = try server.cli("DEL", key)
    }

    @Test func updateFromStandardInput() throws {
        let key = uniqueKey("dict")
        let input = "[\"a\", 1]\n\n{\"b\": [2], \"c\": null}\r\n[3, \"three\"]"
        let result = PotteryBinary.run(["dict", "update", key, "-"], stdin: input)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try server.cli("HGET", key, "\"a\"") == "1")
        #expect(try server.cli("HGET", key, "\"b\"") == "[2]")
        #expect(try server.cli("HGET", key, "\"c\"") == "null")
        #expect(try server.cli("HGET", key, "3") == "\"three\"")

        let other = uniqueKey("dict")
        let bad = PotteryBinary.run(
            ["dict", "update", other, "-"], stdin: "[\"a\", 1]\n[\"b\", 2]\nnot json\n")
        #expect(bad.status == 2)
        #expect(bad.stderrText.contains("line 3"))
        #expect(try server.cli("EXISTS", other) == "0", "a bad line writes nothing")
        let notPair = PotteryBinary.run(["dict", "update", other, "-"], stdin: "[1, 2, 3]\n")
        #expect(notPair.status == 2)
        #expect(try server.cli("EXISTS", other) == "0")
    }

    @Test func wrongTypeIsARedisError() throws {
        let key = uniqueKey("dict")
        _ = try server.cli("SET", key, "plain")
        let result = PotteryBinary.run("dict", "get", key, "f")
        #expect(result.status == 3)
        #expect(result.stderrText.contains("WRONGTYPE"))
        #expect(result.stderrText.contains(key))
        #expect(result.stderrText.hasPrefix("pottery: dict get"))
    }
}
