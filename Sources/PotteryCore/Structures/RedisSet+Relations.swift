import RedisClient

/// Python's `isdisjoint`, `issubset`, `issuperset` against another key of the same server.
/// SINTERCARD (Redis 7) checks the type of both keys, so a key of another type is `WRONGTYPE`.
/// On a Redis Cluster, two keys in different hash slots are compared by streaming the set
/// algebra instead (SSCAN one key, SMISMEMBER the other): correct for sets that do not change
/// meanwhile, but not one atomic look as on a single slot.
extension RedisSet {
    /// Whether the two sets share no element (SINTERCARD ... LIMIT 1).
    public func isDisjoint(with other: [UInt8]) throws(PotteryError) -> Bool {
        if Self.crossSlot(keyBytes, other, redis) {
            return try !Self.resultIsNonEmpty(.intersection, [keyBytes, other], redis: redis)
        }
        let shared = try redis.run(SINTERCARD([keyBytes, other], limit: 1))
        return shared == 0
    }

    /// Whether every element of this set is in `other` (one MULTI: SCARD and SINTERCARD agree).
    public func isSubset(of other: [UInt8]) throws(PotteryError) -> Bool {
        try Self.isSubset(keyBytes, of: other, redis: redis)
    }

    /// Whether every element of `other` is in this set.
    public func isSuperset(of other: [UInt8]) throws(PotteryError) -> Bool {
        try Self.isSubset(other, of: keyBytes, redis: redis)
    }

    public func isDisjoint(with other: String) throws(PotteryError) -> Bool {
        try isDisjoint(with: Array(other.utf8))
    }
    public func isSubset(of other: String) throws(PotteryError) -> Bool {
        try isSubset(of: Array(other.utf8))
    }
    public func isSuperset(of other: String) throws(PotteryError) -> Bool {
        try isSuperset(of: Array(other.utf8))
    }

    private static func isSubset(_ key: [UInt8], of other: [UInt8], redis: RedisConnection)
        throws(PotteryError)
        -> Bool
    {
        if crossSlot(key, other, redis) {
            return try !resultIsNonEmpty(.difference, [key, other], redis: redis)
        }
        let sizes = try redis.atomically(SCARD(key), SINTERCARD([key, other]), key: key)
        return try sizes.first() == sizes.second()
    }

    /// Whether the two keys sit in different slots of a cluster (one command cannot read both).
    private static func crossSlot(_ key: [UInt8], _ other: [UInt8], _ redis: RedisConnection) -> Bool {
        redis.isCluster && ClusterSlot.of(key) != ClusterSlot.of(other)
    }

    /// Whether `keys[0] operation keys[1...]` has an element, streamed; stops at the first.
    /// A key of another type is `WRONGTYPE`, as with SINTERCARD.
    private static func resultIsNonEmpty(_ operation: SetOperation, _ keys: [[UInt8]], redis: RedisConnection)
        throws(PotteryError) -> Bool
    {
        try SetAlgebraSource.checkTypes(keys, operation: operation, redis: redis)
        var source = SetAlgebraSource(redis: redis, keys: keys, operation: operation)
        while let batch = try source.nextRawBatch() {
            if !batch.isEmpty {
                source.cancel()
                return true
            }
        }
        return false
    }
}
