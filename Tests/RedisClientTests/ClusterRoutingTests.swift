import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// A cluster of its own for the routing suite: its tests move slots and count redirections.
private let routingCluster: RedisClusterProcess = {
    do {
        return try RedisClusterProcess.start()
    } catch {
        fatalError("cannot start the routing test cluster: \(error)")
    }
}()

/// A routed connection (the default options) through the node on `port`.
private func connectRouted(_ port: Int, timeout: Double = 10) throws -> RedisConnection {
    try RedisConnection(
        url: RedisURL(parsing: "redis://127.0.0.1:\(port)/0"),
        options: RedisConnectionOptions(timeout: timeout))
}

/// `errorstat_CODE:count=N` of `INFO errorstats` on the node on `port`; 0 when absent.
private func errorCount(_ code: String, port: Int, cluster: RedisClusterProcess) throws -> Int {
    let info = try cluster.cli(port, "INFO", "errorstats")
    guard
        let line = info.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("errorstat_\(code):") }
        ),
        let count = line.split(separator: "=").dropFirst().first.flatMap({ Int($0.prefix { $0.isNumber }) })
    else { return 0 }
    return count
}

/// Keys named `prefix` + n, one in the slots of each master (by the map), `perMaster` each.
private func keysOnEveryMaster(_ map: ClusterSlotMap, prefix: String, perMaster: Int) -> [String: [String]] {
    var keys: [String: [String]] = [:]
    var index = 0
    while keys.values.map(\.count).min() ?? 0 < perMaster || keys.count < map.masters.count {
        let key = "\(prefix)\(index)"
        index += 1
        guard let master = map.master(forKey: Array(key.utf8)) else { continue }
        if keys[master.description, default: []].count < perMaster {
            keys[master.description, default: []].append(key)
        }
    }
    return keys
}

/// A connection handed to one other thread for one call, and that call's result; the test
/// touches neither until the thread signals that it is done.
private final class HandedOver: @unchecked Sendable {
    let connection: RedisConnection
    var result: Result<RESPValue, RedisError>?
    init(_ connection: RedisConnection) { self.connection = connection }
}

/// The ids of the cluster's nodes, by port.
private func nodeIDs(_ cluster: RedisClusterProcess) throws -> [Int: String] {
    Dictionary(uniqueKeysWithValues: try cluster.clusterNodes().map { ($0.port, $0.id) })
}

@Suite(.serialized) struct ClusterRoutingTests {
    @Test func anyNodeMakesARouterAndAPlainServerStaysPlain() throws {
        for port in routingCluster.ports {
            #expect(try connectRouted(port).isCluster, "node \(port)")
        }
        let plain = try RedisConnection(url: RedisURL(parsing: RedisServerProcess.shared.url))
        #expect(!plain.isCluster)
        #expect(try plain.call("PING") == .simpleString(b("PONG")))
        var off = RedisConnectionOptions()
        off.clusterRouting = false
        let unrouted = try RedisConnection(
            url: RedisURL(parsing: "redis://127.0.0.1:\(routingCluster.ports[0])/0"), options: off)
        #expect(!unrouted.isCluster)
    }

    @Test func everyKeyGoesToItsMasterWithoutAnyRedirection() throws {
        let cluster = routingCluster
        let map = try connectNode(cluster.ports[0]).loadClusterSlotMap()
        let keys = keysOnEveryMaster(map, prefix: "route:", perMaster: 40).values.flatMap { $0 }
        for port in cluster.ports { try cluster.cli(port, "CONFIG", "RESETSTAT") }
        // Through a replica: any node will do.
        let replica = try #require(cluster.ports.first { port in !map.masters.contains { $0.port == port } })
        let connection = try connectRouted(replica)
        for key in keys { _ = try connection.call([b("SET"), b(key), b("v:" + key)]) }
        // One deep pipeline over every node: replies come back in the order of the commands.
        var expected: [RESPValue] = []
        for (index, key) in keys.enumerated() {
            connection.enqueue([b("GET"), b(key)])
            expected.append(.bulkString(b("v:" + key)))
            connection.enqueue([b("INCRBY"), b(key + ":n"), b(String(index))])
            expected.append(.integer(Int64(index)))
        }
        #expect(connection.pendingReplies == expected.count)
        try connection.flush()
        var replies: [RESPValue] = []
        for _ in expected { replies.append(try connection.readReply()) }
        #expect(replies == expected)
        #expect(connection.pendingReplies == 0)
        for port in cluster.ports {
            #expect(try errorCount("MOVED", port: port, cluster: cluster) == 0, "MOVED on \(port)")
            #expect(try errorCount("ASK", port: port, cluster: cluster) == 0, "ASK on \(port)")
        }
        _ = try connection.call([b("DEL")] + keys.map { b($0) } + keys.map { b($0 + ":n") })
    }

