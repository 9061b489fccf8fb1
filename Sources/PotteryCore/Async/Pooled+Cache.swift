public import RedisClient

extension RedisCache {
    /// A cache over a pool, for Swift concurrency (see ``Pooled``); `ttlMilliseconds` 0 means no
    /// expiry.
    public static func pooled(
        key: String, pool: RedisConnectionPool, ttlMilliseconds: Int = RedisCache.defaultTTLMilliseconds
    ) -> Pooled<RedisCache> {
        Pooled(pool: pool, key: Array(key.utf8)) {
            RedisCache(key: key, redis: $0, ttlMilliseconds: ttlMilliseconds)
        }
    }
}

/// The async forms of ``RedisCache``'s operations. `memoize` and `bypass` run `compute` in the
/// calling task (it may await), and only the lookup and the store on a pooled connection.
extension Pooled where Structure == RedisCache {
    /// The cached value for `arguments`, or `compute()`'s, then stored (a hit or a miss, counted),
    /// in the same format as the blocking `memoize` and `pottery cache run`.
    public func memoize<Value: Codable & Sendable>(
        _ arguments: [String], _ compute: () async throws -> Value
    ) async throws -> Value {
        let entry = CacheEntryID(arguments: arguments.map { Array($0.utf8) })
        let codec = CodableCodec<Value>()
        if let run = try await lookup(entry), run.status == 0 { return try codec.decode(run.output) }
        let value = try await compute()
        try await store(CachedRun(status: 0, output: try codec.encode(value)), for: entry)
        return value
    }

    /// pottery's `__bypass__`: computes, stores and returns the value whatever the cache holds
    /// (counted as a miss).
    public func bypass<Value: Codable & Sendable>(
        _ arguments: [String], _ compute: () async throws -> Value
    ) async throws -> Value {
        let entry = CacheEntryID(arguments: arguments.map { Array($0.utf8) })
        try await perform { (cache) throws(PotteryError) in try cache.recordMiss() }
        let value = try await compute()
        try await store(CachedRun(status: 0, output: try CodableCodec<Value>().encode(value)), for: entry)
        return value
    }

    /// The entry, counted as a hit, or nil, counted as a miss when `countsMiss`.
    public func lookup(_ entry: CacheEntryID, countsMiss: Bool = true) async throws(PotteryError)
        -> CachedRun?
    {
        try await perform { (cache) throws(PotteryError) in try cache.lookup(entry, countsMiss: countsMiss) }
    }

    /// Stores a run under `entry` (and restarts the key's expiry).
    public func store(_ run: CachedRun, for entry: CacheEntryID) async throws(PotteryError) {
        try await perform { (cache) throws(PotteryError) in try cache.store(run, for: entry) }
    }

    /// Forgets one entry; whether it was there.
    @discardableResult
    public func forget(_ entry: CacheEntryID) async throws(PotteryError) -> Bool {
        try await perform { (cache) throws(PotteryError) in try cache.forget(entry) }
    }

    /// Whether an entry is cached (not counted as a hit or a miss).
    public func contains(_ entry: CacheEntryID) async throws(PotteryError) -> Bool {
        try await perform { (cache) throws(PotteryError) in try cache.contains(entry) }
    }

    /// Hits, misses, current size and ttl, shared by every process.
    public func cacheInfo() async throws(PotteryError) -> CacheInfo {
        try await perform { (cache) throws(PotteryError) in try cache.cacheInfo() }
    }
}
