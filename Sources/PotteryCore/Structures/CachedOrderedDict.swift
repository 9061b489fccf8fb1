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
        var arguments: [[UInt8]] = [Array("HMGET".utf8), keyBytes]
        for id in ids { arguments.append(try encode(id, keyCodec)) }
        let replies = try redis.pipeline([arguments] + renewal, key: keyBytes)
        for reply in replies.dropFirst() { _ = try reply.checked("PEXPIRE", on: redis, key: keyBytes) }
        guard case .array(let stored?) = try replies[0].checked("HMGET", on: redis, key: keyBytes),
            stored.count == ids.count
        else {
            throw redis.wrongShape("\(ids.count) values", replies[0], arguments, key: keyBytes)
        }
        var values: [Value?] = []
        values.reserveCapacity(ids.count)
        for reply in stored {
            switch reply {
            case .bulkString(nil): values.append(nil)
            case .bulkString(let bytes?): values.append(try decode(bytes))
            default: throw redis.wrongShape("a value or nil", reply, arguments, key: keyBytes)
            }
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
        var arguments: [[UInt8]] = [Array("HSET".utf8), keyBytes]
        for (id, value) in pairs {
            arguments.append(try encode(id, keyCodec))
            arguments.append(try encode(value, valueCodec))
        }
        guard arguments.count > 2 else {
            try renew()
            return
        }
        let commands = [[Array("MULTI".utf8)], arguments] + renewal + [[Array("EXEC".utf8)]]
        let replies = try redis.pipeline(commands, key: keyBytes)
        for (reply, command) in zip(replies, commands) {
            _ = try reply.checked(String(decoding: command[0], as: UTF8.self), on: redis, key: keyBytes)
        }
        guard case .array(let results?) = replies.last else {
            throw redis.wrongShape(
                "EXEC's results", replies.last ?? .array(nil), commands.last!, key: keyBytes)
        }
        for result in results { _ = try result.checked("EXEC", on: redis, key: keyBytes) }
    }

    /// Caches one value.
    public func set(_ id: Key, _ value: Value) throws(PotteryError) { try update([(id, value)]) }

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

    private var renewal: [[[UInt8]]] {
        guard let ttlMilliseconds else { return [] }
        return [[Array("PEXPIRE".utf8), keyBytes, Array(String(ttlMilliseconds).utf8)]]
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
