import RedisClient
import RedisTestSupport
import Testing

/// The slot map from `CLUSTER SHARDS` and `CLUSTER SLOTS` of the real cluster, checked against
/// `CLUSTER NODES`; malformed replies are decoding errors, never traps.
@Suite struct ClusterSlotMapTests {
    @Test func shardsCoverEverySlotAndMatchClusterNodes() throws {
        let redis = try connectNode(sharedCluster.ports[4])
        let map = try redis.loadClusterSlotMap()
        #expect(map.coversAllSlots)
        #expect(map.shards.count == 3)
        for slot in [0, 1, 5460, 5461, 10922, 10923, 16383] { #expect(map.master(forSlot: slot) != nil) }
        #expect(map.master(forSlot: -1) == nil)
        #expect(map.master(forSlot: 16384) == nil)
        #expect(map.master(forSlot: Int.min) == nil)

        let lines = try sharedCluster.clusterNodes()
        let masters = lines.filter { $0.isMaster && !$0.slots.isEmpty }
        #expect(masters.count == 3)
        for line in masters {
            let shard = try #require(map.shards.first { $0.master.port == line.port })
            #expect(shard.master.id == line.id)
            #expect(shard.master.host == "127.0.0.1")
            #expect(shard.slots == line.slots.sorted { $0.lowerBound < $1.lowerBound })
            let replicaPorts = lines.filter { $0.masterID == line.id }.map(\.port).sorted()
            #expect(shard.replicas.map(\.port).sorted() == replicaPorts)
            #expect(replicaPorts.count == 1)
        }
        // Every slot's owner agrees with CLUSTER NODES.
        for line in masters {
            for range in line.slots {
                for slot in range { #expect(map.master(forSlot: slot)?.port == line.port) }
            }
        }
        // A key is owned by the node that accepts it: GET on its master is not redirected.
        for key in ["a", "b", "{tag}x", "zzz"] {
            let master = try #require(map.master(forKey: b(key)))
            #expect(!(try sharedCluster.cli(master.port, "GET", key)).hasPrefix("MOVED"))
        }
    }

    @Test func slotsReplyGivesTheSameMap() throws {
        let redis = try connectNode(sharedCluster.ports[0])
        let fromShards = try redis.loadClusterSlotMap()
        let reply = try redis.call("CLUSTER", "SLOTS")
        let fromSlots = try ClusterSlotMap(slotsReply: reply, defaultHost: "127.0.0.1")
        // SLOTS leaves out replicas that have not synced yet; masters and slots must agree.
        #expect(fromSlots.shards.map(\.master) == fromShards.shards.map(\.master))
        #expect(fromSlots.shards.map(\.slots) == fromShards.shards.map(\.slots))
        for slot in 0..<ClusterSlot.count {
            #expect(fromSlots.master(forSlot: slot) == fromShards.master(forSlot: slot))
        }
    }

    @Test func nonClusterServerThrowsItsError() throws {
        let redis = try connect()
        #expect(throws: RedisError.self) { try redis.loadClusterSlotMap() }
        #expect(try redis.call("PING").string == "PONG")
    }

    @Test func malformedRepliesAreDecodingErrors() throws {
        func slots(_ reply: RESPValue) -> Bool {
            (try? ClusterSlotMap(slotsReply: reply, defaultHost: "h")) == nil
        }
        let node: RESPValue = .array([.bulkString(b("127.0.0.1")), .integer(7000)])
        #expect(slots(.integer(1)))
        #expect(slots(.array(nil)))
        #expect(slots(.array([.array([.integer(0), .integer(16384), node])])))
        #expect(slots(.array([.array([.integer(-1), .integer(10), node])])))
        #expect(slots(.array([.array([.integer(10), .integer(5), node])])))
        #expect(slots(.array([.array([.integer(0), .integer(5)])])))
        #expect(
            slots(.array([.array([.integer(0), .integer(5), .array([.bulkString(b("h")), .integer(0)])])])))
        #expect(
            slots(
                .array([
                    .array([.integer(0), .integer(5), .array([.bulkString(b("h")), .integer(Int64.max)])])
                ])))
        #expect(slots(.array([.array([.integer(Int64.min), .integer(Int64.max), node])])))
        let node2: RESPValue = .array([.bulkString(b("127.0.0.1")), .integer(7001)])
        #expect(
            slots(
                .array([
                    .array([.integer(0), .integer(10), node]), .array([.integer(10), .integer(20), node2]),
                ])))
        // A well-formed one: unknown host becomes the default; the gap is unassigned.
        let good = try ClusterSlotMap(
            slotsReply: .array([
                .array([.integer(0), .integer(10), .array([.bulkString(b("?")), .integer(7000)])])
            ]), defaultHost: "h")
        #expect(good.master(forSlot: 10) == ClusterNode(host: "h", port: 7000))
        #expect(good.master(forSlot: 11) == nil)
        #expect(!good.coversAllSlots)

