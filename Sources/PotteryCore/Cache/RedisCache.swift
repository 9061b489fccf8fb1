public import RedisClient

/// pottery's `redis_cache` for commands and byte strings: memoized runs in a Redis hash at KEY
/// (SPEC §8.2), one field per entry (see ``CacheEntryID`` for the field and ``CachedRun`` for the
/// value), the key's expiry restarted on every hit and store. Hits and misses are counted in Redis,
/// in the hash at ``statsKey`` (`{KEY}:cache-stats`, fields `hits`, `misses` and `ttl`, with no
/// expiry), so every process using the cache shares them.
///
/// Python pottery's own `redis_cache` names its fields by Python's process-seeded `hash()`, which no
/// other process can reproduce; the two kinds of fields can share one hash without meeting.
///
/// ```swift
/// let cache = RedisCache(key: "reports", redis: connection, ttlMilliseconds: 3_600_000)
/// let entry = CacheEntryID(arguments: [Array("report".utf8), Array("2024".utf8)])
/// if let run = try cache.lookup(entry) { print(run.output) }
/// ```
public final class RedisCache: RedisStructure {
    public let redis: RedisConnection
    public let keyBytes: [UInt8]
    /// How long the key lives after its last hit or store, in milliseconds; 0 for no expiry.
    public let ttlMilliseconds: Int

    /// pottery's default: 60 seconds.
    public static let defaultTTLMilliseconds = 60_000

    /// A cache at `key`; `ttlMilliseconds` 0 means no expiry.
    public init(
        key: [UInt8], redis: RedisConnection, ttlMilliseconds: Int = RedisCache.defaultTTLMilliseconds
    ) {
        self.redis = redis
        self.keyBytes = key
        self.ttlMilliseconds = max(ttlMilliseconds, 0)
    }

    /// A cache at `key`; `ttlMilliseconds` 0 means no expiry.
    public convenience init(
        key: String, redis: RedisConnection, ttlMilliseconds: Int = RedisCache.defaultTTLMilliseconds
    ) {
        self.init(key: Array(key.utf8), redis: redis, ttlMilliseconds: ttlMilliseconds)
    }

    /// Where the shared hit and miss counts live, in KEY's cluster slot (one script reads both):
    /// `{KEY}:cache-stats` (`KEY:cache-stats` when KEY has a hash tag of its own).
    public var statsKey: [UInt8] { SameSlotKey.helper(for: keyBytes, suffix: Array(":cache-stats".utf8)) }

    /// The entry, counted as a hit (and the key's expiry restarted), or nil, counted as a miss when
    /// `countsMiss` (a caller that will look again under a lock counts only its second look).
    /// One round trip.
    public func lookup(_ entry: CacheEntryID, countsMiss: Bool = true) throws(PotteryError) -> CachedRun? {
        let count = EVALSHA(
            Self.lookupScript, keys: [keyBytes, statsKey],
            arguments: [entry.field, ttlArgument, countsMiss ? [0x31] : [0x30]])
        let read = HGET(keyBytes, field: entry.field)
        var looked = try redis.atomically(count, read, key: keyBytes)
        if case .error(let bytes) = looked.rawFirst, bytes.starts(with: Array("NOSCRIPT".utf8)) {
            do throws(RedisError) { try redis.load(Self.lookupScript) } catch {
                throw PotteryError(error, key: keyBytes)
            }
            looked = try redis.atomically(count, read, key: keyBytes)
        }
        let counted = try looked.first()
        guard case .integer(let found) = counted, found == 0 || found == 1 else {
            throw redis.wrongShape(count, expected: "0 or 1", got: counted)
        }
        guard found == 1, let bytes = try looked.second() else {
            // Absent, or dropped between the count and the read (they run in one MULTI: never).
            return nil
        }
        if let run = CachedRun(stored: bytes) { return run }
        // Not an entry of ours (it was counted as a hit): a miss, and it will be overwritten.
        if countsMiss { try recordMiss() }
        return nil
    }

    /// Stores `run` as the entry and restarts the key's expiry. One round trip. The store comes
    /// after a computation that may have outlasted the connection (the server's idle `timeout`),
    /// and storing twice is harmless: a connection that broke or was closed is reopened, and a
    /// store lost with its connection is sent again, within the connection's timeout.
    public func store(_ run: CachedRun, for entry: CacheEntryID) throws(PotteryError) {
        guard (0...255).contains(run.status) else {
            throw PotteryError(
                .invalidValue, "an exit status is 0 to 255, not \(run.status)", key: keyBytes,
                server: redis.server)
        }
        let arguments = [entry.field, ttlArgument, Array(String(run.status).utf8), run.output]
        do throws(RedisError) {
            _ = try redis.reconnecting { () throws(RedisError) in
                try redis.eval(Self.storeScript, keys: [keyBytes, statsKey], arguments: arguments)
            }
        } catch {
            throw PotteryError(error, key: keyBytes)
        }
    }

    /// Counts a miss without looking (a run that bypasses the cache) and records the configured ttl.
    public func recordMiss() throws(PotteryError) {
        var batch = RedisBatch(redis)
        let count = batch.add(HINCRBY(statsKey, field: Array("misses".utf8), by: 1))
        let ttl = batch.add(HSET(statsKey, pairs: [Array("ttl".utf8), ttlArgument]))
        let replies = try redis.send(batch, key: statsKey)
        _ = try replies.value(count)
        _ = try replies.value(ttl)
    }

    /// Drops one entry; false if it was not there.
    @discardableResult
    public func forget(_ entry: CacheEntryID) throws(PotteryError) -> Bool {
        try redis.run(HDEL(keyBytes, fields: [entry.field])) == 1
    }

    /// Whether the entry is cached, without counting or touching the expiry.
    public func contains(_ entry: CacheEntryID) throws(PotteryError) -> Bool {
        try redis.run(HEXISTS(keyBytes, field: entry.field))
    }

    /// Hits, misses, entries and the configured time to live (pottery's `cache_info()`), in one
    /// round trip. Before any run has recorded a ttl, the default's.
    public func cacheInfo() throws(PotteryError) -> CacheInfo {
        var batch = RedisBatch(redis)
        let length = batch.add(HLEN(keyBytes))
        let read = HMGET(statsKey, fields: [Array("hits".utf8), Array("misses".utf8), Array("ttl".utf8)])
        let stats = batch.add(read)
        let replies = try redis.send(batch, key: keyBytes)
        let size = try replies.value(length)
        var numbers: [Int?] = []
        for field in try replies.value(stats) {
            guard let text = field else {
                numbers.append(nil)
                continue
            }
            guard let number = Int(String(decoding: text, as: UTF8.self)), number >= 0 else {
                throw redis.wrongShape(read, expected: "a count", got: .bulkString(text))
            }
            numbers.append(number)
        }
        return CacheInfo(
            hits: numbers[0] ?? 0, misses: numbers[1] ?? 0, currsize: Int(size),
            ttlMilliseconds: numbers[2] ?? Self.defaultTTLMilliseconds)
    }

    /// Drops every entry and the stats (pottery's `cache_clear()`).
    public func clear() throws(PotteryError) {
        _ = try keyspace.delete([keyBytes, statsKey])
    }

    /// pottery's name for ``clear()``.
    public func cacheClear() throws(PotteryError) { try clear() }

    private var ttlArgument: [UInt8] { Array(String(ttlMilliseconds).utf8) }
}
