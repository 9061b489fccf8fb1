import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// Every structure's verbs through the built `pottery`, with `-u` naming one node of a 6-node
/// Redis Cluster, on keys that land on all three masters: the outputs and exit statuses are those
/// of a single server, the data is where `redis-cli` on the owning master finds it, and no node
/// ever answers MOVED or ASK (each test ends by checking `INFO errorstats` on every node). One
/// file per structure group (`ClusterCommandTests+*.swift`).
@Suite struct ClusterCommandTests {
    let fixture = ClusterCLIFixture.shared

    @Test func theKeysOfTheseSuitesLandOnEveryMaster() throws {
        let keys = fixture.keysOnEveryMaster("spread")
        #expect(Set(keys.map(fixture.owner(of:))).count == 3)
        for key in keys {
            // The slot map of the fixture agrees with the server.
            #expect(try fixture.keyslot(key) == "\(ClusterSlot.of(key))")
        }
    }

    @Test func pingKeysTypeDelExpireTTL() throws {
        let run = { (arguments: [String]) in fixture.run(arguments) }
        #expect(run(["ping"]).stdoutText == "PONG\n")
        let prefix = uniqueKey("general")
        let keys = fixture.spread(prefix)
        for key in keys {
            #expect(run(["set", "add", key, "1"]).status == 0)
            #expect(run(["dict", "set", key + ":d", "a", "1"]).status == 0)
        }
        let listed = run(["keys", prefix + "*"])
        #expect(listed.status == 0)
        #expect(listed.lines.sorted() == (keys + keys.map { $0 + ":d" }).sorted())
        #expect(Set(keys.map(fixture.owner(of:))).count == 3)
        for key in keys {
            #expect(run(["type", key]).stdoutText == "set\n")
            #expect(run(["type", key + ":d"]).stdoutText == "hash\n")
            #expect(run(["ttl", key]).stdoutText == "-1\n")
            #expect(run(["expire", key, "100"]).status == 0)
            let ttl = Int(run(["ttl", key]).trimmed) ?? -9
            #expect(ttl > 90 && ttl <= 100)
            #expect(try Int(fixture.cli("TTL", key)).map { $0 > 90 } == true)
            let none = run(["type", key + ":none"])
            #expect(none.status == 1 && none.stdoutText == "none\n")
            #expect(run(["expire", key + ":none", "5"]).status == 1)
            #expect(run(["ttl", key + ":none"]).status == 1)
        }
        // One DEL per slot: the counts add up (status 0 when every key existed, 1 otherwise).
        #expect(run(["del"] + keys).status == 0)
        for key in keys { #expect(try fixture.cli("EXISTS", key) == "0") }
        let partly = run(["del"] + keys.map { $0 + ":d" } + [prefix + "absent"])
        #expect(partly.status == 1 && partly.stdout.isEmpty && partly.stderr.isEmpty)
        for key in keys { #expect(try fixture.cli("EXISTS", key + ":d") == "0") }
        #expect(run(["keys", prefix + "*"]).stdoutText.isEmpty)
        try fixture.expectNoRedirections()
    }

    /// Batch mode: one connection serves every line, whichever master each line's key is on.
    @Test func batchModeRoutesEveryLine() throws {
        let base = uniqueKey("cbatch")
        let keys = fixture.spread(base)
        var script = "# one connection, three masters\n"
        for (index, key) in keys.enumerated() {
            script += "dict set \(key) name 'jack \(index)'\nset add \(key):s \(index) shared\n"
        }
        script += keys.map { "dict get \($0) name -r\n" }.joined()
        script += "set intersection \(keys.map { $0 + ":s" }.joined(separator: " ")) -r\n"
        script += "del \(keys.joined(separator: " ")) \(keys.map { $0 + ":s" }.joined(separator: " "))\n"
        script += "set len \(keys[2]):s\nkeys \(base)*\n"
        let result = fixture.run([], stdin: script)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.lines == ["jack 0", "jack 1", "jack 2", "shared", "0"])
        for key in keys { #expect(try fixture.cli("EXISTS", key) == "0") }
        try fixture.expectNoRedirections()
    }

    @Test func anyNodeServesIncludingAReplica() throws {
        let base = uniqueKey("anynode")
        let keys = fixture.spread(base)
        for (index, port) in fixture.cluster.ports.enumerated() {
            let url = fixture.url(port)
            let key = keys[index % 3]
            #expect(fixture.run(["dict", "set", key, "from", "\(port)"], url: url).status == 0)
            #expect(fixture.run(["dict", "get", key, "from"], url: url).stdoutText == "\(port)\n")
        }
        let replica = try #require(fixture.replicaPorts.first)
        let url = fixture.url(replica)
        for key in keys {
            #expect(fixture.run(["set", "add", key + ":s", "a", "b"], url: url).status == 0)
            #expect(try fixture.cli("SCARD", key + ":s") == "2")
            #expect(fixture.run(["set", "len", key + ":s"], url: url).stdoutText == "2\n")
        }
        #expect(fixture.run(["keys", base + "*"], url: url).lines.count == 6)
        try fixture.expectNoRedirections()
    }

    /// Keys with braces that make no hash tag, empty tags, nested or several tags, and the empty key:
    /// each lands in the slot `CLUSTER KEYSLOT` gives, and so do the helper keys that go with it
    /// (a Bloom filter's parameters, a HyperLogLog's scratch copy, a lock's fencing counter, a
    /// cache's stats), which one script touches with the key.
    @Test func hostileKeyNamesWork() throws {
        let base = uniqueKey("hostile")
        let shapes = ["{", "}", "{}", "}{", "x}", "{}x", "a{}b", "{{}}", "{a}{b}", "a{b}c", "{\(base)}"]
        let keys = shapes.map { base + $0 } + shapes.map { $0 + base } + [""]
        // A plain set and HyperLogLog to combine with (in whatever slot they land).
        let plain = base + ":plain"
        #expect(fixture.run(["set", "add", plain, "b", "z"]).status == 0)
        #expect(fixture.run(["hll", "add", plain + "hll", "y"]).status == 0)
        for key in keys {
            let slot = ClusterSlot.of(key)
            #expect(try fixture.keyslot(key) == "\(slot)", "\(key)")
            #expect(fixture.run(["set", "add", key, "a", "b"]).status == 0, "\(key)")
            #expect(try fixture.cli("SCARD", key) == "2", "\(key)")
            #expect(fixture.run(["set", "add", key, "-", "-j"], stdin: "\"c\"\n").status == 0, "\(key)")
            #expect(fixture.run(["set", "members", key]).lines.sorted() == ["\"a\"", "\"b\"", "\"c\""])
            let bloom = key + "bf"
            #expect(
                fixture.run(["bf", "add", bloom, "x", "--capacity", "100", "--error-rate", "0.01"]).status
                    == 0,
                "\(key)")
            #expect(fixture.run(["bf", "contains", bloom, "x"]).stdoutText == "true\n", "\(key)")
            #expect(fixture.run(["hll", "add", key + "hll", "x"]).status == 0, "\(key)")
            #expect(fixture.run(["hll", "contains", key + "hll", "x"]).status == 0, "\(key)")
            #expect(fixture.run(["hll", "merge", key + "hll", plain + "hll"]).status == 0, "\(key)")
            #expect(fixture.run(["hll", "count", key + "hll"]).stdoutText == "2\n", "\(key)")
            #expect(
                fixture.run(["set", "union", key, plain]).lines.sorted() == [
                    "\"a\"", "\"b\"", "\"c\"", "\"z\"",
                ])
            #expect(fixture.run(["set", "issuperset", key, plain]).status == 1, "\(key)")
            let token = fixture.run(["lock", "acquire", key, "--nowait"])
            #expect(token.status == 0, "\(key): \(token.stderrText)")
            #expect(fixture.run(["lock", "release", key, token.trimmed]).status == 0, "\(key)")
            let cached = fixture.run(["cache", "run", key + "c", "--", "echo", "hi"])
            #expect(cached.status == 0 && cached.stdoutText == "hi\n", "\(key): \(cached.stderrText)")
            #expect(
                fixture.run(["cache", "stats", key + "c"]).stdoutText.hasPrefix(#"{"hits": 0, "misses": 1"#))
            #expect(fixture.run(["del", key, bloom, key + "hll", key + "c"]).status == 0, "\(key)")
            #expect(fixture.run(["bf", "clear", bloom]).status == 0)
            #expect(fixture.run(["cache", "clear", key + "c"]).status == 0)
        }
        #expect(fixture.run(["del", plain, plain + "hll"]).status == 0)
        // Nothing was left behind but the fencing counters: no scratch key, no stats, no parameters.
        for port in fixture.masterPorts {
            let left = try fixture.cluster.cli(port, "--scan", "--pattern", "*\(base)*")
                .split(separator: "\n").filter {
                    !$0.hasSuffix(":fencing") && !$0.hasSuffix(":fencing:untagged")
                }
            #expect(left.isEmpty, "\(port): \(left)")
        }
        try fixture.expectNoRedirections()
    }
}
