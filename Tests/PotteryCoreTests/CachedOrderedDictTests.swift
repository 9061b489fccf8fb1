import PotteryCore
import RedisClient
import RedisTestSupport
import Testing

@Suite struct CachedOrderedDictTests {
    let server = RedisServerProcess.shared

    @Test func hitsMissesAndTheRenewedExpiry() throws {
        let key = uniqueKey("cod")
        let docs = CachedOrderedDict<Int, String>(key: key, redis: try connect())
        #expect(try docs.values(for: [1, 2]) == [nil, nil])
        #expect(try server.cli("EXISTS", key) == "0")
        try docs.update([(1, "one"), (3, "three")])
        #expect(try server.cli("HGET", key, "1") == "\"one\"")
        #expect(try Int(server.cli("PTTL", key))! > 59_000)
        _ = try server.cli("PEXPIRE", key, "5000")
        #expect(try docs.values(for: [3, 2, 1]) == ["three", nil, "one"])
        #expect(try Int(server.cli("PTTL", key))! > 59_000)
        #expect(try docs.misses([2, 1, 2, 4]) == [2, 4])
        try docs.set(2, "two")
        #expect(try docs.misses([1, 2, 3]).isEmpty)
    }

    @Test func setDefaultIsAtomicAndRenews() throws {
        let key = uniqueKey("cod")
        let cache = CachedOrderedDict<String, Int>(key: key, redis: try connect())
        #expect(try cache.setDefault("a", 1) == 1)
        #expect(try cache.setDefault("a", 2) == 1)
        #expect(try cache.values(for: ["a"]) == [1])
        #expect(try Int(server.cli("TTL", key))! > 0)
    }

    @Test func aChosenTTLAndNone() throws {
        let key = uniqueKey("cod")
        let short = CachedOrderedDict<String, Int>(key: key, redis: try connect(), ttlMilliseconds: 1500)
        try short.set("a", 1)
        let ttl = try Int(server.cli("PTTL", key))!
        #expect(ttl > 0 && ttl <= 1500)
        let forever = CachedOrderedDict<String, Int>(key: key, redis: try connect(), ttlMilliseconds: nil)
        _ = try server.cli("PERSIST", key)
        try forever.update([])
        #expect(try server.cli("PTTL", key) == "-1")
        #expect(try forever.values(for: ["a"]) == [1])
    }
}