        func shards(_ reply: RESPValue) -> Bool {
            (try? ClusterSlotMap(shardsReply: reply, defaultHost: "h")) == nil
        }
        let master: RESPValue = .array([
            .bulkString(b("id")), .bulkString(b("abc")), .bulkString(b("port")), .integer(7000),
            .bulkString(b("endpoint")), .bulkString(b("10.0.0.1")), .bulkString(b("role")),
            .bulkString(b("master")),
        ])
        func shard(_ slots: [Int64], _ nodes: [RESPValue]) -> RESPValue {
            .array([
                .bulkString(b("slots")), .array(slots.map { .integer($0) }), .bulkString(b("nodes")),
                .array(nodes),
            ])
        }
        #expect(!shards(.array([shard([0, 16383], [master])])))
        #expect(shards(.array([shard([0], [master])])))
        #expect(shards(.array([shard([0, 16384], [master])])))
        #expect(shards(.array([shard([0, 5], [])])))
        #expect(shards(.array([shard([0, 5], [master]), shard([5, 6], [master])])))
        #expect(shards(.array([.array([.bulkString(b("slots"))])])))
        #expect(shards(.array([.array([.integer(1), .integer(2)])])))
        #expect(shards(.array([shard([0, 5], [.array([.bulkString(b("role")), .bulkString(b("king"))])])])))
        // merged, same master
        #expect(shards(.array([shard([0, 5], [master]), shard([6, 7], [master])])) == false)
        let parsed = try ClusterSlotMap(shardsReply: .array([shard([0, 16383], [master])]), defaultHost: "h")
        #expect(parsed.master(forSlot: 16383) == ClusterNode(host: "10.0.0.1", port: 7000, id: "abc"))

        // Random mutations of a real reply never trap.
        let real = try connectNode(sharedCluster.ports[1]).call("CLUSTER", "SHARDS")
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<2000 {
            let mutated = mutate(real, using: &generator)
            _ = try? ClusterSlotMap(shardsReply: mutated, defaultHost: "h")
            _ = try? ClusterSlotMap(slotsReply: mutated, defaultHost: "h")
        }
    }

    private func mutate(_ value: RESPValue, using generator: inout SeededGenerator) -> RESPValue {
        if Int.random(in: 0..<40, using: &generator) == 0 {
            let replacements: [RESPValue] = [
                .integer(-1), .integer(Int64.max), .integer(16384), .bulkString(nil), .array(nil), .array([]),
                .bulkString(b("?")), .error(b("ERR x")), .simpleString(b("master")),
            ]
            return replacements.randomElement(using: &generator)!
        }
        guard case .array(let elements?) = value else { return value }
        var copy = elements.map { mutate($0, using: &generator) }
        if !copy.isEmpty, Int.random(in: 0..<60, using: &generator) == 0 { copy.removeLast() }
        return .array(copy)
    }
}

/// `loadClusterSlotMap` against servers that are not Redis 7: the SLOTS fallback, and a lying one.
@Suite struct ClusterSlotMapFallbackTests {
    static func isCluster(_ arguments: [[UInt8]], _ sub: String) -> Bool {
        arguments.count == 2 && arguments[0] == b("CLUSTER") && arguments[1] == b(sub)
    }

    @Test func olderServerFallsBackToClusterSlots() throws {
        let slots =
            "*2\r\n*3\r\n:0\r\n:8191\r\n*3\r\n$0\r\n\r\n:7000\r\n$3\r\nid1\r\n"
            + "*4\r\n:8192\r\n:16383\r\n*2\r\n$8\r\n10.0.0.2\r\n:7001\r\n*2\r\n$8\r\n10.0.0.3\r\n:7002\r\n"
        let fake = try FakeRedisServer { arguments in
            if Self.isCluster(arguments, "SHARDS") {
                return .error("ERR unknown subcommand 'SHARDS'. Try CLUSTER HELP.")
            }
            if Self.isCluster(arguments, "SLOTS") { return .raw(b(slots)) }
            return .ok
        }
        defer { fake.stop() }
        let redis = try RedisConnection(url: RedisURL(parsing: fake.url), options: .init(timeout: 2))
        let map = try redis.loadClusterSlotMap()
        #expect(map.coversAllSlots)
        #expect(map.master(forSlot: 0) == ClusterNode(host: "127.0.0.1", port: 7000, id: "id1"))
        #expect(map.master(forSlot: 16383) == ClusterNode(host: "10.0.0.2", port: 7001))
        #expect(map.shard(forSlot: 9000)?.replicas == [ClusterNode(host: "10.0.0.3", port: 7002)])
    }

    @Test func malformedReplyIsAProtocolViolation() throws {
        let fake = try FakeRedisServer { arguments in
            Self.isCluster(arguments, "SHARDS") ? .raw(b("*1\r\n*2\r\n$5\r\nslots\r\n:5\r\n")) : .ok
        }
        defer { fake.stop() }
        let redis = try RedisConnection(url: RedisURL(parsing: fake.url), options: .init(timeout: 2))
        let error = #expect(throws: RedisError.self) { try redis.loadClusterSlotMap() }
        #expect(error?.kind == .protocolViolation)
        #expect(!redis.isUsable)
    }
}
