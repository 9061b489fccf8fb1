public import PotteryJSON
public import RedisClient

/// The usual ways to make a dict: `Codable` keys and values, JSON values, or stored bytes.
extension RedisDict where Key: Codable, Value: Codable {
    /// A dict of `Codable` keys and values, stored as their canonical JSON.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A dict of `Codable` keys and values at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, keyCodec: CodableCodec<Key>(), valueCodec: CodableCodec<Value>())
    }
}

extension RedisDict where Key == JSONValue, Value == JSONValue {
    /// A dict of JSON values.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A dict of JSON values at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, keyCodec: JSONValueCodec(), valueCodec: JSONValueCodec())
    }
}

extension RedisDict where Key == StoredValue, Value == StoredValue {
    /// A dict of stored bytes, neither decoded nor encoded (what the CLI uses).
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A dict of stored bytes at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, keyCodec: StoredValueCodec(), valueCodec: StoredValueCodec())
    }
}
