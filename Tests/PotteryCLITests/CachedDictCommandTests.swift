import RedisTestSupport
import Testing

@Suite struct CachedDictCommandTests {
    let server = RedisServerProcess.shared

    @Test func setGetMissesAndTTL() throws {
        let key = uniqueKey("cod")
        #expect(
            PotteryBinary.run("cached-dict", "set", key, "1", "{\"b\":1,\"a\":2}", "jack", "02139").status
                == 0)
        #expect(try server.cli("HGET", key, "1") == "{\"a\": 2, \"b\": 1}")
        #expect(try server.cli("HGET", key, "\"jack\"") == "\"02139\"")
        #expect(try Int(server.cli("TTL", key))! > 55)
        #expect(
            PotteryBinary.run("cached-dict", "get", key, "jack", "2", "1").lines == [
                "[\"jack\", \"02139\"]", "[1, {\"a\": 2, \"b\": 1}]",
            ])
        let misses = PotteryBinary.run("cached-dict", "misses", key, "2", "1", "\"1\"", "2")
        #expect(misses.status == 1 && misses.lines == ["2", "\"1\""])
        #expect(PotteryBinary.run("cached-dict", "misses", key, "1", "jack").status == 0)
        #expect(PotteryBinary.run("cached-dict", "misses", key, "1").stdout.isEmpty)
        _ = PotteryBinary.run("cached-dict", "get", key, "1", "--ttl", "5")
        #expect(try Int(server.cli("TTL", key))! <= 5)
        let input = "[2, \"two\"]\n[[1, 2], null]\n"
        #expect(
            PotteryBinary.run(["cached-dict", "set", key, "-", "--ttl", "120"], stdin: input).status == 0)
        #expect(try Int(server.cli("TTL", key))! > 100)
        #expect(PotteryBinary.run("cached-dict", "get", key, "[1,2]").lines == ["[[1, 2], null]"])
    }

    @Test func badInputExitsTwoAndWritesNothing() throws {
        let key = uniqueKey("cod")
        for argv in [
            ["cached-dict", "set", key, "1"], ["cached-dict", "set", key, "1", "2", "--ttl", "-1"],
            ["cached-dict", "set", "-j", key, "1", "jack"], ["cached-dict", "get", key],
            ["cached-dict", "misses", key, "--ttl", "soon"],
        ] {
            #expect(PotteryBinary.run(argv).status == 2, "\(argv)")
        }
        for input in ["[1, 2]\n[3]\n", "[1, 2]\nnope\n", "{\"a\": 1}\n"] {
            #expect(
                PotteryBinary.run(["cached-dict", "set", key, "-"], stdin: input).status == 2, "\(input)")
        }
        #expect(try server.cli("EXISTS", key) == "0")
    }
}
