public import Foundation

/// A private 6-node Redis Cluster (3 masters, 3 replicas) on free loopback ports, for tests.
///
/// Each node is a `RedisServerProcess` started with `--cluster-enabled yes`, its
/// `nodes.conf` in its own directory, `--cluster-node-timeout 2000` and its bus on a second free
/// port (`--cluster-port`, so that no bus port falls above 65535). The cluster is made with
/// `redis-cli --cluster create ... --cluster-replicas 1 --cluster-yes` and is ready once every
/// node answers `CLUSTER INFO` with `cluster_state:ok`, knows all six nodes and sees three
/// replicas, and every replica has finished its first sync. `stop()` (or
/// `deinit`, or process exit) kills every node.
public final class RedisClusterProcess: @unchecked Sendable {
    /// The six nodes, in the order given to `redis-cli --cluster create` (the first three
    /// become masters at creation; failovers may change that: see `masterPorts()`).
    public let nodes: [RedisServerProcess]

    /// The nodes' ports, in creation order.
    public var ports: [Int] { nodes.map(\.port) }

    /// `redis://127.0.0.1:PORT/0` of every node, in creation order.
    public var urls: [String] { nodes.map(\.url) }

    /// With TLS (`start(tls:)`): each node's TLS port, in creation order (the plain ports stay open
    /// for setup and readiness checks; the cluster bus and replication speak TLS); else empty.
    public let tlsPorts: [Int]

    /// Starts six nodes, creates the cluster and waits (up to `timeout` seconds) until every
    /// node reports `cluster_state:ok`.
    public static func start(timeout: Double = 40, tls: TLSFixture? = nil) throws -> RedisClusterProcess {
        var nodes: [RedisServerProcess] = []
        var tlsPorts: [Int] = []
        do {
            for _ in 0..<6 {
                let tlsPort = freeLoopbackPort()
                nodes.append(try startNode(tls: tls.map { ($0, tlsPort) }))
                if tls != nil { tlsPorts.append(tlsPort) }
            }
            let cluster = RedisClusterProcess(nodes: nodes, tlsPorts: tlsPorts)
            let create = runProcess(
                "redis-cli",
                ["--cluster", "create"] + nodes.map { "127.0.0.1:\($0.port)" } + [
                    "--cluster-replicas", "1", "--cluster-yes",
                ], timeout: timeout)
            guard create.status == 0 else {
                throw TestSupportError(
                    "redis-cli --cluster create exited \(create.status): \(create.stdoutText)\(create.stderrText)"
                )
            }
            let deadline = Date().addingTimeInterval(timeout)
            try cluster.waitUntilHealthy(deadline: deadline, replicas: 3)
            try cluster.waitUntilReplicasSynced(deadline: deadline)
            return cluster
        } catch {
            for node in nodes { node.stop() }
            throw error
        }
    }

    private init(nodes: [RedisServerProcess], tlsPorts: [Int]) {
        self.nodes = nodes
        self.tlsPorts = tlsPorts
    }

    /// One cluster-enabled node; retried with another bus port if that one was taken.
    private static func startNode(tls: (fixture: TLSFixture, port: Int)?) throws -> RedisServerProcess {
        var lastError: any Error = TestSupportError("cluster node did not start")
        var tlsArguments: [String] = []
        if let (fixture, port) = tls {
            tlsArguments = [
                "--tls-port", "\(port)", "--tls-cert-file", "\(fixture.directory)/server.crt",
                "--tls-key-file", "\(fixture.directory)/server.key", "--tls-ca-cert-file", fixture.caFile,
                "--tls-auth-clients", "no", "--tls-cluster", "yes", "--tls-replication", "yes",
            ]
        }
        // Redis 6.2 has no `--cluster-port`: its bus is the port + 10000, so a port above 55535 is
        // refused at start, and another is tried.
        let busPort = RedisServerProcess.version >= (7, 0)
        for _ in 0..<(busPort ? 4 : 12) {
            do {
                return try RedisServerProcess.start(
                    extraArguments: tlsArguments + [
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "2000",
                        // A replica may take over however stale its data: failovers in tests never stall.
                        "--cluster-replica-validity-factor", "0",
                    ] + (busPort ? ["--cluster-port", "\(freeLoopbackPort())"] : []))
            } catch {
                lastError = error
                guard !busPort || "\(error)".contains("Address already in use") else { throw error }
            }
        }
        throw lastError
    }

    /// Runs `redis-cli -p PORT args...` (no `-c`) and returns its stdout, trimmed; throws when it
    /// exits with a non-zero status. Error replies (`MOVED ...`, `CROSSSLOT ...`) are printed, not
    /// thrown, as redis-cli does when its output is not a terminal.
    @discardableResult
    public func cli(_ port: Int, _ args: String...) throws -> String {
        try cli(port, arguments: args)
    }

