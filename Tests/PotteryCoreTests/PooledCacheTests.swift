import PotteryCore
import RedisClient
import RedisTestSupport
import Synchronization
import Testing

/// The async memoize: compute awaited in the task, lookup and store on a pooled connection, the
/// same entries as the blocking memoize.
@Suite struct PooledCacheTests {
    @Test func asyncMemoizeComputesOnceAndSharesEntriesWithTheBlockingForm() async throws {
        let server = RedisServerProcess.shared
        let pool = try RedisConnectionPool(url: server.url, maximumConnections: 2)
        defer { pool.close() }
        let key = uniqueKey("pooledcache")
        let cache = RedisCache.pooled(key: key, pool: pool)
        let computed = Mutex(0)
        @Sendable func total() async throws -> Int {
            computed.withLock { $0 += 1 }
            try await Task.sleep(for: .milliseconds(1))
            return 4098
        }
        #expect(try await cache.memoize(["total", "2024"]) { try await total() } == 4098)
        #expect(try await cache.memoize(["total", "2024"]) { try await total() } == 4098)
        #expect(computed.withLock { $0 } == 1)
        let info = try await cache.cacheInfo()
        #expect(info.hits == 1 && info.misses == 1 && info.currsize == 1)
        // The blocking form finds the same entry: a hit, nothing computed.
        let blocking = RedisCache(key: key, redis: try connect())
        #expect(try blocking.memoize(["total", "2024"]) { () throws -> Int in 0 } == 4098)
        #expect(try await cache.bypass(["total", "2024"]) { 7 } == 7)
        #expect(try blocking.memoize(["total", "2024"]) { () throws -> Int in 0 } == 7)
        #expect(try await cache.forget(CacheEntryID(arguments: [Array("total".utf8), Array("2024".utf8)])))
        try await cache.clear()
        #expect(try server.cli("EXISTS", key) == "0")
    }
}
