import Foundation
import RedisTestSupport
import Testing

/// `pottery lock ...` and `pottery nextid ...` with `--master` URLs that name cluster nodes: one
/// cluster (the quorum of one), and three independent clusters (each a quorum member, reached
/// through the node that serves the key). The keys are chosen so that `redlock:KEY` and
/// `nextid:KEY` land on each of the three masters.
extension ClusterCommandTests {
    /// `--master` options for `urls`.
    func masterOptions(_ urls: [String]) -> [String] { urls.flatMap { ["--master", $0] } }

    @Test func lockVerbsWithAClusterAsTheMaster() throws {
        let masters = masterOptions([fixture.url(fixture.cluster.ports[1])])
        let run = { (arguments: [String]) in fixture.run(arguments + masters) }
        for key in fixture.spread(uniqueKey("clock"), stored: { "redlock:" + $0 }) {
            let acquired = run(["lock", "acquire", key, "--ttl", "30"])
            #expect(acquired.status == 0, "\(acquired.stderrText)")
            let token = acquired.trimmed
            #expect(token.count == 36)
            #expect(try fixture.cli("GET", "redlock:\(key)") == token)
            let fencing = try #require(Int(try fixture.cli("GET", "{redlock:\(key)}:fencing")))
            #expect(run(["lock", "acquire", key, "--nowait"]).status == 1)
            #expect(run(["lock", "acquire", key, "--wait", "0.3"]).status == 1)
            let status = run(["lock", "status", key])
            #expect(status.status == 0 && status.stdoutText.hasPrefix("{\"locked\": true, \"ttl_ms\": "))
            #expect(run(["lock", "extend", key, "nobody"]).status == 1)
            #expect(run(["lock", "extend", key, token, "--ttl", "100"]).status == 0)
            #expect((Int(try fixture.cli("PTTL", "redlock:\(key)")) ?? 0) > 90_000)
            #expect(run(["lock", "release", key, "nobody"]).status == 1)
            #expect(run(["lock", "release", key, token]).status == 0)
            #expect(run(["lock", "release", key, token]).status == 1)
            let free = run(["lock", "status", key])
            #expect(free.status == 1 && free.stdoutText == "{\"locked\": false, \"ttl_ms\": 0}\n")

            let script = "echo $POTTERY_LOCK_KEY $POTTERY_FENCING_TOKEN; exit 7"
            let child = run(["lock", "run", key, "--", "sh", "-c", script])
            #expect(child.status == 7 && child.stdoutText == "\(key) \(fencing + 1)\n", "\(child.stderrText)")
            #expect(try fixture.cli("EXISTS", "redlock:\(key)") == "0")
            let held = run(["lock", "acquire", key]).trimmed
            #expect(run(["lock", "run", key, "--nowait", "--", "true"]).status == 75)
            #expect(run(["lock", "release", key, held]).status == 0)
        }
        try fixture.expectNoRedirections()
    }

