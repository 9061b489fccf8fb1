public import PotteryJSON
public import RedisClient

/// The usual ways to make a deque: `Codable` items, JSON values, or stored bytes, with an
/// optional `maxlen`.
extension RedisDeque where Element: Codable {
    /// A deque of `Codable` items, stored as their canonical JSON.
    public convenience init(key: String, redis: RedisConnection, maxlen: Int? = nil) {
        self.init(key: Array(key.utf8), redis: redis, codec: CodableCodec<Element>(), maxlen: maxlen)
    }
}

extension RedisDeque where Element == JSONValue {
    /// A deque of JSON values.
    public convenience init(key: String, redis: RedisConnection, maxlen: Int? = nil) {
        self.init(key: Array(key.utf8), redis: redis, codec: JSONValueCodec(), maxlen: maxlen)
    }
}

extension RedisDeque where Element == StoredValue {
    /// A deque of stored bytes at a key given as bytes (what the CLI uses).
    public convenience init(key: [UInt8], redis: RedisConnection, maxlen: Int?) {
        self.init(key: key, redis: redis, codec: StoredValueCodec(), maxlen: maxlen)
    }
}
