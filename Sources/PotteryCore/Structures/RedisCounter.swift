public import RedisClient

/// A Redis hash that holds a Python `collections.Counter` the way pottery's `RedisCounter` does:
/// field = enc(element), value = the count as decimal integer text (SPEC §8.2), so `HINCRBY` works on
/// it and Python reads it back as an `int`. Zero and negative counts are stored like any other, as
/// `collections.Counter` keeps them.
///
/// ```swift
/// let words = RedisCounter<String>(key: "words", redis: connection)
/// try words.update(["a", "b", "a"])        // a: 2, b: 1, as collections.Counter counts
/// try words.increment("b", by: 5)          // 6
/// ```
///
/// Unlike pottery 3.0.1, ``update(_:)`` and ``subtract(_:)`` give `collections.Counter`'s results:
/// every occurrence adds (or takes away) one, with `HINCRBY`, never reading the old count.
public final class RedisCounter<Element>: RedisStructure {
    public let redis: RedisConnection
    public let keyBytes: [UInt8]
    /// How elements (hash fields) are stored.
    public let codec: any RedisCodec<Element>

    /// A counter at `key` with an explicit codec.
    public init(key: [UInt8], redis: RedisConnection, codec: some RedisCodec<Element>) {
        self.redis = redis
        self.keyBytes = key
        self.codec = codec
    }

    /// Adds `amount` (which may be negative) to the count of `element` in one atomic `HINCRBY`;
    /// the new count. A count that would leave the 64-bit range is Redis' error, and changes nothing.
    @discardableResult
    public func increment(_ element: Element, by amount: Int = 1) throws(PotteryError) -> Int {
        try redis.run(HINCRBY(keyBytes, field: try encode(element), by: amount))
    }

    /// The count of `element`: 0 when it is absent, as `Counter[element]` (HGET).
    public func count(of element: Element) throws(PotteryError) -> Int {
        guard let stored = try redis.run(HGET(keyBytes, field: try encode(element))) else { return 0 }
        return try CounterCount.parse(stored, key: keyBytes, server: redis.server)
    }

    /// Sets the count of `element` (`counter[element] = n`, HSET).
    public func set(_ element: Element, count: Int) throws(PotteryError) {
        _ = try redis.run(HSET(keyBytes, pairs: [try encode(element), Array(String(count).utf8)]))
    }

    /// `counter[element]`: the count, 0 when absent.
    public subscript(element: Element) -> Int {
        get throws(PotteryError) { try count(of: element) }
    }

    /// Counts every element once per occurrence (`Counter.update(iterable)`), as pipelined
    /// `HINCRBY`s; repeated elements are summed first.
    public func update(_ elements: some Sequence<Element>) throws(PotteryError) {
        try add(elements, sign: 1)
    }

    /// Takes one away per occurrence (`Counter.subtract(iterable)`); counts may go to zero or below.
    public func subtract(_ elements: some Sequence<Element>) throws(PotteryError) {
        try add(elements, sign: -1)
    }

    /// Adds each count to its element (`Counter.update(mapping)`); negative counts subtract.
    public func update(counts: some Sequence<(Element, Int)>) throws(PotteryError) {
        let writer = bulkWriter(atomic: false)
        do throws(PotteryError) {
            for (element, amount) in counts { try writer.add(try encode(element), amount) }
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
    }

    /// Takes each count away from its element (`Counter.subtract(mapping)`); counts may go below zero.
    public func subtract(counts: some Sequence<(Element, Int)>) throws(PotteryError) {
        var negated: [(Element, Int)] = []
        for (element, amount) in counts {
            let (delta, overflow) = amount.multipliedReportingOverflow(by: -1)
            guard !overflow else {
                throw PotteryError(
                    .invalidValue, "a count of \(amount) cannot be taken away", key: keyBytes,
                    server: redis.server)
            }
            negated.append((element, delta))
        }
        try update(counts: negated)
    }

    private func add(_ elements: some Sequence<Element>, sign: Int) throws(PotteryError) {
        let writer = bulkWriter(atomic: false)
        do throws(PotteryError) {
            for element in elements { try writer.add(try encode(element), sign) }
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
    }

    /// Deletes elements (HDEL); how many of them were there. An absent element is no error, as
    /// `del counter[element]` is none.
    @discardableResult
    public func remove(_ elements: [Element]) throws(PotteryError) -> Int {
        guard !elements.isEmpty else { return 0 }
        var fields: [[UInt8]] = []
        for element in elements { fields.append(try encode(element)) }
        return try redis.run(HDEL(keyBytes, fields: fields))
    }

    /// The number of distinct elements, zero and negative counts included, as `len(counter)` (HLEN).
    public func count() throws(PotteryError) -> Int {
        try redis.run(HLEN(keyBytes))
    }

    /// A writer that streams stored elements and their deltas into the counter; see ``CounterWriter``.
    public func bulkWriter(atomic: Bool) -> CounterWriter {
        CounterWriter(redis: redis, key: keyBytes, atomic: atomic)
    }
}
