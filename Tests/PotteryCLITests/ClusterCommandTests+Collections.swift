import Foundation
import RedisTestSupport
import Testing

/// `pottery dict`, `list`, `deque`, `counter` and `cached-dict` on a cluster: every verb on keys
/// of all three masters, with bulk and atomic (`-j`) bulk input.
extension ClusterCommandTests {
    /// `n` NDJSON lines produced by `line`.
    func lines(_ n: Int, _ line: (Int) -> String) -> String {
        (0..<n).map(line).joined(separator: "\n") + "\n"
    }

    @Test func dictVerbsOnEveryMaster() throws {
        for key in fixture.keysOnEveryMaster("cdict") {
            #expect(fixture.run("dict", "set", key, "name", "jack", "zip", "02139", "n", "4098").status == 0)
            #expect(try fixture.cli("HGET", key, "\"zip\"") == "\"02139\"")
            #expect(fixture.run("dict", "get", key, "name").stdoutText == "\"jack\"\n")
            let absent = fixture.run("dict", "get", key, "nope")
            #expect(absent.status == 1 && absent.stdout.isEmpty && absent.stderr.isEmpty)
            #expect(fixture.run("dict", "has", key, "n").stdoutText == "true\n")
            #expect(fixture.run("dict", "has", key, "m").status == 1)
            #expect(fixture.run("dict", "len", key).stdoutText == "3\n")
            #expect(Set(fixture.run("dict", "keys", key).lines) == ["\"name\"", "\"zip\"", "\"n\""])
            #expect(Set(fixture.run("dict", "values", key, "-r").lines) == ["jack", "02139", "4098"])
            #expect(fixture.run("dict", "items", key).lines.contains("[\"n\", 4098]"))
            #expect(fixture.run("dict", "del", key, "n", "missing").status == 1)
            #expect(fixture.run("dict", "len", key).stdoutText == "2\n")

            let input = lines(3000) { $0 % 2 == 0 ? "[\"f\($0)\", \($0)]" : "{\"f\($0)\": \($0)}" }
            #expect(fixture.run(["dict", "update", key, "-"], stdin: input).status == 0)
            #expect(try fixture.cli("HLEN", key) == "3002")
            #expect(try fixture.cli("HGET", key, "\"f2999\"") == "2999")
            #expect(fixture.run("dict", "items", key).lines.count == 3002)
            let bad = fixture.run(["dict", "update", key, "-", "-j"], stdin: "[\"new\", 1]\n[\"x\"]\n")
            #expect(bad.status == 2)
            #expect(try fixture.cli("HEXISTS", key, "\"new\"") == "0")
            #expect(fixture.run(["dict", "update", key, "-", "-j"], stdin: "[\"new\", 1]\n").status == 0)
            #expect(try fixture.cli("HGET", key, "\"new\"") == "1")
            #expect(fixture.run("dict", "clear", key).status == 0)
            #expect(try fixture.cli("EXISTS", key) == "0")
        }
        try fixture.expectNoRedirections()
    }

