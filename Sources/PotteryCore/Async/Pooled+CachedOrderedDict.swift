public import PotteryJSON
public import RedisClient

extension CachedOrderedDict where Key: Codable & Sendable, Value: Codable & Sendable {
    /// A cache of `Codable` ids and values over a pool, its expiry renewed on every access as in
    /// pottery, for Swift concurrency (see ``Pooled``).
    public static func pooled(
        key: String, pool: RedisConnectionPool,
        ttlMilliseconds: Int? = CachedOrderedDict.defaultTTLMilliseconds
    ) -> Pooled<CachedOrderedDict> {
        Pooled(pool: pool, key: Array(key.utf8)) {
            CachedOrderedDict(key: key, redis: $0, ttlMilliseconds: ttlMilliseconds)
        }
    }
}

extension CachedOrderedDict where Key == JSONValue, Value == JSONValue {
    /// A cache of JSON values over a pool, for Swift concurrency (see ``Pooled``).
    public static func pooled(
        key: String, pool: RedisConnectionPool,
        ttlMilliseconds: Int? = CachedOrderedDict.defaultTTLMilliseconds
    ) -> Pooled<CachedOrderedDict> {
        Pooled(pool: pool, key: Array(key.utf8)) {
            CachedOrderedDict(key: key, redis: $0, ttlMilliseconds: ttlMilliseconds)
        }
    }
}

/// The async forms of ``CachedOrderedDict``'s operations: the same commands, run on a pooled
/// connection. Skipped: `bulkWriter` (it streams stored ids and values, e.g. from stdin, through
/// one connection for the whole run).
extension Pooled {
    /// The cached value of each id, in order, nil for a miss (HMGET), then the expiry renewed.
    public func values<Key: Sendable, Value: Sendable>(for ids: [Key]) async throws(PotteryError)
        -> [Value?]
    where Structure == CachedOrderedDict<Key, Value> {
        try await perform { (cache) throws(PotteryError) in try cache.values(for: ids) }
    }

    /// The ids that are not cached, each once, in the order given (Python's `misses()`).
    public func misses<Key: Sendable, Value: Sendable>(_ ids: [Key]) async throws(PotteryError) -> [Key]
    where Structure == CachedOrderedDict<Key, Value> {
        try await perform { (cache) throws(PotteryError) in try cache.misses(ids) }
    }

    /// Caches values (HSET) and renews the expiry, in one transaction.
    public func update<Key: Sendable, Value: Sendable>(_ pairs: [(Key, Value)]) async throws(PotteryError)
    where Structure == CachedOrderedDict<Key, Value> {
        try await perform { (cache) throws(PotteryError) in try cache.update(pairs) }
    }

    /// Caches one value.
    public func set<Key: Sendable, Value: Sendable>(_ id: Key, _ value: Value) async throws(PotteryError)
    where Structure == CachedOrderedDict<Key, Value> {
        try await perform { (cache) throws(PotteryError) in try cache.set(id, value) }
    }

    /// Python's `setdefault(id, value)`: the value cached now, `value` cached first if absent,
    /// atomically; then the expiry renewed.
    public func setDefault<Key: Sendable, Value: Sendable>(_ id: Key, _ value: Value)
        async throws(PotteryError) -> Value
    where Structure == CachedOrderedDict<Key, Value> {
        try await perform { (cache) throws(PotteryError) in try cache.setDefault(id, value) }
    }

    /// Renews the expiry (PEXPIRE), as pottery does after every access; nothing without a TTL.
    public func renew<Key: Sendable, Value: Sendable>() async throws(PotteryError)
    where Structure == CachedOrderedDict<Key, Value> {
        try await perform { (cache) throws(PotteryError) in try cache.renew() }
    }
}