    @Test func commandsOfEveryMasterAddUp() throws {
        let cluster = routingCluster
        let connection = try connectRouted(cluster.ports[0])
        _ = try connection.call("FLUSHALL")
        #expect(try connection.call("DBSIZE") == .integer(0))
        let map = try connectNode(cluster.ports[0]).loadClusterSlotMap()
        let keys = keysOnEveryMaster(map, prefix: "every:", perMaster: 5).values.flatMap { $0 }.sorted()
        for key in keys { _ = try connection.call([b("SET"), b(key), b("1")]) }
        #expect(try connection.call("DBSIZE") == .integer(Int64(keys.count)))
        var scan = connection.scan(match: b("every:*"), count: 2)
        #expect(try scan.collect().map { String(decoding: $0, as: UTF8.self) }.sorted() == keys)
        // DEL and EXISTS over several slots: one command per slot, the counts added.
        #expect(
            try connection.call([b("EXISTS")] + keys.map { b($0) } + [b("every:none")])
                == .integer(Int64(keys.count)))
        #expect(try connection.call([b("DEL")] + keys.prefix(7).map { b($0) }) == .integer(7))
        #expect(try connection.call("DBSIZE") == .integer(Int64(keys.count - 7)))
        // A multi-key command of another kind is the server's CROSSSLOT error, as it would be.
        let error = #expect(throws: RedisError.self) {
            try connection.call([b("SUNION"), b(keys[0]), b(keys[keys.count - 1])])
        }
        #expect(error?.code == "CROSSSLOT" && error?.kind == .server)
        #expect(connection.isUsable)
        _ = try connection.call("FLUSHALL")
        #expect(try connection.call("DBSIZE") == .integer(0))
    }

    @Test func transactionsAndAtomicPipelinesStayOnTheirNode() throws {
        let cluster = routingCluster
        let map = try connectNode(cluster.ports[0]).loadClusterSlotMap()
        // A key that the default node (the first master) does not serve.
        let key = try #require(
            keysOnEveryMaster(map, prefix: "tx:", perMaster: 1).first {
                $0.key != map.masters[0].description
            }?
            .value.first)
        let connection = try connectRouted(cluster.ports[0])
        _ = try connection.call([b("DEL"), b(key)])
        let results = try connection.transaction(watching: [b(key)]) { (redis) throws(RedisError) in
            _ = try redis.call([b("GET"), b(key)])
            return [[b("INCRBY"), b(key), b("5")], [b("INCRBY"), b(key), b("6")]]
        }
        #expect(results == [.integer(5), .integer(11)])
        let pipeline = RedisPipeline<[UInt8], RedisError>(
            connection: connection, commandName: "RPUSH", key: { _ in b(key + ":list") }, itemsPerCommand: 3,
            atomic: true
        ) { items, output in
            output.beginCommand(argumentCount: 2 + items.count)
            output.appendArgument("RPUSH")
            output.appendArgument(Array((key + ":list").utf8))
            for item in items { output.appendArgument(item) }
        }
        for index in 0..<10 { try pipeline.add(b(String(index))) }
        try pipeline.finish()
        #expect(try connection.call([b("LLEN"), b(key + ":list")]) == .integer(10))
        _ = try connection.call([b("DEL"), b(key), b(key + ":list")])
    }

    @Test func movedUpdatesTheMapAndAskIsFollowed() throws {
        let cluster = routingCluster
        let map = try connectNode(cluster.ports[0]).loadClusterSlotMap()
        let ids = try nodeIDs(cluster)
        let tag = "moving"
        let slot = ClusterSlot.of(tag)
        let source = try #require(map.master(forSlot: slot)).port
        let target = try #require(map.masters.first { $0.port != source }).port
        let staying = "{\(tag)}stays"
        let leaving = "{\(tag)}leaves"
        let connection = try connectRouted(cluster.ports[0])
        _ = try connection.call([b("SET"), b(staying), b("s")])
        _ = try connection.call([b("SET"), b(leaving), b("l")])
        for port in cluster.ports { try cluster.cli(port, "CONFIG", "RESETSTAT") }

        // Migration half done: `leaving` is on the target, `staying` still on the source.
        try cluster.cli(target, "CLUSTER", "SETSLOT", String(slot), "IMPORTING", ids[source]!)
        try cluster.cli(source, "CLUSTER", "SETSLOT", String(slot), "MIGRATING", ids[target]!)
        try cluster.cli(source, "MIGRATE", "127.0.0.1", String(target), leaving, "0", "5000")
        #expect(try connection.call([b("GET"), b(leaving)]) == .bulkString(b("l")))
        #expect(try connection.call([b("GET"), b(staying)]) == .bulkString(b("s")))
        #expect(try errorCount("ASK", port: source, cluster: cluster) == 1)
        // TRYAGAIN (the keys are split between the nodes) is retried until the migration ends.
        let done = DispatchSemaphore(value: 0)
        let handed = HandedOver(connection)
        let thread = Thread {
            do throws(RedisError) {
                handed.result = .success(try handed.connection.call([b("MGET"), b(staying), b(leaving)]))
            } catch {
                handed.result = .failure(error)
            }
            done.signal()
        }
        thread.start()
        let deadline = Date().addingTimeInterval(20)
        // Redis 7 answers TRYAGAIN on the migrating node; 6.2 answers ASK there and TRYAGAIN on the
        // importing one.
        func tryAgains() throws -> Int {
            try errorCount("TRYAGAIN", port: source, cluster: cluster)
                + errorCount("TRYAGAIN", port: target, cluster: cluster)
        }
        while try tryAgains() == 0 && Date() < deadline {
            usleep(5_000)  // polling the server's counter, a condition; not a sleep
        }
        #expect(try tryAgains() >= 1)

        // Finish: `staying` moves too, and the slot belongs to the target.
        try cluster.cli(source, "MIGRATE", "127.0.0.1", String(target), staying, "0", "5000")
        for port in [target, source] + map.masters.map(\.port).filter({ $0 != source && $0 != target }) {
            try cluster.cli(port, "CLUSTER", "SETSLOT", String(slot), "NODE", ids[target]!)
        }
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(try handed.result?.get() == .array([.bulkString(b("s")), .bulkString(b("l"))]))
        // The next command of that slot: one MOVED, then the map knows.
        _ = try connection.call([b("GET"), b(staying)])
        let moved = try errorCount("MOVED", port: source, cluster: cluster)
        #expect(moved <= 1)
        for _ in 0..<5 { #expect(try connection.call([b("GET"), b(staying)]) == .bulkString(b("s"))) }
        #expect(try errorCount("MOVED", port: source, cluster: cluster) == moved)

        // Put the slot back for the other tests.
        try cluster.cli(source, "CLUSTER", "SETSLOT", String(slot), "IMPORTING", ids[target]!)
        try cluster.cli(target, "CLUSTER", "SETSLOT", String(slot), "MIGRATING", ids[source]!)
        try cluster.cli(
            target, "MIGRATE", "127.0.0.1", String(source), "", "0", "5000", "KEYS", staying, leaving)
        for port in [source, target] + map.masters.map(\.port).filter({ $0 != source && $0 != target }) {
            try cluster.cli(port, "CLUSTER", "SETSLOT", String(slot), "NODE", ids[source]!)
        }
        _ = try connection.call([b("DEL"), b(staying), b(leaving)])
    }

    @Test func aPipelineOverEveryNodeKeepsItsWindow() throws {
        let connection = try connectRouted(routingCluster.ports[1])
        let count = 30_000
        var largestWindow = 0
        var replies = 0
        let pipeline = RedisPipeline<Int, RedisError>(
            connection: connection, commandName: "SET", key: { b("window:\($0.first!)") }, itemsPerCommand: 1,
            window: RedisPipelineWindow(maxCommands: 512, maxBytes: 64 << 10, flushBytes: 4 << 10)
        ) { items, output in
            output.beginCommand(argumentCount: 3)
            output.appendArgument("SET")
            output.appendArgument("window:\(items.first!)")
            output.appendArgument(items.first!)
        } onReply: { reply in
            #expect(reply.value == .simpleString(b("OK")))
            replies += 1
        }
        for index in 0..<count {
            try pipeline.add(index)
            largestWindow = max(largestWindow, pipeline.commandsInFlight)
            #expect(connection.pendingReplies == pipeline.commandsInFlight)
        }
        try pipeline.finish()
        #expect(replies == count)
        #expect(largestWindow <= 512)
        for index in stride(from: 0, to: count, by: 997) {
            #expect(try connection.call([b("GET"), b("window:\(index)")]) == .bulkString(b(String(index))))
        }
        var scan = connection.scan(match: b("window:*"))
        #expect(try scan.collect().count == count)
        for batch in stride(from: 0, to: count, by: 1000) {
            _ = try connection.call([b("DEL")] + (batch..<min(batch + 1000, count)).map { b("window:\($0)") })
        }
    }

    @Test func aSilentServerTimesOutAtTheProbe() throws {
        let silent = try SilentListener()
        defer { silent.close() }
        let error = #expect(throws: RedisError.self) {
            try RedisConnection(
                url: RedisURL(parsing: silent.url), options: RedisConnectionOptions(timeout: 0.3))
        }
        #expect(error?.kind == .timeout)
        #expect(error?.command == "CLUSTER SHARDS")
    }
}

