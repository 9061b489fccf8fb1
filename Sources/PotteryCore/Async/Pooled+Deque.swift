public import PotteryJSON
public import RedisClient

extension RedisDeque where Element: Codable & Sendable {
    /// A deque of `Codable` items over a pool, each handle trimming to its own `maxlen`, for Swift
    /// concurrency (see ``Pooled``).
    public static func pooled(key: String, pool: RedisConnectionPool, maxlen: Int? = nil)
        -> Pooled<RedisDeque>
    {
        Pooled(pool: pool, key: Array(key.utf8)) { RedisDeque(key: key, redis: $0, maxlen: maxlen) }
    }
}

extension RedisDeque where Element == JSONValue {
    /// A deque of JSON values over a pool, for Swift concurrency (see ``Pooled``).
    public static func pooled(key: String, pool: RedisConnectionPool, maxlen: Int? = nil)
        -> Pooled<RedisDeque>
    {
        Pooled(pool: pool, key: Array(key.utf8)) { RedisDeque(key: key, redis: $0, maxlen: maxlen) }
    }
}

/// The async forms of ``RedisDeque``'s own operations, run on a pooled connection; those it
/// shares with ``RedisList`` (`extend`, `insert`, `items`, `item(at:)`, ...) are in
/// `Pooled+List.swift`, and keep the deque's `maxlen`. Skipped: `pushWriter` (it streams stored
/// items, e.g. from stdin, through one connection for the whole run).
extension Pooled {
    /// Prepends each item in turn on the left (so they end up reversed, as `extendleft` does),
    /// trimming the right to `maxlen`; the new length.
    @discardableResult
    public func extendLeft<Element: Sendable>(_ items: [Element]) async throws(PotteryError) -> Int
    where Structure == RedisDeque<Element> {
        try await perform { (deque) throws(PotteryError) in try deque.extendLeft(items) }
    }

    /// Prepends one item, trimming the right to `maxlen`; the new length.
    @discardableResult
    public func appendLeft<Element: Sendable>(_ item: Element) async throws(PotteryError) -> Int
    where Structure == RedisDeque<Element> {
        try await perform { (deque) throws(PotteryError) in try deque.appendLeft(item) }
    }

    /// Removes and returns the leftmost item; nil when empty.
    public func popLeft<Element: Sendable>() async throws(PotteryError) -> Element?
    where Structure == RedisDeque<Element> {
        try await perform { (deque) throws(PotteryError) in try deque.popLeft() }
    }

    /// Removes and returns the rightmost item (RPOP); nil when empty.
    public func pop<Element: Sendable>() async throws(PotteryError) -> Element?
    where Structure == RedisDeque<Element> {
        try await perform { (deque) throws(PotteryError) in try deque.pop() }
    }

    /// Rotates `steps` to the right (to the left when negative), atomically, as
    /// `collections.deque.rotate`.
    public func rotate<Element: Sendable>(_ steps: Int = 1) async throws(PotteryError)
    where Structure == RedisDeque<Element> {
        try await perform { (deque) throws(PotteryError) in try deque.rotate(steps) }
    }
}
