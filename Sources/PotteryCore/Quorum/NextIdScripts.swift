import RedisClient

/// The script Python pottery's `NextID` registers, writing the id as the exact decimal text given.
enum NextIdScripts {
    /// KEYS: the sequence; ARGV: the new id. Sets it when the current one is lower (or missing):
    /// returns the new id, else nil.
    static let setIfGreater = RedisScript(
        """
        local current = tonumber(redis.call('get', KEYS[1]))
        local next = tonumber(ARGV[1])
        if current == nil or current < next then
            redis.call('set', KEYS[1], ARGV[1])
            return next
        end
        return false
        """)
}
