import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// The 6-node cluster that the `pottery` cluster suites share, with what they need around it:
/// keys spread over the three masters, `redis-cli` on the node that owns a key, and the check that
/// no node ever answered MOVED or ASK (routing comes from the slot map).
final class ClusterCLIFixture: Sendable {
    let cluster: RedisClusterProcess
    /// The slot ranges of each master, by port, as `CLUSTER NODES` reported them at start.
    let slotsByMaster: [Int: [ClosedRange<Int>]]

    /// Started on first use, error statistics reset on every node once it is ready (so that any
    /// `errorstat_MOVED` seen later was caused by these suites); killed at exit.
    static let shared: ClusterCLIFixture = {
        do {
            return try ClusterCLIFixture(cluster: RedisClusterProcess.start())
        } catch {
            fatalError("cannot start the test cluster: \(error)")
        }
    }()

    init(cluster: RedisClusterProcess) throws {
        self.cluster = cluster
        var slots: [Int: [ClosedRange<Int>]] = [:]
        for line in try cluster.clusterNodes() where line.isMaster && !line.slots.isEmpty {
            slots[line.port] = line.slots
        }
        guard slots.count == 3 else { throw TestSupportError("expected 3 masters, got \(slots)") }
        slotsByMaster = slots
        for port in cluster.ports { try cluster.cli(port, "CONFIG", "RESETSTAT") }
    }

    /// The masters' ports, sorted.
    var masterPorts: [Int] { slotsByMaster.keys.sorted() }

    /// The ports of the replicas.
    var replicaPorts: [Int] { cluster.ports.filter { slotsByMaster[$0] == nil } }

    /// The URL pottery is given: one node (the first master created, unless `port` says).
    func url(_ port: Int? = nil) -> String { "redis://127.0.0.1:\(port ?? cluster.ports[0])/0" }

    /// The port of the master that serves `key`'s slot.
    func owner(of key: String) -> Int {
        let slot = ClusterSlot.of(key)
        return slotsByMaster.first { $0.value.contains { $0.contains(slot) } }!.key
    }

    /// One unique key per master (`prefix:...:N`), in `masterPorts` order: every verb run on these
    /// keys lands on all three masters.
    func keysOnEveryMaster(_ prefix: String) -> [String] {
        spread(uniqueKey(prefix))
    }

    /// One key per master, each `base:N`, in `masterPorts` order; with `stored`, the key whose
    /// stored name (`redlock:KEY`, `nextid:KEY`) lands on each master.
    func spread(_ base: String, stored: (String) -> String = { $0 }) -> [String] {
        var found: [Int: String] = [:]
        var index = 0
        while found.count < 3 {
            let key = "\(base):\(index)"
            index += 1
            let port = owner(of: stored(key))
            if found[port] == nil { found[port] = key }
        }
        return masterPorts.map { found[$0]! }
    }

    /// `redis-cli -p <owner of key> args...` with `key` as the first argument after `command`.
    @discardableResult
    func cli(_ command: String, _ key: String, _ rest: String...) throws -> String {
        try cluster.cli(owner(of: key), arguments: [command, key] + rest)
    }

    /// `CLUSTER KEYSLOT key`, as the server computes it.
    func keyslot(_ key: String) throws -> String {
        try cluster.cli(masterPorts[0], "CLUSTER", "KEYSLOT", key)
    }

    /// Runs pottery with `-u` pointing at one node (`url`, else the first node).
    @discardableResult
    func run(
        _ arguments: [String], url: String? = nil, stdin: String? = nil,
        environment: [String: String] = [:], timeout: Double = 60
    ) -> ProcessResult {
        PotteryBinary.run(
            ["-u", url ?? self.url()] + arguments, server: nil, stdin: stdin, environment: environment,
            timeout: timeout)
    }

    /// `run(_:)` with variadic arguments.
    @discardableResult
    func run(_ arguments: String...) -> ProcessResult { run(arguments) }

    /// Every node's `INFO errorstats` lines that name a redirection (`errorstat_MOVED`,
    /// `errorstat_ASK`), prefixed with the node's port; empty when routing never guessed wrong.
    func redirections() throws -> [String] {
        var found: [String] = []
        for port in cluster.ports {
            let stats = try cluster.cli(port, "INFO", "errorstats")
            for line in stats.split(whereSeparator: \.isNewline)
            where line.hasPrefix("errorstat_MOVED") || line.hasPrefix("errorstat_ASK") {
                found.append("\(port): \(line)")
            }
        }
        return found
    }

    /// Expects that no node has answered MOVED or ASK since the cluster started.
    func expectNoRedirections(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let found = try redirections()
        #expect(found.isEmpty, "redirections: \(found)", sourceLocation: sourceLocation)
    }
}

extension ProcessResult {
    /// Standard output without its final newline.
    var trimmed: String { stdoutText.hasSuffix("\n") ? String(stdoutText.dropLast()) : stdoutText }
}
