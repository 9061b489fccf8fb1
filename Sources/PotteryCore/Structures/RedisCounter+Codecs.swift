public import PotteryJSON
public import RedisClient

/// The usual ways to make a counter: `Codable` elements, JSON values, or stored bytes.
extension RedisCounter where Element: Codable {
    /// A counter of `Codable` elements, stored as their canonical JSON.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A counter of `Codable` elements at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: CodableCodec<Element>())
    }
}

extension RedisCounter where Element == JSONValue {
    /// A counter of JSON values.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A counter of JSON values at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: JSONValueCodec())
    }
}

extension RedisCounter where Element == StoredValue {
    /// A counter of stored bytes, neither decoded nor encoded (what the CLI uses).
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A counter of stored bytes at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: StoredValueCodec())
    }
}