/// A lying cluster node (FakeRedisServer): its redirections and retries end, never loop.
@Suite struct LyingClusterNodeTests {
    /// `CLUSTER SHARDS` of one master on `port` serving every slot.
    static func shards(port: Int) -> FakeRedisServer.Reply {
        func bulk(_ text: String) -> String { "$\(text.utf8.count)\r\n\(text)\r\n" }
        let node =
            "*12\r\n" + bulk("id") + bulk(String(repeating: "a", count: 40)) + bulk("port") + ":\(port)\r\n"
            + bulk("ip") + bulk("127.0.0.1") + bulk("endpoint") + bulk("127.0.0.1") + bulk("role")
            + bulk("master") + bulk("health") + bulk("online")
        let shard = "*4\r\n" + bulk("slots") + "*2\r\n:0\r\n:16383\r\n" + bulk("nodes") + "*1\r\n" + node
        return .raw(Array(("*1\r\n" + shard).utf8))
    }

    /// A node that answers every GET with `reply`, and the probe with a map naming itself.
    static func node(_ reply: @escaping @Sendable (Int) -> FakeRedisServer.Reply) throws -> FakeRedisServer {
        let port = Locked(0)
        let fake = try FakeRedisServer(scriptsClusterProbe: true) { arguments in
            switch arguments.map({ String(decoding: $0, as: UTF8.self).uppercased() }).first {
            case "CLUSTER": return shards(port: port.withLock { $0 })
            case "CLIENT": return .ok
            default: return reply(port.withLock { $0 })
            }
        }
        port.withLock { $0 = fake.port }
        return fake
    }

