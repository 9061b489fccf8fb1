import RedisClient

/// The async forms of what every structure has (``RedisStructure``) beyond ``Pooled/clear()`` and
/// ``Pooled/expire(milliseconds:)``: expiry in seconds, the time to live, existence.
extension Pooled {
    /// Sets a time to live in seconds, fractions to the millisecond; false if there is no key.
    @discardableResult
    public func expire(seconds: Double) async throws(PotteryError) -> Bool {
        try await perform { (structure) throws(PotteryError) in try structure.expire(seconds: seconds) }
    }

    /// `try await structure.ttl`: the remaining time to live (PTTL).
    public var ttl: KeyExpiry {
        get async throws(PotteryError) {
            try await perform { (structure) throws(PotteryError) in try structure.ttl }
        }
    }

    /// `try await structure.exists`: whether the key exists.
    public var exists: Bool {
        get async throws(PotteryError) {
            try await perform { (structure) throws(PotteryError) in try structure.exists }
        }
    }
}
