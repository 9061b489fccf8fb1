import Foundation
import RedisTestSupport
import Testing

/// `pottery queue ...` on a cluster: every verb on keys of all three masters, bulk input, and a
/// consumer blocked on one master (given the URL of another node) woken by a producer.
extension ClusterCommandTests {
    /// A node other than `port`, for the URL pottery is given.
    func otherNode(than port: Int) -> Int { fixture.cluster.ports.first { $0 != port }! }

    @Test func queueVerbsOnEveryMaster() throws {
        for key in fixture.keysOnEveryMaster("cqueue") {
            #expect(fixture.run("queue", "empty", key).stdoutText == "true\n")
            #expect(fixture.run("queue", "put", key, "jack", "4098", "{\"b\":1,\"a\":2}").status == 0)
            let raw = try fixture.cli("XRANGE", key, "-", "+").split(separator: "\n").map(String.init)
            #expect(raw.filter { $0 == "item" }.count == 3 && raw.contains("{\"a\": 2, \"b\": 1}"))
            #expect(fixture.run("queue", "size", key).stdoutText == "3\n")
            #expect(fixture.run("queue", "empty", key).status == 1)
            #expect(fixture.run("queue", "get", key).stdoutText == "\"jack\"\n")
            #expect(fixture.run("queue", "get", key, "--nowait").stdoutText == "4098\n")
            #expect(fixture.run("queue", "get", key, "--timeout", "1").stdoutText == "{\"a\": 2, \"b\": 1}\n")
            let none = fixture.run("queue", "get", key, "--nowait")
            #expect(none.status == 1 && none.stdout.isEmpty && none.stderr.isEmpty)
            #expect(fixture.run("queue", "get", key, "--wait", "0.2").status == 1)
            #expect(try fixture.cli("XLEN", key) == "0")

            let input = (0..<3000).map { "\($0)" }.joined(separator: "\n") + "\n"
            #expect(fixture.run(["queue", "put", key, "-"], stdin: input).status == 0)
            #expect(try fixture.cli("XLEN", key) == "3000")
            let strict = fixture.run(["queue", "put", key, "-", "-j"], stdin: "1\n2\nnope\n")
            #expect(strict.status == 2 && strict.stderrText.contains("line 3"))
            #expect(try fixture.cli("XLEN", key) == "3000")
            #expect(fixture.run(["queue", "put", key, "-", "-j"], stdin: "3000\n3001\n").status == 0)
            let drained = fixture.run("queue", "get", key, "--follow", "--nowait")
            #expect(drained.status == 0 && drained.lines == (0..<3002).map(String.init))
            #expect(fixture.run("queue", "get", key, "--follow", "--timeout", "0.1").status == 1)
        }
        try fixture.expectNoRedirections()
    }

    @Test func aProducerWakesABlockedGetOnEveryMaster() throws {
        for key in fixture.keysOnEveryMaster("cwake") {
            let owner = fixture.owner(of: key)
            let node = try #require(fixture.cluster.node(port: owner))
            let waiting = try BlockedPottery(
                ["queue", "get", key], server: node, url: fixture.url(otherNode(than: owner)))
            try waiting.waitUntilBlocked()
            #expect(fixture.run("queue", "put", key, "wake").status == 0)
            let (status, output) = waiting.finish()
            #expect(status == 0 && output == "\"wake\"\n", "\(waiting.errors())")
            #expect(try fixture.cli("XLEN", key) == "0")
        }
        try fixture.expectNoRedirections()
    }

    @Test func followStreamsWhatAProducerPutsUntilInterrupted() throws {
        for key in fixture.keysOnEveryMaster("cfollow") {
            let owner = fixture.owner(of: key)
            #expect(fixture.run("queue", "put", key, "1", "2").status == 0)
            let node = try #require(fixture.cluster.node(port: owner))
            let following = try BlockedPottery(
                ["queue", "get", key, "--follow"], server: node, url: fixture.url(otherNode(than: owner)))
            // Into a pipe, the next item is taken only once this reader has read the one before.
            #expect(following.readLines(2) == "1\n2\n")
            try following.waitUntilBlocked()
            #expect(fixture.run(["queue", "put", key, "-"], stdin: "3\n4\n").status == 0)
            #expect(following.readLines(2) == "3\n4\n")
            following.process.interrupt()
            let (status, output) = following.finish()
            #expect(status == 130 && output.isEmpty, "\(following.errors())")
            #expect(fixture.run("queue", "put", key, "5").status == 0)
            #expect(try fixture.cli("XLEN", key) == "1")
        }
        try fixture.expectNoRedirections()
    }
}