    @Test func lockRunOverAClusterNeverOverlaps() throws {
        let key = fixture.spread(uniqueKey("cmutex"), stored: { "redlock:" + $0 })[2]
        let counter = temporaryPath("counter")
        try "0".write(toFile: counter, atomically: true, encoding: .utf8)
        let step = "n=$(cat \"$1\"); sleep 0.01; echo $((n + 1)) > \"$1\""
        let loop =
            "for i in 1 2 3 4 5; do \"$0\" lock run \(key) --ttl 5 -- sh -c '\(step)' sh \"$1\" || exit 1; done"
        let environment = [
            "PATH": "/usr/bin:/bin", "POTTERY_MASTERS": fixture.url(fixture.replicaPorts[0]),
        ]
        let workers = try (0..<4).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", loop, PotteryBinary.path, counter]
            process.environment = environment
            try process.run()
            return process
        }
        for worker in workers {
            worker.waitUntilExit()
            #expect(worker.terminationStatus == 0)
        }
        let total = try String(contentsOfFile: counter, encoding: .utf8)
        #expect(total.trimmingCharacters(in: .whitespacesAndNewlines) == "20")
        #expect(try fixture.cli("EXISTS", "redlock:\(key)") == "0")
        try fixture.expectNoRedirections()
    }

    @Test func nextidVerbsWithAClusterAsTheMaster() throws {
        let masters = masterOptions([fixture.url(fixture.cluster.ports[2])])
        let run = { (arguments: [String]) in fixture.run(arguments + masters) }
        for key in fixture.spread(uniqueKey("cids"), stored: { "nextid:" + $0 }) {
            #expect(run(["nextid", "current", key]).lines == ["0"])
            #expect(run(["nextid", "next", key]).lines == ["1"])
            #expect(run(["nextid", "next", key, "--count", "4"]).lines == ["2", "3", "4", "5"])
            #expect(try fixture.cli("GET", "nextid:\(key)") == "5")
            #expect(run(["nextid", "current", key]).lines == ["5"])
            #expect(run(["nextid", "reset", key]).status == 0)
            #expect(try fixture.cli("EXISTS", "nextid:\(key)") == "0")
            #expect(run(["nextid", "next", key]).lines == ["1"])
        }
        try fixture.expectNoRedirections()
    }

    /// Three independent clusters as the three quorum masters: each holds the lock and the id at
    /// the master that serves the key.
    @Test func lockAndNextidOverThreeClusters() throws {
        let started = Locked<[Int: Result<ClusterCLIFixture, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = Result { try ClusterCLIFixture(cluster: RedisClusterProcess.start(timeout: 60)) }
            started.withLock { $0[index] = result }
        }
        let others = started.withLock { $0.values.compactMap { try? $0.get() } }
        defer { for other in others { other.cluster.stop() } }
        let clusters = [fixture] + others
        try #require(clusters.count == 3, "\(started.withLock { $0 })")
        let masters = masterOptions(clusters.map { $0.url() })
        let run = { (arguments: [String]) in fixture.run(arguments + masters) }

        for key in fixture.spread(uniqueKey("c3lock"), stored: { "redlock:" + $0 }) {
            let token = run(["lock", "acquire", key, "--ttl", "30"])
            #expect(token.status == 0, "\(token.stderrText)")
            for cluster in clusters {
                #expect(try cluster.cli("GET", "redlock:\(key)") == token.trimmed)
                #expect(try cluster.cli("EXISTS", "{redlock:\(key)}:fencing") == "1")
            }
            #expect(run(["lock", "acquire", key, "--nowait"]).status == 1)
            #expect(run(["lock", "status", key]).status == 0)
            #expect(run(["lock", "extend", key, token.trimmed, "--ttl", "100"]).status == 0)
            for cluster in clusters {
                #expect((Int(try cluster.cli("PTTL", "redlock:\(key)")) ?? 0) > 90_000)
            }
            #expect(run(["lock", "release", key, token.trimmed]).status == 0)
            for cluster in clusters { #expect(try cluster.cli("EXISTS", "redlock:\(key)") == "0") }
            #expect(run(["lock", "status", key]).status == 1)
            let child = run(["lock", "run", key, "--", "sh", "-c", "echo $POTTERY_LOCK_KEY"])
            #expect(child.status == 0 && child.stdoutText == key + "\n")
        }
        for key in fixture.spread(uniqueKey("c3ids"), stored: { "nextid:" + $0 }) {
            #expect(run(["nextid", "next", key, "--count", "3"]).lines == ["1", "2", "3"])
            #expect(run(["nextid", "current", key]).lines == ["3"])
            for cluster in clusters { #expect(try cluster.cli("GET", "nextid:\(key)") == "3") }
            #expect(run(["nextid", "reset", key]).status == 0)
            for cluster in clusters { #expect(try cluster.cli("EXISTS", "nextid:\(key)") == "0") }
        }
        for cluster in clusters { try cluster.expectNoRedirections() }
    }
}