    @Test func listVerbsOnEveryMaster() throws {
        for key in fixture.keysOnEveryMaster("clist") {
            #expect(fixture.run("list", "append", key, "a", "b", "c", "d").status == 0)
            #expect(fixture.run("list", "extend", key, "-s", "4098").status == 0)
            #expect(
                try fixture.cli("LRANGE", key, "0", "-1").split(separator: "\n")
                    == ["\"a\"", "\"b\"", "\"c\"", "\"d\"", "\"4098\""])
            #expect(fixture.run("list", "get", key, "-1", "-r").stdoutText == "4098\n")
            #expect(fixture.run("list", "get", key, "1:3").lines == ["\"b\"", "\"c\""])
            #expect(fixture.run("list", "get", key, "9").status == 1)
            #expect(fixture.run("list", "insert", key, "-1", "x").status == 0)
            #expect(fixture.run("list", "set", key, "0", "A").status == 0)
            #expect(fixture.run("list", "set", key, "9", "Z").status == 1)
            #expect(fixture.run("list", "items", key, "-r").lines == ["A", "b", "c", "d", "x", "4098"])
            #expect(fixture.run("list", "pop", key, "1", "-r").stdoutText == "b\n")
            #expect(fixture.run("list", "pop", key, "-r").stdoutText == "4098\n")
            #expect(fixture.run("list", "del", key, "::2").status == 0)
            #expect(fixture.run("list", "items", key, "-r").lines == ["c", "x"])
            #expect(fixture.run("list", "remove", key, "c").status == 0)
            #expect(fixture.run("list", "remove", key, "c").status == 1)
            #expect(fixture.run("list", "len", key).stdoutText == "1\n")

            #expect(
                fixture.run(["list", "extend", key, "-"], stdin: lines(3000) { "\(2999 - $0)" }).status == 0)
            #expect(try fixture.cli("LLEN", key) == "3001")
            #expect(fixture.run("list", "del", key, "0").status == 0)
            #expect(fixture.run("list", "sort", key).status == 0)
            #expect(fixture.run("list", "get", key, ":3").lines == ["0", "1", "2"])
            #expect(fixture.run("list", "sort", key, "--reverse").status == 0)
            #expect(try fixture.cli("LINDEX", key, "0") == "2999")
            let bad = fixture.run(["list", "append", key, "-", "-j"], stdin: "1\n2\nnope\n")
            #expect(bad.status == 2)
            #expect(try fixture.cli("LLEN", key) == "3000")
            #expect(
                fixture.run(["list", "append", key, "-", "-j"], stdin: lines(2000) { "\($0)" }).status == 0)
            #expect(try fixture.cli("LLEN", key) == "5000")
            #expect(fixture.run("list", "items", key).lines.count == 5000)
            #expect(fixture.run("list", "clear", key).status == 0)
            #expect(fixture.run("list", "pop", key).status == 1)
        }
        try fixture.expectNoRedirections()
    }

    @Test func dequeVerbsOnEveryMaster() throws {
        for key in fixture.keysOnEveryMaster("cdeque") {
            #expect(fixture.run("deque", "append", key, "1", "2", "3", "4", "5", "--maxlen", "3").status == 0)
            #expect(fixture.run("deque", "items", key).lines == ["3", "4", "5"])
            #expect(fixture.run("deque", "appendleft", key, "a", "--maxlen", "3").status == 0)
            #expect(try fixture.cli("LRANGE", key, "0", "-1").split(separator: "\n") == ["\"a\"", "3", "4"])
            #expect(fixture.run("deque", "extendleft", key, "x", "y").status == 0)
            #expect(fixture.run("deque", "extend", key, "z").status == 0)
            #expect(fixture.run("deque", "items", key, "-r").lines == ["y", "x", "a", "3", "4", "z"])
            #expect(fixture.run("deque", "rotate", key, "2").status == 0)
            #expect(fixture.run("deque", "items", key, "-r").lines == ["4", "z", "y", "x", "a", "3"])
            #expect(fixture.run("deque", "get", key, "-1").stdoutText == "3\n")
            #expect(fixture.run("deque", "get", key, "6").status == 1)
            #expect(fixture.run("deque", "pop", key).stdoutText == "3\n")
            #expect(fixture.run("deque", "popleft", key).stdoutText == "4\n")
            #expect(fixture.run("deque", "len", key).stdoutText == "4\n")

            let input = lines(5000) { "\($0)" }
            #expect(fixture.run(["deque", "extend", key, "-", "--maxlen", "100"], stdin: input).status == 0)
            #expect(fixture.run("deque", "items", key).lines == (4900..<5000).map(String.init))
            #expect(
                fixture.run(["deque", "extendleft", key, "-", "-j", "--maxlen", "5"], stdin: input).status
                    == 0)
            #expect(fixture.run("deque", "items", key).lines == ["4999", "4998", "4997", "4996", "4995"])
            #expect(fixture.run(["deque", "extend", key, "-", "-j"], stdin: "1\nnope\n").status == 2)
            #expect(try fixture.cli("LLEN", key) == "5")
            #expect(fixture.run("deque", "clear", key).status == 0)
            #expect(fixture.run("deque", "popleft", key).status == 1)
        }
        try fixture.expectNoRedirections()
    }

    @Test func counterVerbsOnEveryMaster() throws {
        for key in fixture.keysOnEveryMaster("ccounter") {
            #expect(fixture.run("counter", "incr", key, "jack").stdoutText == "1\n")
            #expect(fixture.run("counter", "incr", key, "jack", "-7").stdoutText == "-6\n")
            #expect(try fixture.cli("HGET", key, "\"jack\"") == "-6")
            #expect(fixture.run("counter", "update", key, "a", "b", "a", "4098").status == 0)
            #expect(fixture.run("counter", "subtract", key, "b", "b").status == 0)
            #expect(fixture.run("counter", "get", key, "a").stdoutText == "2\n")
            #expect(fixture.run("counter", "get", key, "b").stdoutText == "-1\n")
            #expect(fixture.run("counter", "get", key, "nobody").stdoutText == "0\n")
            #expect(fixture.run("counter", "len", key).stdoutText == "4\n")
            #expect(fixture.run("counter", "total", key).stdoutText == "-4\n")
            #expect(
                fixture.run("counter", "most-common", key).lines == [
                    "[\"a\", 2]", "[4098, 1]", "[\"b\", -1]", "[\"jack\", -6]",
                ])
            #expect(fixture.run("counter", "most-common", key, "1").lines == ["[\"a\", 2]"])
            #expect(Set(fixture.run("counter", "items", key).lines).count == 4)
            #expect(fixture.run("counter", "elements", key, "-r").lines == ["a", "a", "4098"])
            #expect(fixture.run("counter", "del", key, "jack").status == 0)

            let input = lines(7000) { "\($0 % 7)" }
            #expect(fixture.run(["counter", "update", key, "-"], stdin: input).status == 0)
            #expect(try fixture.cli("HGET", key, "6") == "1000")
            #expect(
                fixture.run(["counter", "subtract", key, "-", "-j"], stdin: input + "nope\n").status == 2)
            #expect(try fixture.cli("HGET", key, "6") == "1000")
            #expect(fixture.run(["counter", "subtract", key, "-", "-j"], stdin: input).status == 0)
            #expect(try fixture.cli("HGET", key, "6") == "0")
            #expect(fixture.run("counter", "clear", key).status == 0)
            #expect(fixture.run("counter", "total", key).stdoutText == "0\n")
        }
        try fixture.expectNoRedirections()
    }

    @Test func cachedDictVerbsOnEveryMaster() throws {
        for key in fixture.keysOnEveryMaster("ccod") {
            #expect(
                fixture.run("cached-dict", "set", key, "1", "{\"b\":1,\"a\":2}", "jack", "02139").status == 0)
            #expect(try fixture.cli("HGET", key, "1") == "{\"a\": 2, \"b\": 1}")
            #expect(try Int(fixture.cli("TTL", key)).map { $0 > 55 } == true)
            #expect(
                fixture.run("cached-dict", "get", key, "jack", "2", "1").lines == [
                    "[\"jack\", \"02139\"]", "[1, {\"a\": 2, \"b\": 1}]",
                ])
            let misses = fixture.run("cached-dict", "misses", key, "2", "1", "\"1\"")
            #expect(misses.status == 1 && misses.lines == ["2", "\"1\""])
            #expect(fixture.run("cached-dict", "misses", key, "1", "jack").status == 0)
            let input = lines(3000) { "[\($0 + 10), \"v\($0)\"]" }
            #expect(fixture.run(["cached-dict", "set", key, "-", "--ttl", "120"], stdin: input).status == 0)
            #expect(try fixture.cli("HLEN", key) == "3002")
            #expect(try Int(fixture.cli("TTL", key)).map { $0 > 100 } == true)
            #expect(fixture.run("cached-dict", "get", key, "3009", "-r").lines == ["[3009, \"v2999\"]"])
            #expect(fixture.run(["cached-dict", "set", key, "-"], stdin: "[5, 5]\nnope\n").status == 2)
            #expect(try fixture.cli("HEXISTS", key, "5") == "0")
            #expect(fixture.run("del", key).status == 0)
        }
        try fixture.expectNoRedirections()
    }
}
