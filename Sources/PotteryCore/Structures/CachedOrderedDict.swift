public import RedisClient

/// pottery's `CachedOrderedDict`: a cache of hydrated values in a Redis hash stored as ``RedisDict``
/// stores it (field = enc(id), value = enc(value), SPEC §8.2), whose `EXPIRE` (60 s by default) is
/// renewed as pottery renews it: after every write, and after every lookup of ids (Python's
/// constructor reads with HMGET and then renews the expiry too). With no key, renewing does nothing.
///
/// ```swift
/// let docs = CachedOrderedDict<Int, Doc>(key: "search:docs", redis: connection)
/// let found = try docs.values(for: ids)          // nil for each miss
/// try docs.update(zip(missing, hydrate(missing)))
/// ```
public final class CachedOrderedDict<Key, Value>: RedisStructure {
    public let redis: RedisConnection
    public let keyBytes: [UInt8]
    /// How ids (hash fields) are stored.
    public let keyCodec: any RedisCodec<Key>
    /// How values are stored.
    public let valueCodec: any RedisCodec<Value>
    /// The time to live renewed on every access, in milliseconds; nil leaves the expiry alone
    /// (Python's `timeout=None`).
    public let ttlMilliseconds: Int?

    /// pottery's default time to live: 60 seconds.
    public static var defaultTTLMilliseconds: Int { 60_000 }

    /// A cache at `key` with explicit codecs.
    public init(
        key: [UInt8], redis: RedisConnection, keyCodec: some RedisCodec<Key>,
        valueCodec: some RedisCodec<Value>, ttlMilliseconds: Int? = CachedOrderedDict.defaultTTLMilliseconds
    ) {
        self.redis = redis
        self.keyBytes = key
        self.keyCodec = keyCodec
        self.valueCodec = valueCodec
        self.ttlMilliseconds = ttlMilliseconds.map { max($0, 1) }
    }

    /// The cached value of each id, in order, nil for a miss (HMGET), then the expiry renewed.
    public func values(for ids: [Key]) throws(PotteryError) -> [Value?] {
        guard !ids.isEmpty else { return [] }
        var fields: [[UInt8]] = []
        fields.reserveCapacity(ids.count)
        for id in ids { fields.append(try encode(id, keyCodec)) }
        var batch = RedisBatch(redis)
        let read = batch.add(HMGET(keyBytes, fields: fields))
        let renewed = renewal.map { batch.add($0) }
        let replies = try redis.send(batch, key: keyBytes)
        if let renewed { _ = try replies.value(renewed) }
        var values: [Value?] = []
        values.reserveCapacity(ids.count)
        for stored in try replies.value(read) {
            values.append(try stored.map { (bytes) throws(PotteryError) in try decode(bytes) })
        }
        return values
    }

    /// The ids that are not cached, each once, in the order given (Python's `misses()`).
    public func misses(_ ids: [Key]) throws(PotteryError) -> [Key] {
        let values = try values(for: ids)
        var seen = Set<[UInt8]>()
        var missing: [Key] = []
        for (id, value) in zip(ids, values) where value == nil {
            if seen.insert(try encode(id, keyCodec)).inserted { missing.append(id) }
        }
        return missing
    }

    /// Caches values (HSET) and renews the expiry, in one transaction; all are encoded before
    /// anything is written. With no pairs, only the expiry is renewed, as in pottery.
    public func update(_ pairs: some Sequence<(Key, Value)>) throws(PotteryError) {
        var written: [[UInt8]] = []
        for (id, value) in pairs {
            written.append(try encode(id, keyCodec))
            written.append(try encode(value, valueCodec))
        }
        guard !written.isEmpty else {
            try renew()
            return
        }
        var batch = RedisBatch(redis)
        let multi = batch.add(MULTI())
        let write = batch.add(HSET(keyBytes, pairs: written))
        let renewed = renewal.map { batch.add($0) }
        let exec = batch.add(EXEC(expecting: renewed == nil ? 1 : 2))
        let replies = try redis.send(batch, key: keyBytes)
        _ = try replies.value(multi)
        try replies.checkQueued(write)
        if let renewed { try replies.checkQueued(renewed) }
        let results = try replies.value(exec)!
        _ = try replies.value(results[0], of: write)
        if let renewed { _ = try replies.value(results[1], of: renewed) }
    }

    /// Caches one value.
    public func set(_ id: Key, _ value: Value) throws(PotteryError) { try update([(id, value)]) }

    /// Python's `setdefault(id, value)`: caches `value` when `id` is not cached, and returns the
    /// value cached now (the one that was, or `value`), atomically (`MULTI HSETNX HGET EXEC`); then
    /// renews the expiry.
    public func setDefault(_ id: Key, _ value: Value) throws(PotteryError) -> Value {
        let stored = try redis.setIfAbsent(
            keyBytes, field: try encode(id, keyCodec), value: try encode(value, valueCodec))
        try renew()
        return try decode(stored)
    }

    /// Renews the expiry (PEXPIRE), as pottery does after every access; nothing without a TTL.
    public func renew() throws(PotteryError) {
        guard let ttlMilliseconds else { return }
        try expire(milliseconds: ttlMilliseconds)
    }

    /// A writer that streams stored id/value bytes into the cache inside one transaction; call
    /// ``renew()`` after its `finish()`. See ``BulkWriter``.
    public func bulkWriter() -> BulkWriter {
        BulkWriter(redis: redis, command: "HSET", key: keyBytes, takesPairs: true, atomic: true)
    }

    /// The expiry renewal that follows every access, when there is a TTL.
    private var renewal: PEXPIRE? {
        ttlMilliseconds.map { PEXPIRE(keyBytes, milliseconds: $0) }
    }

    func encode<T>(_ value: T, _ codec: any RedisCodec<T>) throws(PotteryError) -> [UInt8] {
        do throws(PotteryError) { return try codec.encode(value) } catch {
            throw error.with(key: keyBytes, server: redis.server)
        }
    }

    func decode(_ stored: [UInt8]) throws(PotteryError) -> Value {
        do throws(PotteryError) { return try valueCodec.decode(stored) } catch {
            throw error.with(key: keyBytes, server: redis.server)
        }
    }
}
