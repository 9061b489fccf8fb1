public import RedisClient

/// The failures of ``synchronize(key:masters:masterCount:autoReleaseMilliseconds:blocking:timeout:_:)``.
extension RedisError.Kind {
    /// A lock was not acquired within the wait (``synchronize(key:masters:masterCount:autoReleaseMilliseconds:blocking:timeout:_:)``).
    public static let notAcquired = RedisError.Kind("notAcquired")
    /// The lease was not held until `body` ended (``LeaseKeeper/Loss``): another holder may have run
    /// meanwhile.
    public static let leaseLost = RedisError.Kind("leaseLost")
}

/// Python pottery's `synchronize`: runs `body` while holding the ``Redlock`` on `key`, and releases
/// it afterwards, whether `body` returns or throws. The lease policy is ``LeaseKeeper``'s, as for
/// `pottery lock run`: `body` starts only with more than a third of the lease left, and a silent
/// master costs the attempt, not the lease. Waits for the lock as
/// `Redlock/acquire(blocking:timeout:)` does; when another holder has it, throws a
/// ``PotteryError`` wrapping a `RedisError` of kind `RedisError.Kind.notAcquired` and `body`
/// never runs; no quorum of masters answering is a `.quorum` error instead. When the release finds
/// that the lease was not held to the end (another token or none on a quorum, or its validity
/// passed), `body`'s result is dropped for a `RedisError.Kind.leaseLost` error. While `body` runs
/// on the caller's thread, a thread of its own extends the lease every third of it, over
/// connections of its own to the masters (it is `withLock` on a new ``Redlock``); a lease lost meanwhile
/// does not stop `body`, but is reported as `leaseLost` when it ends.
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
    return try lock.withLock(blocking: blocking, timeout: timeout) { _ in try body(lock) }
}
