public import PotteryJSON
public import RedisClient

/// The usual ways to make a Bloom filter: `Codable` elements, JSON values, or stored bytes.
extension BloomFilter where Element: Codable {
    /// A filter of `Codable` elements sized for `capacity` elements at `errorRate` false positives.
    public convenience init(key: String, redis: RedisConnection, capacity: Int, errorRate: Double)
        throws(PotteryError)
    {
        self.init(
            key: Array(key.utf8), redis: redis, codec: CodableCodec<Element>(),
            parameters: try BloomFilterParameters(capacity: capacity, errorRate: errorRate))
    }
}

extension BloomFilter where Element == JSONValue {
    /// A filter of JSON values.
    public convenience init(key: String, redis: RedisConnection, capacity: Int, errorRate: Double)
        throws(PotteryError)
    {
        self.init(
            key: Array(key.utf8), redis: redis, codec: JSONValueCodec(),
            parameters: try BloomFilterParameters(capacity: capacity, errorRate: errorRate))
    }
}

extension BloomFilter where Element == StoredValue {
    /// A filter of stored bytes (what the CLI uses), at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection, parameters: BloomFilterParameters) {
        self.init(key: key, redis: redis, codec: StoredValueCodec(), parameters: parameters)
    }
}

/// The usual ways to make a HyperLogLog.
extension HyperLogLog where Element: Codable {
    /// A HyperLogLog of `Codable` elements.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis, codec: CodableCodec<Element>())
    }
}

extension HyperLogLog where Element == JSONValue {
    /// A HyperLogLog of JSON values.
    public convenience init(key: String, redis: RedisConnection) {
        self.init(key: Array(key.utf8), redis: redis, codec: JSONValueCodec())
    }
}

extension HyperLogLog where Element == StoredValue {
    /// A HyperLogLog of stored bytes (what the CLI uses), at a key given as bytes.
    public convenience init(key: [UInt8], redis: RedisConnection) {
        self.init(key: key, redis: redis, codec: StoredValueCodec())
    }
}
