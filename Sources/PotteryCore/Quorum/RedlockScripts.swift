import RedisClient

/// The Lua scripts of ``Redlock``, each run on every master at once. Release and extend compare the
/// token exactly as Python pottery's do, so either side can release or extend a lock the other took
/// (given its token).
enum RedlockScripts {
    /// KEYS: the lock, its fencing counter; ARGV: token, ttl in ms. `SET NX PX`, and on success the
    /// fencing counter's new value (INCR); 0 when the lock is held by someone else.
    static let acquire = RedisScript(
        """
        if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
            return redis.call('incr', KEYS[2])
        end
        return 0
        """)

    /// ``acquire`` for a lock without a fencing counter (KEYS[2] is not touched): 1 when set, else 0.
    static let acquireUnfenced = RedisScript(
        """
        if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
            return 1
        end
        return 0
        """)

    /// KEYS: the lock; ARGV: token. Deletes it only when it holds the token: 1, else 0.
    static let release = RedisScript(
        """
        if redis.call('get', KEYS[1]) == ARGV[1] then
            return redis.call('del', KEYS[1])
        end
        return 0
        """)

    /// KEYS: the lock; ARGV: token, ttl in ms. `PEXPIRE` only when it holds the token: 1, else 0.
    static let extend = RedisScript(
        """
        if redis.call('get', KEYS[1]) == ARGV[1] then
            return redis.call('pexpire', KEYS[1], ARGV[2])
        end
        return 0
        """)

    /// KEYS: the lock. Whoever holds it: `[token, pttl]`, or nil when free.
    static let status = RedisScript(
        """
        local token = redis.call('get', KEYS[1])
        if not token then
            return false
        end
        return {token, redis.call('pttl', KEYS[1])}
        """)

    /// KEYS: a fencing counter; ARGV: a value. Raises the counter to the value if it is below (the
    /// masters of one acquisition then agree on its fencing token). Returns the counter.
    static let raise = RedisScript(
        """
        local current = tonumber(redis.call('get', KEYS[1]))
        if current == nil or current < tonumber(ARGV[1]) then
            redis.call('set', KEYS[1], ARGV[1])
            return tonumber(ARGV[1])
        end
        return current
        """)
}
