public import PotteryJSON
public import RedisClient

/// The usual ways to make a cache: `Codable` keys and values, JSON values, or stored bytes.
extension CachedOrderedDict where Key: Codable, Value: Codable {
    /// A cache of `Codable` keys and values, stored as their canonical JSON.
    public convenience init(
        key: String, redis: RedisConnection, ttlMilliseconds: Int? = CachedOrderedDict.defaultTTLMilliseconds
    ) {
        self.init(key: Array(key.utf8), redis: redis, ttlMilliseconds: ttlMilliseconds)
    }

    /// A cache of `Codable` keys and values at a key given as bytes.
    public convenience init(
        key: [UInt8], redis: RedisConnection, ttlMilliseconds: Int? = CachedOrderedDict.defaultTTLMilliseconds
    ) {
        self.init(
            key: key, redis: redis, keyCodec: CodableCodec<Key>(), valueCodec: CodableCodec<Value>(),
            ttlMilliseconds: ttlMilliseconds)
    }
}

extension CachedOrderedDict where Key == JSONValue, Value == JSONValue {
    /// A cache of JSON values.
    public convenience init(
        key: String, redis: RedisConnection, ttlMilliseconds: Int? = CachedOrderedDict.defaultTTLMilliseconds
    ) {
        self.init(key: Array(key.utf8), redis: redis, ttlMilliseconds: ttlMilliseconds)
    }

    /// A cache of JSON values at a key given as bytes.
    public convenience init(
        key: [UInt8], redis: RedisConnection, ttlMilliseconds: Int? = CachedOrderedDict.defaultTTLMilliseconds
    ) {
        self.init(
            key: key, redis: redis, keyCodec: JSONValueCodec(), valueCodec: JSONValueCodec(),
            ttlMilliseconds: ttlMilliseconds)
    }
}

extension CachedOrderedDict where Key == StoredValue, Value == StoredValue {
    /// A cache of stored bytes, neither decoded nor encoded (what the CLI uses).
    public convenience init(
        key: String, redis: RedisConnection, ttlMilliseconds: Int? = CachedOrderedDict.defaultTTLMilliseconds
    ) {
        self.init(key: Array(key.utf8), redis: redis, ttlMilliseconds: ttlMilliseconds)
    }

    /// A cache of stored bytes at a key given as bytes.
    public convenience init(
        key: [UInt8], redis: RedisConnection, ttlMilliseconds: Int? = CachedOrderedDict.defaultTTLMilliseconds
    ) {
        self.init(
            key: key, redis: redis, keyCodec: StoredValueCodec(), valueCodec: StoredValueCodec(),
            ttlMilliseconds: ttlMilliseconds)
    }
}
