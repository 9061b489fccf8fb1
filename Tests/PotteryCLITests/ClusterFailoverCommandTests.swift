import PotteryProcess
import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// `pottery` while a cluster master dies, on a cluster of its own (stopped at the end): a bulk
/// `set add KEY -` that is streaming when the master of KEY is killed completes with every member
/// (an atomic `-j` one writes all or nothing), the next commands on that master's keys succeed
/// once its replica took over, and a command started right after a kill, or blocked in
/// `queue get` at the time, waits the failover out within `--timeout`.
@Suite struct ClusterFailoverCommandTests {
    /// Waits until the replica on `replica` has received everything the master on `master` wrote so
    /// far (its `slave_repl_offset` reached the master's `master_repl_offset`).
    func waitUntilReplicated(master: Int, replica: Int, in cluster: RedisClusterProcess) throws -> Bool {
        func offset(_ port: Int, _ field: String) -> Int? {
            let info = try? cluster.cli(port, "INFO", "replication")
            let line = info?.split(whereSeparator: \.isNewline).first { $0.hasPrefix(field + ":") }
            return line.flatMap { Int($0.dropFirst(field.count + 1)) }
        }
        let target = try #require(offset(master, "master_repl_offset"))
        return eventually { (offset(replica, "slave_repl_offset") ?? -1) >= target }
    }

    /// The port of the replica of the master on `port`.
    func replicaPort(of port: Int, in cluster: RedisClusterProcess) throws -> Int? {
        let lines = try cluster.clusterNodes()
        let id = lines.first { $0.port == port }?.id
        return lines.first { $0.masterID != nil && $0.masterID == id }?.port
    }

    @Test func aMasterDiesDuringABulkAddAndAfterwards() throws {
        let fixture = try ClusterCLIFixture(cluster: RedisClusterProcess.start(timeout: 60))
        defer { fixture.cluster.stop() }
        let base = uniqueKey("failover")
        let keys = fixture.spread(base)
        let victim = fixture.owner(of: keys[1])
        let survivor = fixture.owner(of: keys[0])
        let url = fixture.url(survivor)
        // Data written before the kill, in each key's slot, replicated (awaited) so that it survives.
        let dicts = keys.map { "{\($0)}:d" }
        for dict in dicts {
            #expect(fixture.run(["dict", "set", dict, "before", "1"], url: url).status == 0)
        }
        let replica = try #require(try replicaPort(of: victim, in: fixture.cluster))
        #expect(try waitUntilReplicated(master: victim, replica: replica, in: fixture.cluster))

        // (b) 200,000 members; the master of KEY is killed once the first half has reached it. An
        // atomic (-j) bulk into KEY's slot streams at the same time, inside its MULTI at the kill.
        let bulkKey = keys[1]
        let strictKey = "{\(bulkKey)}:strict"
        let count = 200_000
        let firstHalf = (0..<count / 2).map { "\($0)\n" }.joined()
        let secondHalf = (count / 2..<count).map { "\($0)\n" }.joined()
        let bulk = try StreamingPottery(["-u", url, "--timeout", "20", "set", "add", bulkKey, "-"])
        let strict = try StreamingPottery(["-u", url, "--timeout", "20", "set", "add", strictKey, "-", "-j"])
        bulk.write(firstHalf)
        strict.write(firstHalf)
        #expect(eventually { ((try? fixture.cli("SCARD", bulkKey)).flatMap { Int($0) } ?? 0) > 0 })
        #expect(
            eventually {
                let clients = (try? fixture.cluster.cli(victim, "CLIENT", "LIST")) ?? ""
                return clients.split(separator: "\n").contains {
                    $0.contains("name=pottery") && $0.contains("flags=x")
                }
            })
        fixture.cluster.killMaster(port: victim)
        bulk.write(secondHalf)
        strict.write(secondHalf)
        let (status, errors) = bulk.finish(timeout: 90)
        #expect(status == 0, "\(errors)")
        let (strictStatus, strictErrors) = strict.finish(timeout: 90)
        try fixture.cluster.waitForFailover(of: victim, deadline: Date().addingTimeInterval(60))
        #expect(try fixture.cluster.masterPorts().contains(replica))
        #expect(try fixture.cluster.cli(replica, "SCARD", bulkKey) == "\(count)")
        // The atomic bulk lost its transaction with the master: all or nothing, never a part.
        let strictCount = try fixture.cluster.cli(replica, "SCARD", strictKey)
        #expect(
            strictStatus == 3 && strictCount == "0"
                && strictErrors.hasPrefix("pottery: set add \(strictKey) (")
                || strictStatus == 0 && strictCount == "\(count)",
            "\(strictStatus) \(strictCount) \(strictErrors)")
        let missing = try fixture.cluster.cli(
            replica, "EVAL",
            "local n = 0 for i = 0, \(count - 1) do n = n + 1 - redis.call('SISMEMBER', KEYS[1], tostring(i)) end return n",
            "1", bulkKey)
        #expect(missing == "0")

        // (a) The next commands on keys of the dead master's slots succeed, from any live node.
        for node in fixture.cluster.nodes where !node.isStopped {
            let result = fixture.run(["dict", "get", dicts[1], "before"], url: node.url)
            #expect(result.status == 0 && result.stdoutText == "1\n", "\(node.port): \(result.stderrText)")
        }
        #expect(fixture.run(["dict", "set", dicts[1], "after", "2"], url: url).status == 0)
        #expect(try fixture.cluster.cli(replica, "HGET", dicts[1], "\"after\"") == "2")
        #expect(fixture.run(["set", "len", bulkKey], url: url).stdoutText == "\(count)\n")
        #expect(Set(fixture.run(["keys", "*" + base + "*"], url: url).lines) == Set(dicts + [bulkKey]))
        let token = fixture.run(["lock", "acquire", keys[1], "--master", url, "--ttl", "30"], url: url)
        #expect(
            token.status == 0
                && fixture.run(["lock", "release", keys[1], token.trimmed, "--master", url]).status == 0)
        #expect(fixture.run(["nextid", "next", keys[1], "--master", url], url: url).lines == ["1"])
        #expect(fixture.run(["del"] + dicts, url: url).status == 0)

        // A command started right after a kill (the third master, which still has a replica)
        // waits the failover out within its timeout.
        let second = fixture.owner(of: keys[2])
        #expect(fixture.run(["queue", "put", keys[2], "kept"], url: url).status == 0)
        let idKey = try #require(
            fixture.spread(base + ":id", stored: { "nextid:" + $0 }).first {
                fixture.owner(of: "nextid:" + $0) == second
            })
        let lockKey = try #require(
            fixture.spread(base + ":lock", stored: { "redlock:" + $0 }).first {
                fixture.owner(of: "redlock:" + $0) == second
            })
        #expect(fixture.run(["nextid", "next", idKey, "--master", url], url: url).lines == ["1"])
        let secondReplica = try #require(try replicaPort(of: second, in: fixture.cluster))
        #expect(try waitUntilReplicated(master: second, replica: secondReplica, in: fixture.cluster))
        // A consumer blocked on that master goes on waiting on its successor.
        let waitKey = "{\(keys[2])}:wait"
        let consumer = try BlockedPottery(
            ["--timeout", "30", "queue", "get", waitKey],
            server: #require(fixture.cluster.node(port: second)),
            url: url)
        try consumer.waitUntilBlocked()
        fixture.cluster.killMaster(port: second)
        let started = Date()
        // lock and nextid with the cluster as their master: the request to that master waits too.
        let id = fixture.run(["--timeout", "30", "nextid", "next", idKey, "--master", url], url: url)
        #expect(id.status == 0 && id.lines == ["2"], "\(id.stderrText)")
        let held = fixture.run(["--timeout", "30", "lock", "acquire", lockKey, "--nowait", "--master", url])
        #expect(held.status == 0, "\(held.stderrText)")
        #expect(fixture.run(["lock", "release", lockKey, held.trimmed, "--master", url]).status == 0)
        let waited = fixture.run(["--timeout", "30", "queue", "get", keys[2], "--nowait"], url: url)
        #expect(waited.status == 0 && waited.stdoutText == "\"kept\"\n", "\(waited.stderrText)")
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(fixture.run(["--timeout", "30", "queue", "size", keys[2]], url: url).stdoutText == "0\n")
        #expect(fixture.run(["queue", "put", waitKey, "woken"], url: url).status == 0)
        let (consumerStatus, consumed) = consumer.finish()
        #expect(consumerStatus == 0 && consumed == "\"woken\"\n", "\(consumer.errors())")
        try fixture.cluster.waitForFailover(of: second, deadline: Date().addingTimeInterval(60))
    }
}

