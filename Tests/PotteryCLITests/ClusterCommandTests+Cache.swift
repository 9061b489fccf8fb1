import Foundation
import RedisTestSupport
import Testing

/// `pottery cache ...` on a cluster: run, stats, bypass, forget and clear on keys of all three
/// masters (the entries and `{KEY}:cache-stats` in one slot), and `--lock`, whose lock key
/// `redlock:cache-lock:KEY:<entry>` may live on another master than KEY.
extension ClusterCommandTests {
    /// `sh -c 'echo x >> COUNTFILE; wc -l < COUNTFILE'`: prints how many times it ran.
    func countingChild(_ counter: String) -> [String] {
        ["sh", "-c", "echo x >> \"$0\"; wc -l < \"$0\" | tr -d ' '", counter]
    }

    @Test func cacheVerbsOnEveryMaster() throws {
        for key in fixture.keysOnEveryMaster("ccache") {
            let counter = temporaryPath("runs")
            let child = countingChild(counter)
            let miss = fixture.run(["cache", "run", key, "--"] + child)
            #expect(miss.status == 0 && miss.stdoutText == "1\n", "\(miss.stderrText)")
            let hit = fixture.run(["cache", "run", key, "--"] + child)
            #expect(hit.status == 0 && hit.stdoutText == "1\n")
            #expect(try fixture.cli("HLEN", key) == "1")
            let ttl = Int(try fixture.cli("PTTL", key)) ?? 0
            #expect(ttl > 50_000 && ttl <= 60_000)
            #expect(try fixture.cli("HGET", "{\(key)}:cache-stats", "hits") == "1")
            #expect(
                fixture.run("cache", "stats", key).stdoutText
                    == "{\"hits\": 1, \"misses\": 1, \"currsize\": 1, \"ttl\": 60}\n")

            let bypassed = fixture.run(["cache", "bypass", key, "--ttl", "100", "--"] + child)
            #expect(bypassed.status == 0 && bypassed.stdoutText == "2\n")
            #expect(fixture.run("cache", "stats", key).stdoutText.hasSuffix("\"ttl\": 100}\n"))
            #expect((Int(try fixture.cli("PTTL", key)) ?? 0) > 90_000)
            #expect(fixture.run(["cache", "run", key, "--"] + child).stdoutText == "2\n")
            #expect(fixture.run(["cache", "bypass", key, "--", "sh", "-c", "exit 9"]).status == 9)
            let failing = ["sh", "-c", "echo partial; exit 3"]
            #expect(fixture.run(["cache", "run", key, "--cache-failures", "--"] + failing).status == 3)
            #expect(fixture.run(["cache", "run", key, "--"] + failing).stdoutText == "partial\n")
            #expect(try fixture.cli("HLEN", key) == "2")
            #expect(fixture.run(["cache", "forget", key, "--"] + child).status == 0)
            #expect(fixture.run(["cache", "forget", key, "--"] + child).status == 1)
            #expect(fixture.run(["cache", "run", key, "--"] + child).stdoutText == "3\n")
            let piped = fixture.run(["cache", "run", key, "--stdin", "--", "cat"], stdin: "from stdin\n")
            #expect(piped.status == 0 && piped.stdoutText == "from stdin\n")
            #expect(
                fixture.run(["cache", "run", key, "--stdin", "--", "cat"], stdin: "from stdin\n").stdoutText
                    == "from stdin\n")
            #expect(
                fixture.run("cache", "stats", key).stdoutText
                    == "{\"hits\": 4, \"misses\": 6, \"currsize\": 3, \"ttl\": 60}\n")
            #expect(fixture.run("cache", "clear", key).status == 0)
            #expect(
                try fixture.cli("EXISTS", key) == "0" && fixture.cli("EXISTS", "{\(key)}:cache-stats") == "0")
            #expect(
                fixture.run("cache", "stats", key).stdoutText
                    == "{\"hits\": 0, \"misses\": 0, \"currsize\": 0, \"ttl\": 60}\n")
            try? FileManager.default.removeItem(atPath: counter)
        }
        try fixture.expectNoRedirections()
    }

    @Test func cacheLockComputesAMissOnceOnEveryMaster() throws {
        for key in fixture.keysOnEveryMaster("cclock") {
            let counter = temporaryPath("runs")
            let command =
                [
                    "cache", "run", key, "--lock", "--", "sh", "-c",
                    "echo x >> \"$0\"; sleep 0.3; echo computed", counter,
                ]
            let outputs = Locked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 3) { _ in
                let result = fixture.run(command)
                outputs.withLock { $0.append("\(result.status) \(result.stdoutText)") }
            }
            #expect(outputs.withLock { $0 } == Array(repeating: "0 computed\n", count: 3))
            let runs = (try? String(contentsOfFile: counter, encoding: .utf8)) ?? ""
            #expect(runs == "x\n")
            #expect(fixture.run("cache", "stats", key).stdoutText.hasPrefix("{\"hits\": 2, \"misses\": 1"))
            for port in fixture.masterPorts {
                #expect(
                    try fixture.cluster.cli(port, "--scan", "--pattern", "redlock:cache-lock:\(key)*") == "")
            }
            #expect(fixture.run("cache", "clear", key).status == 0)
            try? FileManager.default.removeItem(atPath: counter)
        }
        try fixture.expectNoRedirections()
    }
}