    /// `cli(_:_:)` with the arguments as an array.
    @discardableResult
    public func cli(_ port: Int, arguments: [String]) throws -> String {
        let result = runProcess("redis-cli", ["-h", "127.0.0.1", "-p", "\(port)"] + arguments, timeout: 30)
        guard result.status == 0 else {
            throw TestSupportError(
                "redis-cli -p \(port) \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderrText)"
            )
        }
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The node listening on `port`.
    public func node(port: Int) -> RedisServerProcess? {
        nodes.first { $0.port == port }
    }

    /// The ports of the nodes that are masters now (with slots), as `CLUSTER NODES` on a live
    /// node reports them.
    public func masterPorts() throws -> [Int] {
        try clusterNodes().filter { $0.isMaster && !$0.failed && !$0.slots.isEmpty }.map(\.port).sorted()
    }

    /// One line of `CLUSTER NODES`, parsed (for tests).
    public struct NodeLine: Sendable {
        public var id: String
        public var port: Int
        public var isMaster: Bool
        public var failed: Bool
        public var masterID: String?
        /// Slot ranges served, inclusive (importing/migrating markers are left out).
        public var slots: [ClosedRange<Int>]
    }

    /// `CLUSTER NODES` of the first live node, parsed.
    public func clusterNodes() throws -> [NodeLine] {
        var lastError: any Error = TestSupportError("no live node")
        for node in nodes where !node.isStopped {
            do {
                return Self.parseNodes(try cli(node.port, "CLUSTER", "NODES"))
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    static func parseNodes(_ text: String) -> [NodeLine] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 8 else { return nil }
            // 127.0.0.1:PORT@BUS[,hostname]
            let address = fields[1].split(separator: "@").first ?? ""
            guard let portText = address.split(separator: ":").last, let port = Int(portText) else {
                return nil
            }
            let flags = fields[2].split(separator: ",")
            var slots: [ClosedRange<Int>] = []
            for field in fields.dropFirst(8) where !field.hasPrefix("[") {
                let bounds = field.split(separator: "-").compactMap { Int($0) }
                if bounds.count == 1 { slots.append(bounds[0]...bounds[0]) }
                if bounds.count == 2 { slots.append(bounds[0]...bounds[1]) }
            }
            return NodeLine(
                id: fields[0], port: port, isMaster: flags.contains("master"),
                failed: flags.contains("fail") || flags.contains("fail?"),
                masterID: fields[3] == "-" ? nil : fields[3], slots: slots)
        }
    }

    /// Kills the master on `port` (SIGKILL) for failover tests; its replica is promoted after
    /// the node timeout (2 s). Wait for that with `waitForFailover(of:deadline:)`.
    public func killMaster(port: Int) {
        node(port: port)?.stop()
    }

    /// Waits until every live node's `CLUSTER NODES` no longer gives the (killed) node on `port`
    /// any slot, then until the cluster is healthy again; throws at `deadline`.
    public func waitForFailover(of port: Int, deadline: Date) throws {
        let live = nodes.filter { !$0.isStopped }.map(\.port)
        var pending = Set(live)
        var last = ""
        while Date() < deadline {
            for livePort in pending {
                guard let text = try? cli(livePort, "CLUSTER", "NODES") else { continue }
                last = text
                let lines = Self.parseNodes(text)
                let dead = lines.first { $0.port == port }
                let served = lines.filter { $0.isMaster && !$0.failed }.reduce(0) { total, line in
                    total + line.slots.reduce(0) { $0 + $1.count }
                }
                if dead.map({ $0.failed && $0.slots.isEmpty }) ?? true, served == 16384 {
                    pending.remove(livePort)
                }
            }
            if pending.isEmpty {
                try waitUntilHealthy(deadline: deadline)
                return
            }
            // Between polls of the failover, which the cluster's gossip completes; not a sleep.
            usleep(50_000)
        }
        throw TestSupportError("no failover of \(port) before the deadline; last CLUSTER NODES:\n\(last)")
    }

    /// Waits until every live node answers `CLUSTER INFO` with `cluster_state:ok`, knows every
    /// node and sees all 16384 slots assigned and ok; with `replicas`, also until every live node's
    /// `CLUSTER NODES` lists that many healthy replicas. Throws at `deadline`.
    public func waitUntilHealthy(deadline: Date, replicas: Int? = nil) throws {
        let live = nodes.filter { !$0.isStopped }
        var pending = Set(live.map(\.port))
        var last = ""
        while Date() < deadline {
            for port in pending {
                guard let info = try? cli(port, "CLUSTER", "INFO") else { continue }
                last = "\(port): \(info)"
                if info.contains("cluster_state:ok"), info.contains("cluster_slots_ok:16384"),
                    info.contains("cluster_known_nodes:\(nodes.count)"),
                    replicas == nil
                        || (try? cli(port, "CLUSTER", "NODES")).map(Self.parseNodes).map({ lines in
                            lines.filter { !$0.isMaster && !$0.failed && $0.masterID != nil }.count
                                == replicas
                        }) == true
                {
                    pending.remove(port)
                }
            }
            if pending.isEmpty { return }
            // Between polls of a condition that the cluster's gossip makes true; not a sleep.
            usleep(20_000)
        }
        throw TestSupportError("cluster not ok before the deadline; last CLUSTER INFO: \(last)")
    }

    /// Waits until every replica reports `master_link_status:up` (its first sync is done).
    public func waitUntilReplicasSynced(deadline: Date) throws {
        var pending = Set(nodes.filter { !$0.isStopped }.map(\.port))
        var last = ""
        while Date() < deadline {
            for port in pending {
                guard let info = try? cli(port, "INFO", "replication") else { continue }
                last = "\(port): \(info)"
                if info.contains("role:master") || info.contains("master_link_status:up") {
                    pending.remove(port)
                }
            }
            if pending.isEmpty { return }
            // Between polls of the replicas' first sync; not a sleep.
            usleep(20_000)
        }
        throw TestSupportError("replicas not synced before the deadline; last INFO: \(last)")
    }

    /// Kills every node. Idempotent.
    public func stop() {
        for node in nodes { node.stop() }
    }

    deinit {
        stop()
    }
}
