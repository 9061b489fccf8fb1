public import PotteryJSON
public import RedisClient

/// The usual ways to make a list: `Codable` items, JSON values, or stored bytes.
extension RedisList where Element: Codable {
    /// A list of `Codable` items, stored as their canonical JSON.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A list of `Codable` items at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: CodableCodec<Element>())
    }
}

extension RedisList where Element == JSONValue {
    /// A list of JSON values.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A list of JSON values at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: JSONValueCodec())
    }
}

extension RedisList where Element == StoredValue {
    /// A list of stored bytes, neither decoded nor encoded (what the CLI uses).
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A list of stored bytes at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: StoredValueCodec())
    }
}
