public import PotteryJSON
public import RedisClient

/// ``RedisSet``, ``RedisCounter`` and ``RedisSimpleQueue`` over a pool, for Swift concurrency
/// (see ``Pooled``), made the usual ways.
extension CodecInitializable where Element: Codable & Sendable {
    /// Over a pool, with `Codable` elements stored as their canonical JSON.
    public static func pooled(key: String, pool: RedisConnectionPool) -> Pooled<Self> {
        Pooled(pool: pool, key: Array(key.utf8)) { Self(key: key, redis: $0) }
    }
}

extension CodecInitializable where Element == JSONValue {
    /// Over a pool, with JSON values.
    public static func pooled(key: String, pool: RedisConnectionPool) -> Pooled<Self> {
        Pooled(pool: pool, key: Array(key.utf8)) { Self(key: key, redis: $0) }
    }
}
