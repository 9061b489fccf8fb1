public import RedisClient

extension RedisError.Kind {
    /// A lock was not acquired within the wait (``synchronize(key:masters:masterCount:autoReleaseMilliseconds:blocking:timeout:_:)``).
    public static let notAcquired = RedisError.Kind("notAcquired")
}

/// Python pottery's `synchronize`: runs `body` while holding the ``Redlock`` on `key`, and releases
/// it afterwards, whether `body` returns or throws. Waits for the lock as
/// ``Redlock/acquire(blocking:timeout:)`` does; when it is not acquired, throws a ``PotteryError``
/// wrapping a ``RedisError`` of kind ``RedisError/Kind/notAcquired`` and `body` never runs.
///
/// ```swift
/// let total = try synchronize(key: "ledger", masters: masters, timeout: 5) { lock in
///     try recompute(fencing: lock.fencingToken!)
/// }
/// ```
public func synchronize<T>(
    key: String, masters: [RedisConnection], masterCount: Int? = nil,
    autoReleaseMilliseconds: Int = Redlock.defaultAutoReleaseMilliseconds, blocking: Bool = true,
    timeout: Double? = nil, _ body: (Redlock) throws -> T
) throws -> T {
    let lock = Redlock(
        key: key, masters: masters, masterCount: masterCount, autoReleaseMilliseconds: autoReleaseMilliseconds
    )
    guard try lock.acquire(blocking: blocking, timeout: timeout) else {
        let error = RedisError(
            kind: .notAcquired, message: "lock not acquired", server: "\(lock.quorum.count) masters")
        throw PotteryError(error, key: lock.redisKey)
    }
    defer { _ = try? lock.release() }
    return try body(lock)
}
