import RedisClient

/// Streaming over a dict's fields and values (HSCAN), a batch at a time.
extension RedisDict {
    /// A cursor over `(key, value)` pairs.
    public func items(batchSize: Int = 1000) -> RedisCursor<(Key, Value)> {
        .storedOrDecodedPairs(
            scanSource(batchSize), key: keyBytes, server: redis.server, first: keyCodec, second: valueCodec)
    }

    /// A cursor over keys (fields).
    public func keys(batchSize: Int = 1000) -> RedisCursor<Key> {
        .storedOrDecodedEveryOther(
            scanSource(batchSize), offset: 0, key: keyBytes, server: redis.server, codec: keyCodec)
    }

    /// A cursor over values.
    public func values(batchSize: Int = 1000) -> RedisCursor<Value> {
        .storedOrDecodedEveryOther(
            scanSource(batchSize), offset: 1, key: keyBytes, server: redis.server, codec: valueCodec)
    }

    /// Calls `body` with every pair, streaming.
    public func forEachItem(_ body: (Key, Value) throws(PotteryError) -> Void) throws(PotteryError) {
        var cursor = items()
        try cursor.forEach { (pair) throws(PotteryError) in try body(pair.0, pair.1) }
    }

    private func scanSource(_ batchSize: Int) -> ScanSource {
        ScanSource(
            scan: redis.hscan(keyBytes, count: batchSize), key: keyBytes,
            sizeCommand: HLEN(keyBytes))
    }
}

extension RedisDict where Key: Hashable {
    /// The whole hash as a Swift dictionary. Loads everything: for small keys only.
    public func toDictionary() throws(PotteryError) -> [Key: Value] {
        var result: [Key: Value] = [:]
        try forEachItem { (field, value) throws(PotteryError) in result[field] = value }
        return result
    }
}
