public import RedisClient

/// The handle every pottery structure shares: a connection and a key. A new structure is a final
/// class holding these two that declares this conformance; it gets `clear()`, expiry and existence.
public protocol RedisStructure: AnyObject, SendableMetatype {
    /// The connection the structure talks over.
    var redis: RedisConnection { get }
    /// The Redis key, as bytes (keys need not be UTF-8).
    var keyBytes: [UInt8] { get }
    /// Deletes what the structure keeps: its key, and a companion key where it has one (a Bloom
    /// filter's remembered parameters, a cache's stats). A requirement, so that generic code
    /// (``Pooled/clear()``) reaches a structure's own; the default deletes the key.
    func clear() throws(PotteryError)
}

extension RedisStructure {
    /// The key as text (invalid UTF-8 shown as U+FFFD).
    public var key: String { String(decoding: keyBytes, as: UTF8.self) }

    /// General commands on the structure's server.
    public var keyspace: RedisKeyspace { RedisKeyspace(redis: redis) }

    /// Deletes the whole key (Python's `clear()`).
    public func clear() throws(PotteryError) {
        _ = try keyspace.delete([keyBytes])
    }

    /// Sets a time to live (PEXPIRE); false if there is no key.
    @discardableResult
    public func expire(milliseconds: Int) throws(PotteryError) -> Bool {
        try keyspace.expire(keyBytes, milliseconds: milliseconds)
    }

    /// Sets a time to live in seconds, fractions to the millisecond; false if there is no key.
    @discardableResult
    public func expire(seconds: Double) throws(PotteryError) -> Bool {
        try expire(milliseconds: try RedisKeyspace.milliseconds(seconds: seconds))
    }

    /// The remaining time to live, in milliseconds (PTTL).
    public var ttl: KeyExpiry {
        get throws(PotteryError) { try keyspace.pttl(keyBytes) }
    }

    /// Runs a script on this key alone; a Redis error names the key.
    func script(_ script: RedisScript, _ arguments: [[UInt8]]) throws(PotteryError) -> RESPValue {
        try redis.runScript(EVALSHA(script, keys: [keyBytes], arguments: arguments))
    }

    /// The protocol violation for a script's reply that is not `expected`.
    func wrongShape(of script: RedisScript, expected: String, got reply: RESPValue) -> PotteryError {
        redis.wrongShape(EVALSHA(script, keys: [keyBytes], arguments: []), expected: expected, got: reply)
    }

    /// Whether the key exists.
    public var exists: Bool {
        get throws(PotteryError) { try keyspace.exists(keyBytes) }
    }
}

/// A structure that knows how many elements it holds: ``count()`` and ``isEmpty`` under the same
/// names everywhere (Python's `len(x)`, and `qsize()` for the queue).
public protocol RedisCountable: RedisStructure {
    /// How many elements (fields, members, items, counted elements) the key holds.
    func count() throws(PotteryError) -> Int
}

extension RedisCountable {
    /// Whether the key holds nothing (`count() == 0`; an absent key is empty).
    public var isEmpty: Bool {
        get throws(PotteryError) { try count() == 0 }
    }
}

extension RedisDict: RedisCountable {}
extension RedisSet: RedisCountable {}
extension RedisList: RedisCountable {}
extension RedisCounter: RedisCountable {}
extension RedisSimpleQueue: RedisCountable {}

extension RedisStructure {
    /// `RedisDict<String, User>(key: "users", server: "127.0.0.1:6379")`: the type, the key and
    /// the server (never a password).
    public var description: String {
        "\(String(describing: type(of: self)))(key: \(String(reflecting: key)), server: \(String(reflecting: redis.server)))"
    }
}

extension RedisDict: CustomStringConvertible {}
extension RedisSet: CustomStringConvertible {}
extension RedisList: CustomStringConvertible {}
extension RedisCounter: CustomStringConvertible {}
extension RedisSimpleQueue: CustomStringConvertible {}
extension BloomFilter: CustomStringConvertible {}
extension HyperLogLog: CustomStringConvertible {}
extension CachedOrderedDict: CustomStringConvertible {}