    @Test func aMovedLoopEndsAfterSixteenRedirections() throws {
        let fake = try Self.node { port in .error("MOVED 0 127.0.0.1:\(port)") }
        defer { fake.stop() }
        let connection = try RedisConnection(url: RedisURL(parsing: fake.url), options: .init(timeout: 2))
        #expect(connection.isCluster)
        let error = #expect(throws: RedisError.self) { try connection.call("GET", "k") }
        #expect(error?.kind == .server && error?.code == "MOVED")
        #expect(fake.commands.filter { $0.first == "GET" }.count == 17)
        #expect(connection.isUsable)
    }

    @Test func tryAgainForeverEndsAtTheTimeout() throws {
        let fake = try Self.node { _ in .error("TRYAGAIN Multiple keys request during rehashing of slot") }
        defer { fake.stop() }
        let connection = try RedisConnection(url: RedisURL(parsing: fake.url), options: .init(timeout: 0.5))
        let started = Date()
        let error = #expect(throws: RedisError.self) { try connection.call("GET", "k") }
        let seconds = Date().timeIntervalSince(started)
        #expect(error?.code == "TRYAGAIN")
        #expect(seconds >= 0.4 && seconds < 5, "took \(seconds) s")
        #expect(fake.commands.filter { $0.first == "GET" }.count >= 3)
    }

    @Test func aMalformedMapAtTheProbeIsAProtocolViolation() throws {
        let fake = try FakeRedisServer(scriptsClusterProbe: true) { arguments in
            String(decoding: arguments[0], as: UTF8.self).uppercased() == "CLUSTER"
                ? .raw(Array("*1\r\n*2\r\n:5\r\n:6\r\n".utf8)) : .ok
        }
        defer { fake.stop() }
        let error = #expect(throws: RedisError.self) {
            try RedisConnection(url: RedisURL(parsing: fake.url), options: .init(timeout: 1))
        }
        #expect(error?.kind == .protocolViolation && error?.command == "CLUSTER SHARDS")
    }

    @Test func aRedirectionToNowhereIsTheNodesError() throws {
        let nowhere = freeLoopbackPort()
        let fake = try Self.node { _ in .error("ASK 0 127.0.0.1:\(nowhere)") }
        defer { fake.stop() }
        let connection = try RedisConnection(url: RedisURL(parsing: fake.url), options: .init(timeout: 1))
        let error = #expect(throws: RedisError.self) { try connection.call("GET", "k") }
        #expect(error?.code == "ASK")
        #expect(connection.isUsable)
    }
}
