public import PotteryJSON
public import RedisClient

/// The usual ways to make a set: `Codable` elements, JSON values, or stored bytes.
extension RedisSet where Element: Codable {
    /// A set of `Codable` elements, stored as their canonical JSON.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A set of `Codable` elements at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: CodableCodec<Element>())
    }
}

extension RedisSet where Element == JSONValue {
    /// A set of JSON values.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A set of JSON values at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: JSONValueCodec())
    }
}

extension RedisSet where Element == StoredValue {
    /// A set of stored bytes, neither decoded nor encoded (what the CLI uses).
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis)
    }

    /// A set of stored bytes at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: StoredValueCodec())
    }
}
