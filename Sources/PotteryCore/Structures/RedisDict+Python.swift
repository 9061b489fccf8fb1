import RedisClient

/// The members of Python's `dict` that read and write in one step: `pop`, `setdefault`, `popitem`,
/// and several fields at once. Each is atomic: a concurrent writer (ours or Python's) never sees
/// half of it, and of N clients popping one field, one gets the value.
extension RedisDict {
    /// `dict.pop(key)`: removes `field` and returns the value it had; nil when it was absent
    /// (`MULTI HGET HDEL EXEC`).
    public func pop(_ field: Key) throws(PotteryError) -> Value? {
        let encoded = try encodeKey(field)
        let pair = try redis.atomically(
            HGET(keyBytes, field: encoded), HDEL(keyBytes, fields: [encoded]), key: keyBytes)
        return try pair.first().map { (bytes) throws(PotteryError) in try decodeValue(bytes) }
    }

    /// `dict.setdefault(key, default)`: sets `field` to `value` when it is absent, and returns the
    /// value now there, the one it already had or `value` (`MULTI HSETNX HGET EXEC`).
    public func setDefault(_ field: Key, _ value: Value) throws(PotteryError) -> Value {
        try decodeValue(
            try redis.setIfAbsent(keyBytes, field: try encodeKey(field), value: try encodeValue(value)))
    }

    /// `dict.popitem()`: removes one item and returns it; nil when the dict is empty. Which item is
    /// Redis' choice (`HRANDFIELD`, in one script), not the last inserted as in a Python dict.
    public func popItem() throws(PotteryError) -> (Key, Value)? {
        let reply = try script(DictScripts.popItem, [])
        switch reply {
        case .array(let parts?) where parts.count == 2:
            guard case .bulkString(let field?) = parts[0], case .bulkString(let value?) = parts[1] else {
                break
            }
            return (try decodeKey(field), try decodeValue(value))
        case .bulkString(nil):
            return nil
        default:
            break
        }
        throw wrongShape(of: DictScripts.popItem, expected: "a [field, value] pair or nil", got: reply)
    }

    /// The values of several fields, in order, nil where absent (HMGET; one field is one HGET).
    public func values(for fields: [Key]) throws(PotteryError) -> [Value?] {
        guard fields.count > 1 else {
            return try fields.first.map { (field) throws(PotteryError) in [try value(for: field)] } ?? []
        }
        var encoded: [[UInt8]] = []
        for field in fields { encoded.append(try encodeKey(field)) }
        return try redis.run(HMGET(keyBytes, fields: encoded)).map { (stored) throws(PotteryError) in
            try stored.map { (bytes) throws(PotteryError) in try decodeValue(bytes) }
        }
    }

    func decodeKey(_ stored: [UInt8]) throws(PotteryError) -> Key {
        do throws(PotteryError) { return try keyCodec.decode(stored) } catch {
            throw error.with(key: keyBytes, server: redis.server)
        }
    }
}

/// The dict's script: `popitem` must read a field and delete it with nothing in between.
enum DictScripts {
    /// KEYS[1]. A [field, value] pair removed from the hash, or false when it is empty. A random
    /// field read before a write needs effects replication on Redis 6.2 (the default from 7.0).
    static let popItem = RedisScript(
        """
        if redis.replicate_commands then pcall(redis.replicate_commands) end
        local field = redis.call('HRANDFIELD', KEYS[1])
        if not field then return false end
        local value = redis.call('HGET', KEYS[1], field)
        redis.call('HDEL', KEYS[1], field)
        return {field, value}
        """)
}
