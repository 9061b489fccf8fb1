/// Conveniences for key names given as text (sent as UTF-8).
extension RedisKeyspace {
    /// TYPE of a key named by text.
    public func type(of key: String) throws(PotteryError) -> RedisKeyType { try type(of: Array(key.utf8)) }

    /// DEL of keys named by text.
    @discardableResult
    public func delete(_ keys: [String]) throws(PotteryError) -> Int {
        try delete(keys.map { Array($0.utf8) })
    }

    /// EXISTS of a key named by text.
    public func exists(_ key: String) throws(PotteryError) -> Bool { try exists(Array(key.utf8)) }
}