/// A pottery process whose standard input the test writes piece by piece (to act between pieces).
/// The input is one end of a socket pair written with `MSG_NOSIGNAL`: a pottery that exits early
/// makes a write fail, never raise SIGPIPE in the test process (whose signal dispositions other
/// suites rely on).
final class StreamingPottery: @unchecked Sendable {
    let process = Process()
    private let inputFD: Int32
    private let errorOutput = Pipe()

    init(_ arguments: [String]) throws {
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0
        else {
            throw TestSupportError("socketpair: \(errno)")
        }
        inputFD = ends[0]
        let childEnd = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        process.executableURL = URL(fileURLWithPath: PotteryBinary.path)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin"]
        process.standardInput = childEnd
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorOutput
        try process.run()
        try? childEnd.close()
    }

    private let writes = DispatchGroup()
    private let writer = DispatchQueue(label: "StreamingPottery.writer")

    /// Queues `text` to be written whole to its standard input, in order, from another thread
    /// (a pottery that stops reading cannot block the test past `finish`'s timeout).
    func write(_ text: String) {
        let fd = inputFD
        writer.async(group: writes) {
            let bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes {
                    send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                if sent < 0 && errno == EINTR { continue }
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    /// Waits until everything queued was written, closes its standard input, waits for the exit
    /// (killing it when `timeout` seconds have passed) and returns its status and standard error.
    func finish(timeout: Double) -> (Int32, String) {
        let deadline = Date().addingTimeInterval(timeout)
        if writes.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            writes.wait()
        }
        close(inputFD)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let errors = errorOutput.fileHandleForReading.readDataToEndOfFile()
        return (process.terminationStatus, String(decoding: errors, as: UTF8.self))
    }
}
