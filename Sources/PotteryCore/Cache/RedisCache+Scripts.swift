import RedisClient

/// The Lua scripts that make each cache access one round trip and atomic.
/// KEYS[1] is the cache hash, KEYS[2] its stats hash; ARGV[1] the entry's field, ARGV[2] the time
/// to live in milliseconds (`0`: no expiry).
extension RedisCache {
    /// Counts a lookup: an entry that is there (at least a status digit and the newline) is a hit,
    /// counted, and its key's expiry restarted: 1. Otherwise 0, counted as a miss when ARGV[3] is
    /// `1`. Records the configured ttl. The entry itself is read by an HGET in the same MULTI, so a
    /// large output is never copied through Lua.
    static let lookupScript = RedisScript(
        """
        redis.call('HSET', KEYS[2], 'ttl', ARGV[2])
        if redis.call('HSTRLEN', KEYS[1], ARGV[1]) >= 2 then
          redis.call('HINCRBY', KEYS[2], 'hits', 1)
          if ARGV[2] == '0' then redis.call('PERSIST', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
          return 1
        end
        if ARGV[3] == '1' then redis.call('HINCRBY', KEYS[2], 'misses', 1) end
        return 0
        """)

    /// Stores an entry (ARGV[3] the status, ARGV[4] the output) and restarts the key's expiry.
    static let storeScript = RedisScript(
        """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. '\\n' .. ARGV[4])
        if ARGV[2] == '0' then redis.call('PERSIST', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 1
        """)
}
