import RedisClient

/// The async forms of ``RedisSet``'s operations: the same commands, run on a pooled connection.
/// Skipped: `bulkWriter`, `removalWriter` and `withValueSet` (they stream stored values, e.g.
/// from stdin, through one connection for the whole run).
extension Pooled {
    /// Adds elements in one SADD; how many were new.
    @discardableResult
    public func add<Element: Sendable>(contentsOf elements: [Element]) async throws(PotteryError) -> Int
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.add(contentsOf: elements) }
    }

    /// Adds one element; false if it was there already.
    @discardableResult
    public func add<Element: Sendable>(_ element: Element) async throws(PotteryError) -> Bool
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.add(element) }
    }

    /// Removes elements (SREM); how many of them were there.
    @discardableResult
    public func remove<Element: Sendable>(contentsOf elements: [Element]) async throws(PotteryError) -> Int
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.remove(contentsOf: elements) }
    }

    /// Removes one element; false if it was absent.
    @discardableResult
    public func remove<Element: Sendable>(_ element: Element) async throws(PotteryError) -> Bool
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.remove(element) }
    }

    /// Membership (SISMEMBER).
    public func contains<Element: Sendable>(_ element: Element) async throws(PotteryError) -> Bool
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.contains(element) }
    }

    /// Membership of each, in order, in one SMISMEMBER.
    public func contains<Element: Sendable>(many elements: [Element]) async throws(PotteryError) -> [Bool]
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.contains(many: elements) }
    }

    /// The number of elements (SCARD).
    public func count<Element: Sendable>() async throws(PotteryError) -> Int
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.count() }
    }

    /// Removes and returns one element (SPOP); nil when empty.
    public func pop<Element: Sendable>() async throws(PotteryError) -> Element?
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.pop() }
    }

    /// `for try await element in set.members()`: every element, streamed (SSCAN).
    public func members<Element: Sendable>(batchSize: Int = 1000) -> PooledCursor<Element>
    where Structure == RedisSet<Element> {
        let make = structureMaker
        return PooledCursor(pool: pool, key: keyBytes) { make($0).members(batchSize: batchSize) }
    }

    /// `self op others...`, streamed (see `RedisSet/members(of:with:)`); a key of another type
    /// throws `WRONGTYPE` at the first `next()`.
    public func members<Element: Sendable>(of operation: SetOperation, with others: [[UInt8]])
        -> PooledCursor<Element>
    where Structure == RedisSet<Element> {
        let make = structureMaker
        return PooledCursor(pool: pool, key: keyBytes) { (connection) in
            do throws(PotteryError) {
                return try make(connection).members(of: operation, with: others)
            } catch {
                return .failing(error)
            }
        }
    }

    /// `members(of:with:)` with other keys named by text.
    public func members<Element: Sendable>(of operation: SetOperation, with others: [String])
        -> PooledCursor<Element>
    where Structure == RedisSet<Element> {
        members(of: operation, with: others.map { Array($0.utf8) })
    }

    /// Python's `set.symmetric_difference(other)`: the members of exactly one of the two, streamed.
    public func symmetricDifference<Element: Sendable>(with other: [UInt8]) -> PooledCursor<Element>
    where Structure == RedisSet<Element> {
        members(of: .symmetricDifference, with: [other])
    }

    /// Whether the two sets share no element.
    public func isDisjoint<Element: Sendable>(with other: [UInt8]) async throws(PotteryError) -> Bool
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.isDisjoint(with: other) }
    }

    /// Whether every element of this set is in `other`.
    public func isSubset<Element: Sendable>(of other: [UInt8]) async throws(PotteryError) -> Bool
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.isSubset(of: other) }
    }

    /// Whether every element of `other` is in this set.
    public func isSuperset<Element: Sendable>(of other: [UInt8]) async throws(PotteryError) -> Bool
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.isSuperset(of: other) }
    }

    /// Whether the two sets share no element (the other key named by text).
    public func isDisjoint<Element: Sendable>(with other: String) async throws(PotteryError) -> Bool
    where Structure == RedisSet<Element> {
        try await isDisjoint(with: Array(other.utf8))
    }

    /// Whether every element of this set is in `other` (named by text).
    public func isSubset<Element: Sendable>(of other: String) async throws(PotteryError) -> Bool
    where Structure == RedisSet<Element> {
        try await isSubset(of: Array(other.utf8))
    }

    /// Whether every element of `other` (named by text) is in this set.
    public func isSuperset<Element: Sendable>(of other: String) async throws(PotteryError) -> Bool
    where Structure == RedisSet<Element> {
        try await isSuperset(of: Array(other.utf8))
    }

    /// Stores `self op others` into `destination`, replacing what it held; how many members it has.
    @discardableResult
    public func store<Element: Sendable>(
        _ operation: SetOperation, with others: [[UInt8]], into destination: [UInt8]
    ) async throws(PotteryError) -> Int
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in
            try set.store(operation, with: others, into: destination)
        }
    }

    /// Python's `set.update(*others)`: adds every member of the other sets; the new size.
    @discardableResult
    public func formUnion<Element: Sendable>(with others: [[UInt8]]) async throws(PotteryError) -> Int
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.formUnion(with: others) }
    }

    /// Python's `set.intersection_update(*others)`: keeps the members every other set has.
    @discardableResult
    public func formIntersection<Element: Sendable>(with others: [[UInt8]]) async throws(PotteryError)
        -> Int
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.formIntersection(with: others) }
    }

    /// Python's `set.difference_update(*others)`: removes the members of the other sets.
    @discardableResult
    public func subtract<Element: Sendable>(_ others: [[UInt8]]) async throws(PotteryError) -> Int
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.subtract(others) }
    }

    /// Python's `set.symmetric_difference_update(other)`: keeps the members of exactly one of the two.
    @discardableResult
    public func formSymmetricDifference<Element: Sendable>(with other: [UInt8]) async throws(PotteryError)
        -> Int
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.formSymmetricDifference(with: other) }
    }

    /// The whole set as a Swift set. Loads everything: for small keys only.
    public func toSet<Element: Sendable & Hashable>() async throws(PotteryError) -> Set<Element>
    where Structure == RedisSet<Element> {
        try await perform { (set) throws(PotteryError) in try set.toSet() }
    }
}

extension RedisCursor {
    /// A cursor whose first batch throws `error`: a streamed read whose blocking form throws before
    /// it starts (a type check), for ``PooledCursor``, whose cursor is made on the connection's thread.
    static func failing(_ error: PotteryError) -> RedisCursor {
        RedisCursor(source: FailingSource(error: error)) { (_) throws(PotteryError) in [] }
    }
}

/// The source of ``RedisCursor/failing(_:)``: throws once, then ends.
private struct FailingSource: RawBatchSource {
    var error: PotteryError?
    var prefetch: Bool {
        get { false }
        set {}
    }

    mutating func nextRawBatch() throws(PotteryError) -> [[UInt8]]? {
        guard let error else { return nil }
        self.error = nil
        throw error
    }

    mutating func cancel() { error = nil }
}
