import RedisClient

/// The async forms of ``RedisCounter``'s operations: the same commands, run on a pooled
/// connection (`RedisCounter.pooled(key:pool:)` is in `Pooled+Codecs.swift`). `forEachElement`
/// becomes the streamed ``elements(batchSize:)``. Skipped: `bulkWriter` (a ``CounterWriter`` streams
/// stored elements, e.g. from stdin, through one connection for the whole run).
extension Pooled {
    /// Adds `amount` (which may be negative) to the count of `element` (HINCRBY); the new count.
    @discardableResult
    public func increment<Element: Sendable>(_ element: Element, by amount: Int = 1)
        async throws(PotteryError) -> Int
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.increment(element, by: amount) }
    }

    /// The count of `element`: 0 when it is absent, as `Counter[element]` (HGET).
    public func count<Element: Sendable>(of element: Element) async throws(PotteryError) -> Int
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.count(of: element) }
    }

    /// `try await counter[element]`: the count, 0 when absent.
    public subscript<Element: Sendable>(element: Element) -> Int
    where Structure == RedisCounter<Element> {
        get async throws(PotteryError) { try await count(of: element) }
    }

    /// Sets the count of `element` (`counter[element] = n`, HSET).
    public func set<Element: Sendable>(_ element: Element, count: Int) async throws(PotteryError)
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.set(element, count: count) }
    }

    /// Counts every element once per occurrence (`Counter.update(iterable)`).
    public func update<Element: Sendable>(_ elements: [Element]) async throws(PotteryError)
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.update(elements) }
    }

    /// Takes one away per occurrence (`Counter.subtract(iterable)`).
    public func subtract<Element: Sendable>(_ elements: [Element]) async throws(PotteryError)
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.subtract(elements) }
    }

    /// Adds each count to its element (`Counter.update(mapping)`); negative counts subtract.
    public func update<Element: Sendable>(counts: [(Element, Int)]) async throws(PotteryError)
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.update(counts: counts) }
    }

    /// Takes each count away from its element (`Counter.subtract(mapping)`).
    public func subtract<Element: Sendable>(counts: [(Element, Int)]) async throws(PotteryError)
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.subtract(counts: counts) }
    }

    /// Deletes elements (HDEL); how many of them were there.
    @discardableResult
    public func remove<Element: Sendable>(_ elements: [Element]) async throws(PotteryError) -> Int
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.remove(elements) }
    }

    /// The number of distinct elements, as `len(counter)` (HLEN).
    public func count<Element: Sendable>() async throws(PotteryError) -> Int
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.count() }
    }

    /// `for try await (element, count) in counter.items()`: every pair, streamed (HSCAN).
    public func items<Element: Sendable>(batchSize: Int = 1000) -> PooledCursor<(Element, Int)>
    where Structure == RedisCounter<Element> {
        let make = structureMaker
        return PooledCursor(pool: pool, key: keyBytes) { make($0).items(batchSize: batchSize) }
    }

    /// Every element as many times as its count, skipping counts below one, as `Counter.elements()`
    /// does (the blocking `forEachElement`), streamed.
    public func elements<Element: Sendable>(batchSize: Int = 1000) -> PooledCounterElements<Element>
    where Structure == RedisCounter<Element> {
        PooledCounterElements(items: items(batchSize: batchSize))
    }

    /// The sum of every count, as `Counter.total()`.
    public func total<Element: Sendable>() async throws(PotteryError) -> Int128
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.total() }
    }

    /// The `n` most common elements and their counts (all when `n` is nil), highest count first, as
    /// `Counter.most_common(n)`.
    public func mostCommon<Element: Sendable>(_ n: Int? = nil) async throws(PotteryError) -> [(Element, Int)]
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.mostCommon(n) }
    }

    /// `self op other` (`other` nil for `+c` and `-c`): elements in Python's order, positive counts.
    public func combined<Element: Sendable>(_ operation: CounterOperation, with other: [UInt8]? = nil)
        async throws(PotteryError) -> [(Element, Int128)]
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in try counter.combined(operation, with: other) }
    }

    /// Stores `self op other` into `destination`, replacing it, in one transaction; how many
    /// elements it has.
    @discardableResult
    public func store<Element: Sendable>(
        _ operation: CounterOperation, with other: [UInt8]? = nil, into destination: [UInt8]
    ) async throws(PotteryError) -> Int
    where Structure == RedisCounter<Element> {
        try await perform { (counter) throws(PotteryError) in
            try counter.store(operation, with: other, into: destination)
        }
    }
}

/// ``Pooled/elements(batchSize:)``: a counter's items, each element handed out as many times as its
/// count, one at a time (a count of a billion takes no memory), over one leased connection.
public struct PooledCounterElements<Element: Sendable>: PooledRead, Sendable {
    public typealias Failure = PotteryError

    let items: PooledCursor<(Element, Int)>

    public func makeAsyncIterator() -> Iterator { Iterator(items: items.makeAsyncIterator()) }

    public struct Iterator: AsyncIteratorProtocol {
        public typealias Failure = PotteryError

        var items: PooledCursor<(Element, Int)>.Iterator
        var current: Element?
        var left = 0

        public mutating func next() async throws(PotteryError) -> Element? {
            try await next(isolation: nil)
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(PotteryError)
            -> Element?
        {
            while left == 0 {
                guard let (element, count) = try await items.next(isolation: actor) else {
                    current = nil
                    return nil
                }
                (current, left) = (element, Swift.max(count, 0))
            }
            left -= 1
            return current
        }
    }
}
