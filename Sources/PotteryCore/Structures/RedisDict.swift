public import RedisClient

/// A Redis hash that holds a Python `dict` the way pottery's `RedisDict` does: field = enc(key),
/// value = enc(value) (SPEC §8.2). `Key` and `Value` are stored through codecs: any `Codable` type,
/// `JSONValue`, or ``StoredValue`` (the stored bytes themselves, which the CLI passes through).
///
/// ```swift
/// let users = RedisDict<String, User>(key: "users", redis: connection)
/// try users.set("jack", User(name: "Jack"))
/// ```
public final class RedisDict<Key, Value>: RedisStructure {
    public let redis: RedisConnection
    public let keyBytes: [UInt8]
    /// How keys (hash fields) are stored.
    public let keyCodec: any RedisCodec<Key>
    /// How values are stored.
    public let valueCodec: any RedisCodec<Value>

    /// A dict at `key` with explicit codecs.
    public init(
        key: [UInt8], redis: RedisConnection, keyCodec: some RedisCodec<Key>,
        valueCodec: some RedisCodec<Value>
    ) {
        self.redis = redis
        self.keyBytes = key
        self.keyCodec = keyCodec
        self.valueCodec = valueCodec
    }

    /// The value for `field`, or nil (HGET).
    public func value(for field: Key) throws(PotteryError) -> Value? {
        let stored = try redis.run(HGET(keyBytes, field: try encodeKey(field)))
        return try stored.map { (bytes) throws(PotteryError) in try decodeValue(bytes) }
    }

    /// `dict[field]`: the value, or nil.
    public subscript(field: Key) -> Value? {
        get throws(PotteryError) { try value(for: field) }
    }

    /// Sets one field (HSET).
    public func set(_ field: Key, _ value: Value) throws(PotteryError) {
        try update([(field, value)])
    }

    /// Sets many fields in one command (Python's `dict.update`); all are encoded before anything is
    /// written.
    public func update(_ pairs: some Sequence<(Key, Value)>) throws(PotteryError) {
        var written: [[UInt8]] = []
        for (field, value) in pairs {
            written.append(try encodeKey(field))
            written.append(try encodeValue(value))
        }
        guard !written.isEmpty else { return }
        _ = try redis.run(HSET(keyBytes, pairs: written))
    }

    /// Whether `field` is there (HEXISTS).
    public func contains(_ field: Key) throws(PotteryError) -> Bool {
        try redis.run(HEXISTS(keyBytes, field: try encodeKey(field)))
    }

    /// Deletes fields (HDEL); how many of them were there. Repeat a field and it counts once.
    @discardableResult
    public func remove(contentsOf fields: [Key]) throws(PotteryError) -> Int {
        guard !fields.isEmpty else { return 0 }
        var encoded: [[UInt8]] = []
        for field in fields { encoded.append(try encodeKey(field)) }
        return try redis.run(HDEL(keyBytes, fields: encoded))
    }

    /// Deletes one field; false if it was absent.
    @discardableResult
    public func remove(_ field: Key) throws(PotteryError) -> Bool { try remove(contentsOf: [field]) == 1 }

    /// The number of fields (HLEN).
    public func count() throws(PotteryError) -> Int {
        try redis.run(HLEN(keyBytes))
    }

    /// A writer that streams stored field/value bytes into the hash; see ``BulkWriter``.
    public func bulkWriter(atomic: Bool) -> BulkWriter {
        BulkWriter(redis: redis, command: "HSET", key: keyBytes, takesPairs: true, atomic: atomic)
    }

    func encodeKey(_ field: Key) throws(PotteryError) -> [UInt8] {
        do throws(PotteryError) { return try keyCodec.encode(field) } catch {
            throw error.with(key: keyBytes, server: redis.server)
        }
    }

    func encodeValue(_ value: Value) throws(PotteryError) -> [UInt8] {
        do throws(PotteryError) { return try valueCodec.encode(value) } catch {
            throw error.with(key: keyBytes, server: redis.server)
        }
    }

    func decodeValue(_ stored: [UInt8]) throws(PotteryError) -> Value {
        do throws(PotteryError) { return try valueCodec.decode(stored) } catch {
            throw error.with(key: keyBytes, server: redis.server)
        }
    }
}
