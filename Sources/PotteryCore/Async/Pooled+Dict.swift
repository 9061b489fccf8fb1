public import PotteryJSON
public import RedisClient

extension RedisDict where Key: Codable & Sendable, Value: Codable & Sendable {
    /// A dict of `Codable` keys and values over a pool, for Swift concurrency (see ``Pooled``).
    public static func pooled(key: String, pool: RedisConnectionPool) -> Pooled<RedisDict> {
        Pooled(pool: pool, key: Array(key.utf8)) { RedisDict(key: key, redis: $0) }
    }
}

extension RedisDict where Key == JSONValue, Value == JSONValue {
    /// A dict of JSON values over a pool, for Swift concurrency (see ``Pooled``).
    public static func pooled(key: String, pool: RedisConnectionPool) -> Pooled<RedisDict> {
        Pooled(pool: pool, key: Array(key.utf8)) { RedisDict(key: key, redis: $0) }
    }
}

/// The async forms of ``RedisDict``'s operations: the same commands, run on a pooled connection.
extension Pooled {
    /// The value for `field`, or nil (HGET).
    public func value<Key: Sendable, Value: Sendable>(for field: Key) async throws(PotteryError) -> Value?
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.value(for: field) }
    }

    /// `try await dict[field]`: the value, or nil.
    public subscript<Key: Sendable, Value: Sendable>(field: Key) -> Value?
    where Structure == RedisDict<Key, Value> {
        get async throws(PotteryError) { try await value(for: field) }
    }

    /// The values of several fields, nil where absent (HMGET).
    public func values<Key: Sendable, Value: Sendable>(for fields: [Key]) async throws(PotteryError)
        -> [Value?]
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.values(for: fields) }
    }

    /// Sets one field (HSET).
    public func set<Key: Sendable, Value: Sendable>(_ field: Key, _ value: Value) async throws(PotteryError)
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.set(field, value) }
    }

    /// Sets many fields in one command (Python's `dict.update`).
    public func update<Key: Sendable, Value: Sendable>(_ pairs: [(Key, Value)]) async throws(PotteryError)
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.update(pairs) }
    }

    /// Whether `field` is there (HEXISTS).
    public func contains<Key: Sendable, Value: Sendable>(_ field: Key) async throws(PotteryError) -> Bool
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.contains(field) }
    }

    /// Deletes one field; false if it was absent.
    @discardableResult
    public func remove<Key: Sendable, Value: Sendable>(_ field: Key) async throws(PotteryError) -> Bool
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.remove(field) }
    }

    /// Deletes fields (HDEL); how many of them were there.
    @discardableResult
    public func remove<Key: Sendable, Value: Sendable>(contentsOf fields: [Key]) async throws(PotteryError)
        -> Int
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.remove(contentsOf: fields) }
    }

    /// The number of fields (HLEN).
    public func count<Key: Sendable, Value: Sendable>() async throws(PotteryError) -> Int
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.count() }
    }

    /// Removes `field` and returns its value, atomically; nil if absent (Python's `pop`).
    public func pop<Key: Sendable, Value: Sendable>(_ field: Key) async throws(PotteryError) -> Value?
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.pop(field) }
    }

    /// The value of `field`, set to `value` first if absent, atomically (Python's `setdefault`).
    public func setDefault<Key: Sendable, Value: Sendable>(_ field: Key, _ value: Value)
        async throws(PotteryError)
        -> Value
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.setDefault(field, value) }
    }

    /// Removes and returns some pair, atomically; nil when empty (Python's `popitem`).
    public func popItem<Key: Sendable, Value: Sendable>() async throws(PotteryError) -> (Key, Value)?
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.popItem() }
    }

    /// `for try await (key, value) in dict.items()`: every pair, streamed (HSCAN).
    public func items<Key: Sendable, Value: Sendable>(batchSize: Int = 1000) -> PooledCursor<(Key, Value)>
    where Structure == RedisDict<Key, Value> {
        let make = structureMaker
        return PooledCursor(pool: pool, key: keyBytes) { make($0).items(batchSize: batchSize) }
    }

    /// Every key (field), streamed.
    public func keys<Key: Sendable, Value: Sendable>(batchSize: Int = 1000) -> PooledCursor<Key>
    where Structure == RedisDict<Key, Value> {
        let make = structureMaker
        return PooledCursor(pool: pool, key: keyBytes) { make($0).keys(batchSize: batchSize) }
    }

    /// Every value, streamed.
    public func values<Key: Sendable, Value: Sendable>(batchSize: Int = 1000) -> PooledCursor<Value>
    where Structure == RedisDict<Key, Value> {
        let make = structureMaker
        return PooledCursor(pool: pool, key: keyBytes) { make($0).values(batchSize: batchSize) }
    }

    /// The whole hash as a Swift dictionary. Loads everything: for small keys only.
    public func toDictionary<Key: Sendable & Hashable, Value: Sendable>() async throws(PotteryError) -> [Key:
        Value]
    where Structure == RedisDict<Key, Value> {
        try await perform { (dict) throws(PotteryError) in try dict.toDictionary() }
    }
}
