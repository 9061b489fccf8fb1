import RedisClient

/// Python's `isdisjoint`, `issubset`, `issuperset` against another key of the same server.
/// SINTERCARD (Redis 7) checks the type of both keys, so a key of another type is `WRONGTYPE`; on
/// Redis 6.2, which does not have it, a script counts SINTER's reply on the server instead, with the
/// same answers and errors (SINTER and SINTERCARD check the keys in one code path).
/// On a Redis Cluster, two keys in different hash slots are compared by streaming the set
/// algebra instead (SSCAN one key, SMISMEMBER the other): correct for sets that do not change
/// meanwhile, but not one atomic look as on a single slot.
extension RedisSet {
    /// Whether the two sets share no element (SINTERCARD ... LIMIT 1).
    public func isDisjoint(with other: [UInt8]) throws(PotteryError) -> Bool {
        if Self.crossSlot(keyBytes, other, redis) {
            return try !Self.resultIsNonEmpty(.intersection, [keyBytes, other], redis: redis)
        }
        let keys = [keyBytes, other]
        let command = SINTERCARD(keys, limit: 1)
        return try redis.run(command) { () throws(PotteryError) in
            try redis.run(command) == 0
        } orOnOlderServers: {
            () throws(PotteryError) in
            try Self.relationScript(.disjoint, keys, redis: redis)
        }
    }

    /// Whether every element of this set is in `other` (one MULTI: SCARD and SINTERCARD agree).
    public func isSubset(of other: [UInt8]) throws(PotteryError) -> Bool {
        try Self.isSubset(keyBytes, of: other, redis: redis)
    }

    /// Whether every element of `other` is in this set.
    public func isSuperset(of other: [UInt8]) throws(PotteryError) -> Bool {
        try Self.isSubset(other, of: keyBytes, redis: redis)
    }

    /// Whether the set shares no member with the set at key `other`.
    public func isDisjoint(with other: String) throws(PotteryError) -> Bool {
        try isDisjoint(with: Array(other.utf8))
    }
    /// Whether every member is also in the set at key `other`.
    public func isSubset(of other: String) throws(PotteryError) -> Bool {
        try isSubset(of: Array(other.utf8))
    }
    /// Whether every member of the set at key `other` is also in this one.
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
        let command = SINTERCARD([key, other])
        return try redis.run(command) { () throws(PotteryError) in
            let sizes = try redis.atomically(SCARD(key), command, key: key)
            return try sizes.first() == sizes.second()
        } orOnOlderServers: { () throws(PotteryError) in
            try relationScript(.subset, [key, other], redis: redis)
        }
    }

    private enum Relation: String {
        case disjoint
        case subset
    }

    /// Redis 6.2's equivalent of SINTERCARD: whether `relation` holds between the two keys, decided
    /// on the server in one atomic step; an error reply (WRONGTYPE) is passed on as it came.
    private static func relationScript(_ relation: Relation, _ keys: [[UInt8]], redis: RedisConnection)
        throws(PotteryError) -> Bool
    {
        let call = EVALSHA(SetRelationScript.script, keys: keys, arguments: [Array(relation.rawValue.utf8)])
        let reply = try redis.runScript(call)
        guard case .integer(let holds) = reply, holds == 0 || holds == 1 else {
            throw redis.wrongShape(call, expected: "0 or 1", got: reply)
        }
        return holds == 1
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

/// Redis 6.2's stand-in for SINTERCARD in set relations.
private enum SetRelationScript {
    /// KEYS[1] and KEYS[2]; ARGV[1] `disjoint` or `subset` (of KEYS[2]). SCARD first, then SINTER,
    /// in the order the MULTI of newer servers sends SCARD and SINTERCARD, so errors are the same.
    static let script = RedisScript(
        """
        local size = 0
        if ARGV[1] == 'subset' then
          size = redis.pcall('SCARD', KEYS[1])
          if type(size) == 'table' then return size end
        end
        local shared = redis.pcall('SINTER', KEYS[1], KEYS[2])
        if shared.err then return shared end
        if ARGV[1] == 'subset' then
          if #shared == size then return 1 else return 0 end
        end
        if #shared == 0 then return 1 else return 0 end
        """)
}
