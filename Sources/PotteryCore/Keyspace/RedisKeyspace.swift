public import RedisClient

/// Commands on keys of any type: ping, scanning key names, type, delete, expiry, existence.
public struct RedisKeyspace {
    public let redis: RedisConnection

    public init(redis: RedisConnection) { self.redis = redis }

    /// PING; the server's answer (`PONG`).
    public func ping() throws(PotteryError) -> [UInt8] {
        try redis.text([Array("PING".utf8)], key: nil)
    }

    /// Streams key names matching the glob `match` (SCAN, never the blocking KEYS).
    public func scan(match: [UInt8]? = nil, count: Int = 1000) -> RedisCursor<[UInt8]> {
        RedisCursor(
            source: ScanSource(
                scan: redis.scan(match: match, count: count), key: nil, sizeCommand: [Array("DBSIZE".utf8)])
        ) {
            (raw) throws(PotteryError) in raw
        }
    }

    /// TYPE.
    public func type(of key: [UInt8]) throws(PotteryError) -> RedisKeyType {
        RedisKeyType(
            rawValue: String(decoding: try redis.text([Array("TYPE".utf8), key], key: key), as: UTF8.self))
    }

    /// The types of many keys in one pipelined round of TYPE.
    public func types(of keys: [[UInt8]]) throws(PotteryError) -> [RedisKeyType] {
        let replies = try redis.pipeline(keys.map { [Array("TYPE".utf8), $0] }, key: nil)
        var types: [RedisKeyType] = []
        for (key, reply) in zip(keys, replies) {
            switch try reply.checked("TYPE", on: redis, key: key) {
            case .simpleString(let name), .bulkString(let name?):
                types.append(RedisKeyType(rawValue: String(decoding: name, as: UTF8.self)))
            default:
                throw redis.wrongShape("a type name", reply, [Array("TYPE".utf8)], key: key)
            }
        }
        return types
    }

    /// DEL; how many of the keys existed.
    @discardableResult
    public func delete(_ keys: [[UInt8]]) throws(PotteryError) -> Int {
        guard !keys.isEmpty else { return 0 }
        return try redis.integer([Array("DEL".utf8)] + keys, key: keys.count == 1 ? keys[0] : nil)
    }

    /// PEXPIRE; false if there is no key.
    @discardableResult
    public func expire(_ key: [UInt8], milliseconds: Int) throws(PotteryError) -> Bool {
        try redis.boolean([Array("PEXPIRE".utf8), key, Array(String(milliseconds).utf8)], key: key)
    }

    /// TTL, in whole seconds.
    public func ttl(_ key: [UInt8]) throws(PotteryError) -> KeyExpiry {
        try expiry([Array("TTL".utf8), key], key: key)
    }

    /// PTTL, in milliseconds.
    public func pttl(_ key: [UInt8]) throws(PotteryError) -> KeyExpiry {
        try expiry([Array("PTTL".utf8), key], key: key)
    }

    /// EXISTS for one key.
    public func exists(_ key: [UInt8]) throws(PotteryError) -> Bool {
        try redis.boolean([Array("EXISTS".utf8), key], key: key)
    }

    private func expiry(_ command: [[UInt8]], key: [UInt8]) throws(PotteryError) -> KeyExpiry {
        let value = try redis.integer(command, key: key)
        switch value {
        case -2: return .noKey
        case -1: return .persistent
        case 0...: return .expiresIn(value)
        default: throw redis.wrongShape("a time to live", .integer(Int64(value)), command, key: key)
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
