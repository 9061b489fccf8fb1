public import PotteryJSON
public import RedisClient

extension HyperLogLog where Element: Codable & Sendable {
    /// A HyperLogLog of `Codable` elements over a pool, for Swift concurrency (see ``Pooled``).
    public static func pooled(key: String, pool: RedisConnectionPool) -> Pooled<HyperLogLog> {
        Pooled(pool: pool, key: Array(key.utf8)) { HyperLogLog(key: key, redis: $0) }
    }
}

extension HyperLogLog where Element == JSONValue {
    /// A HyperLogLog of JSON values over a pool, for Swift concurrency (see ``Pooled``).
    public static func pooled(key: String, pool: RedisConnectionPool) -> Pooled<HyperLogLog> {
        Pooled(pool: pool, key: Array(key.utf8)) { HyperLogLog(key: key, redis: $0) }
    }
}

/// The async forms of ``HyperLogLog``'s operations: the same commands, run on a pooled
/// connection. Skipped: `bulkWriter` (it streams stored values, e.g. from stdin, through one
/// connection for the whole run).
extension Pooled {
    /// Adds elements (PFADD, in batches); whether any register changed.
    @discardableResult
    public func add<Element: Sendable>(contentsOf elements: [Element]) async throws(PotteryError) -> Bool
    where Structure == HyperLogLog<Element> {
        try await perform { (hll) throws(PotteryError) in try hll.add(contentsOf: elements) }
    }

    /// Adds one element; whether a register changed.
    @discardableResult
    public func add<Element: Sendable>(_ element: Element) async throws(PotteryError) -> Bool
    where Structure == HyperLogLog<Element> {
        try await perform { (hll) throws(PotteryError) in try hll.add(element) }
    }

    /// The approximate number of distinct elements (PFCOUNT).
    public func count<Element: Sendable>() async throws(PotteryError) -> Int
    where Structure == HyperLogLog<Element> {
        try await perform { (hll) throws(PotteryError) in try hll.count() }
    }

    /// Merges the other HyperLogLogs into this one (PFMERGE KEY OTHER...): the union.
    public func merge<Element: Sendable>(from others: [[UInt8]]) async throws(PotteryError)
    where Structure == HyperLogLog<Element> {
        try await perform { (hll) throws(PotteryError) in try hll.merge(from: others) }
    }

    /// pottery's membership test: adding the element to a copy would change no register.
    public func contains<Element: Sendable>(_ element: Element) async throws(PotteryError) -> Bool
    where Structure == HyperLogLog<Element> {
        try await perform { (hll) throws(PotteryError) in try hll.contains(element) }
    }

    /// The membership test for each element, in order.
    public func contains<Element: Sendable>(many elements: [Element]) async throws(PotteryError) -> [Bool]
    where Structure == HyperLogLog<Element> {
        try await perform { (hll) throws(PotteryError) in try hll.contains(many: elements) }
    }

    /// The membership test for stored values (canonical JSON texts).
    public func contains<Element: Sendable>(stored values: [[UInt8]]) async throws(PotteryError) -> [Bool]
    where Structure == HyperLogLog<Element> {
        try await perform { (hll) throws(PotteryError) in try hll.contains(stored: values) }
    }
}
