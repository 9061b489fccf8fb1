public import RedisClient

/// Commands on keys of any type: ping, scanning key names, type, delete, expiry, existence.
public struct RedisKeyspace {
    /// The connection every command goes to.
    public let redis: RedisConnection

    /// The keyspace of the database `redis` selected.
    public init(redis: RedisConnection) { self.redis = redis }

    /// PING; the server's answer (`PONG`).
    public func ping() throws(PotteryError) -> [UInt8] {
        try redis.run(PING())
    }

    /// Streams key names matching the glob `match` (SCAN, never the blocking KEYS).
    public func scan(match: [UInt8]? = nil, count: Int = 1000) -> RedisCursor<[UInt8]> {
        RedisCursor(
            source: ScanSource(
                scan: redis.scan(match: match, count: count), key: nil, sizeCommand: DBSIZE())
        ) {
            (raw) throws(PotteryError) in raw
        }
    }

    /// What the server is and which version (`INFO server`).
    public func server() throws(PotteryError) -> RedisServerInfo {
        let info = INFO("server")
        let text = try redis.run(info)
        guard let server = RedisServerInfo(info: text) else {
            throw redis.wrongShape(info, expected: "a server version", got: .bulkString(text))
        }
        return server
    }

    /// TYPE.
    public func type(of key: [UInt8]) throws(PotteryError) -> RedisKeyType {
        RedisKeyType(rawValue: String(decoding: try redis.run(TYPE(key)), as: UTF8.self))
    }

    /// The types of many keys in one pipelined round of TYPE.
    public func types(of keys: [[UInt8]]) throws(PotteryError) -> [RedisKeyType] {
        var batch = RedisBatch(redis)
        let slots = keys.map { batch.add(TYPE($0)) }
        let replies = try redis.send(batch, key: nil)
        var types: [RedisKeyType] = []
        types.reserveCapacity(slots.count)
        for slot in slots {
            types.append(RedisKeyType(rawValue: String(decoding: try replies.value(slot), as: UTF8.self)))
        }
        return types
    }

    /// DEL; how many of the keys existed.
    @discardableResult
    public func delete(_ keys: [[UInt8]]) throws(PotteryError) -> Int {
        guard !keys.isEmpty else { return 0 }
        return try redis.run(DEL(keys))
    }

    /// PEXPIRE; false if there is no key.
    @discardableResult
    public func expire(_ key: [UInt8], milliseconds: Int) throws(PotteryError) -> Bool {
        try redis.run(PEXPIRE(key, milliseconds: milliseconds))
    }

    /// PERSIST; false if there is no key or it had no time to live.
    @discardableResult
    public func persist(_ key: [UInt8]) throws(PotteryError) -> Bool {
        try redis.run(PERSIST(key))
    }

    /// TTL, in whole seconds.
    public func ttl(_ key: [UInt8]) throws(PotteryError) -> KeyExpiry {
        try expiry(TTL(key))
    }

    /// PTTL, in milliseconds.
    public func pttl(_ key: [UInt8]) throws(PotteryError) -> KeyExpiry {
        try expiry(PTTL(key))
    }

    /// EXISTS for one key.
    public func exists(_ key: [UInt8]) throws(PotteryError) -> Bool {
        try redis.run(EXISTS(key))
    }

    private func expiry(_ command: some RedisCommand<Int>) throws(PotteryError) -> KeyExpiry {
        let value = try redis.run(command)
        switch value {
        case -2: return .noKey
        case -1: return .persistent
        case 0...: return .expiresIn(value)
        default: throw redis.wrongShape(command, expected: "a time to live", got: .integer(Int64(value)))
        }
    }

    /// Seconds (fractions allowed) as whole milliseconds; invalid value if not finite or too large.
    public static func milliseconds(seconds: Double) throws(PotteryError) -> Int {
        let milliseconds = (seconds * 1000).rounded()
        guard milliseconds.isFinite, milliseconds.magnitude < 1e18 else {
            throw PotteryError(.invalidValue, "\(seconds) seconds is not a usable time to live")
        }
        return Int(milliseconds)
    }
}
