public import PotteryJSON
public import RedisClient

/// The usual ways to make a queue: `Codable` items, JSON values, or stored bytes.
extension RedisSimpleQueue where Element: Codable {
    /// A queue of `Codable` items, stored as their canonical JSON.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A queue of `Codable` items at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: CodableCodec<Element>())
    }
}

extension RedisSimpleQueue where Element == JSONValue {
    /// A queue of JSON values.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A queue of JSON values at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: JSONValueCodec())
    }
}

extension RedisSimpleQueue where Element == StoredValue {
    /// A queue of stored bytes, neither decoded nor encoded (what the CLI uses).
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A queue of stored bytes at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: StoredValueCodec())
    }
}
