import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// The test cluster's own machinery: a killed master is replaced by its replica (the slot map
/// follows), and `stop()` leaves no node running.
@Suite struct ClusterFailoverTests {
    @Test func killedMasterIsReplacedAndStopLeavesNothing() throws {
        let cluster = try RedisClusterProcess.start()
        defer { cluster.stop() }
        let masters = try cluster.masterPorts()
        #expect(masters.count == 3)
        let before = try connectNode(cluster.ports[0]).loadClusterSlotMap()
        let victim = try #require(before.shards.first { $0.master.port != cluster.ports[0] })
        let replica = try #require(victim.replicas.first)
        let survivor = try #require(cluster.ports.first { $0 != victim.master.port && $0 != replica.port })
        let key = "failover:k"
        let slot = ClusterSlot.of(key)
        let owner = try #require(before.master(forSlot: slot))
        try cluster.cli(owner.port, "SET", key, "v")

        // A routed connection that already talks to the victim.
        let routed = try RedisConnection(
            url: RedisURL(parsing: "redis://127.0.0.1:\(survivor)/0"),
            options: RedisConnectionOptions(timeout: 30))
        let victimKey = try #require(
            (0..<10_000).lazy.map { "failover:v\($0)" }.first {
                before.master(forKey: Array($0.utf8)) == victim.master
            })
        _ = try routed.call([b("SET"), b(victimKey), b("before")])
        // Replication is asynchronous: make sure the replica has it before its master dies. (WAIT has
        // no key: it goes where the last keyed command went, the victim.)
        #expect(try routed.call([b("WAIT"), b("1"), b("10000")]) == .integer(1))

        cluster.killMaster(port: victim.master.port)
        // The next command waits out the failover (within its timeout) and lands on the new master.
        #expect(try routed.call([b("INCR"), b(victimKey + ":n")]) == .integer(1))
        #expect(try routed.call([b("GET"), b(victimKey)]) == .bulkString(b("before")))
        try cluster.waitForFailover(of: victim.master.port, deadline: Date().addingTimeInterval(40))
        let after = try connectNode(survivor).loadClusterSlotMap()
        #expect(after.coversAllSlots)
        for range in victim.slots {
            #expect(after.master(forSlot: range.lowerBound)?.port == replica.port)
            #expect(after.master(forSlot: range.upperBound)?.port == replica.port)
        }
        let newOwner = try #require(after.master(forSlot: slot))
        #expect(try cluster.cli(newOwner.port, "GET", key) == "v")
        #expect(try cluster.masterPorts().contains(replica.port))

        let pids = cluster.nodes.map(\.pid)
        cluster.stop()
        for pid in pids { #expect(kill(pid, 0) == -1 && errno == ESRCH) }
    }
}
