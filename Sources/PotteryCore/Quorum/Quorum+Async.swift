/// Async forms of the quorum primitives (``Redlock``, ``NextId``): the same calls to the masters,
/// made on a thread of their own so that their waits (an acquisition's retries, a silent master's
/// timeout) never hold a thread of Swift's cooperative pool. Don't use the same instance from two
/// tasks at once: like the blocking forms, an instance talks over its masters' connections one
/// call at a time.
extension Redlock {
    /// `acquire(blocking:timeout:)`, async.
    public func acquire(blocking: Bool = true, timeout: Double? = nil) async throws(PotteryError) -> Bool {
        try await offThePool(self) { (lock) throws(PotteryError) in
            try lock.acquire(blocking: blocking, timeout: timeout)
        }
    }

    /// `release(token:)`, async.
    @discardableResult
    public func release(token: String? = nil) async throws(PotteryError) -> Bool {
        try await offThePool(self) { (lock) throws(PotteryError) in try lock.release(token: token) }
    }

    /// `extend(token:milliseconds:)`, async.
    @discardableResult
    public func extend(token: String? = nil, milliseconds: Int? = nil) async throws(PotteryError) -> Bool {
        try await offThePool(self) { (lock) throws(PotteryError) in
            try lock.extend(token: token, milliseconds: milliseconds)
        }
    }

    /// `status()`, async.
    public func status() async throws(PotteryError) -> RedlockStatus {
        try await offThePool(self) { (lock) throws(PotteryError) in try lock.status() }
    }
}

extension NextId {
    /// `next()`, async.
    public func next() async throws(PotteryError) -> Int {
        try await offThePool(self) { (ids) throws(PotteryError) in try ids.next() }
    }

    /// `next(count:)`, async.
    public func next(count: Int) async throws(PotteryError) -> ClosedRange<Int> {
        try await offThePool(self) { (ids) throws(PotteryError) in try ids.next(count: count) }
    }

    /// `current()`, async.
    public func current() async throws(PotteryError) -> Int {
        try await offThePool(self) { (ids) throws(PotteryError) in try ids.current() }
    }

    /// `for try await id in nextId.ids`: one new id after another, without end (Python's
    /// `next(nextid)` in a loop), each from the quorum as `next()` gives it.
    public var ids: NextIdSequence { NextIdSequence(ids: HandedOver(value: self)) }
}

/// New ids of a ``NextId``, one per iteration step, without end (see ``NextId/ids``).
public struct NextIdSequence: AsyncSequence, Sendable {
    /// Used by one iteration step at a time, each on a thread of its own that the iterating task
    /// awaits (see `HandedOver`).
    public typealias Failure = PotteryError
    let ids: HandedOver<NextId>

    public func makeAsyncIterator() -> Iterator { Iterator(ids: ids) }

    public struct Iterator: AsyncIteratorProtocol {
        public typealias Failure = PotteryError
        let ids: HandedOver<NextId>

        public mutating func next() async throws(PotteryError) -> Int? {
            try await ids.value.next()
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(PotteryError) -> Int? {
            try await ids.value.next()
        }
    }
}

/// Runs `body` with `value` on a thread of its own; its errors as ``PotteryError``.
func offThePool<Value, T: Sendable>(
    _ value: Value, _ body: @escaping @Sendable (Value) throws(PotteryError) -> T
) async throws(PotteryError) -> T {
    let handed = HandedOver(value: value)
    do {
        return try await onThreadOfItsOwn { () throws -> T in try body(handed.value) }
    } catch let error as PotteryError {
        throw error
    } catch {
        throw PotteryError(.cancelled, "\(error)")
    }
}
