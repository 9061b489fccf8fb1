import Foundation
import PotteryCore
import RedisClient
import RedisTestSupport
import Testing

/// The library on a Redis Cluster, for the operations whose keys may sit in different slots.
private let structureCluster: RedisClusterProcess = {
    do {
        return try RedisClusterProcess.start()
    } catch {
        fatalError("cannot start the structure test cluster: \(error)")
    }
}()

/// A routed connection through the cluster's first node.
private func connectCluster() throws -> RedisConnection {
    let connection = try RedisConnection(
        url: RedisURL(parsing: structureCluster.urls[0]), options: RedisConnectionOptions(timeout: 10))
    #expect(connection.isCluster)
    return connection
}

/// Two key names with `prefix` in different slots, served by different masters.
private func keysOnTwoMasters(_ prefix: String, _ redis: RedisConnection) throws -> (String, String) {
    let map = try redis.loadClusterSlotMap()
    let first = prefix + "a"
    let owner = map.master(forKey: Array(first.utf8))
    let second = try #require(
        (0..<10_000).lazy.map { "\(prefix)b\($0)" }.first { map.master(forKey: Array($0.utf8)) != owner })
    return (first, second)
}

private func all<Element>(_ cursor: RedisCursor<Element>) throws(PotteryError) -> [Element] {
    var cursor = cursor
    var elements: [Element] = []
    while let batch = try cursor.nextBatch() { elements += batch }
    return elements
}

@Suite struct ClusterStructureTests {
    @Test func setAlgebraAndRelationsAcrossMasters() throws {
        let redis = try connectCluster()
        let (left, right) = try keysOnTwoMasters("algebra:", redis)
        let a = RedisSet<Int>(key: left, redis: redis)
        let c = RedisSet<Int>(key: right, redis: redis)
        try RedisKeyspace(redis: redis).delete([b(left), b(right)])
        try a.add(contentsOf: [1, 2, 3, 4])
        try c.add(contentsOf: [3, 4, 5])
        #expect(try all(a.members(of: .union, with: [right])).sorted() == [1, 2, 3, 4, 5])
        #expect(try all(a.members(of: .intersection, with: [right])).sorted() == [3, 4])
        #expect(try all(a.members(of: .difference, with: [right])).sorted() == [1, 2])
        #expect(try !a.isDisjoint(with: right))
        #expect(try !a.isSubset(of: right))
        #expect(try !a.isSuperset(of: right))
        try c.remove(contentsOf: [5])
        #expect(try a.isSuperset(of: right))
        #expect(try c.isSubset(of: left))
        try c.remove(contentsOf: [3, 4])
        try c.add(contentsOf: [9])
        #expect(try a.isDisjoint(with: right))
        // A key of another type is WRONGTYPE, as SINTERCARD says on one slot.
        _ = try redis.call([b("SET"), b(right), b("text")])
        #expect(
            redisError { () throws(PotteryError) in _ = try a.isDisjoint(with: right) }?.code == "WRONGTYPE")
        try RedisKeyspace(redis: redis).delete([b(left), b(right)])
    }

    @Test func hyperLogLogMergeCopiesSourcesFromOtherSlots() throws {
        let redis = try connectCluster()
        let (destination, source) = try keysOnTwoMasters("merge:", redis)
        let same = "{\(destination)}:same"
        try RedisKeyspace(redis: redis).delete([b(destination), b(source), b(same)])
        let target = HyperLogLog<String>(key: destination, redis: redis)
        try target.add(contentsOf: ["a", "b"])
        try HyperLogLog<String>(key: source, redis: redis).add(contentsOf: ["b", "c", "d"])
        try HyperLogLog<String>(key: same, redis: redis).add(contentsOf: ["e"])
        try target.merge(from: [b(source), b(same), b("merge:missing")])
        #expect(try target.count() == 5)
        // The scratch copies are gone.
        var keys = RedisKeyspace(redis: redis).scan(match: b("*pottery-hll-merge*"))
        #expect(try keys.nextBatch() == nil)
        // A source that is not a HyperLogLog fails as PFMERGE does, and leaves nothing behind.
        _ = try redis.call([b("SET"), b(source), b("not a hll")])
        #expect(
            redisError { () throws(PotteryError) in try target.merge(from: [b(source)]) }?.code == "WRONGTYPE"
        )
        var left = RedisKeyspace(redis: redis).scan(match: b("*pottery-hll-merge*"))
        #expect(try left.nextBatch() == nil)
        try RedisKeyspace(redis: redis).delete([b(destination), b(source), b(same)])
    }

    @Test func locksAndIdsWithAClusterAsAMaster() throws {
        let redis = try connectCluster()
        let lock = Redlock(key: "cluster-lock", masters: [redis])
        #expect(try lock.acquire(blocking: false))
        #expect(try !Redlock(key: "cluster-lock", masters: [try connectCluster()]).acquire(blocking: false))
        let fence = try #require(lock.fencingToken)
        #expect(try lock.release())
        #expect(try lock.acquire(blocking: false))
        #expect(try #require(lock.fencingToken) > fence)
        #expect(try lock.release())
        let ids = NextId(key: "cluster-ids", masters: [redis])
        try ids.reset()
        #expect(try ids.next() == 1)
        #expect(try ids.next() == 2)
    }

    @Test func deleteSpansSlotsAndKeysListEveryMaster() throws {
        let redis = try connectCluster()
        let keyspace = RedisKeyspace(redis: redis)
        let names = (0..<30).map { "spread:\($0)" }
        for name in names { _ = try redis.call([b("SET"), b(name), b("1")]) }
        let owners = Set(
            try redis.loadClusterSlotMap().shards.filter { shard in
                names.contains { name in shard.slots.contains { $0.contains(ClusterSlot.of(name)) } }
            }.map(\.master))
        #expect(owners.count == 3)
        #expect(
            try all(keyspace.scan(match: b("spread:*"))).map { String(decoding: $0, as: UTF8.self) }.sorted()
                == names.sorted())
        #expect(try keyspace.delete(names.map { b($0) } + [b("spread:none")]) == 30)
        #expect(try all(keyspace.scan(match: b("spread:*"))).isEmpty)
    }
}
