import RedisClient

/// `collections.Counter` arithmetic: `c + d`, `c - d`, `c | d` (the larger count), `c & d` (the
/// smaller), `+c` and `-c`. As in Python the result keeps only positive counts.
public enum CounterOperation: Sendable {
    /// `c + d`
    case plus
    /// `c - d`
    case minus
    /// `c | d`: the larger of the two counts.
    case union
    /// `c & d`: the smaller of the two counts.
    case intersection
    /// `+c`: the positive counts.
    case positive
    /// `-c`: the negative counts, negated.
    case negative

    /// Whether it takes another counter.
    public var isBinary: Bool { self != .positive && self != .negative }

    /// The count of one element from its count here (`a`) and in the other counter (`b`), each 0
    /// where absent, as `collections.Counter` computes it before dropping what is not positive.
    func apply(_ a: Int128, _ b: Int128) -> Int128 {
        switch self {
        case .plus: a + b
        case .minus: a - b
        case .union: max(a, b)
        case .intersection: min(a, b)
        case .positive: a
        case .negative: -a
        }
    }
}

extension RedisCounter {
    /// `self op other` (`other` nil for `+c` and `-c`), computed here from both counters read whole
    /// (HSCAN): elements in Python's order, this counter's first (as HSCAN gives them), then the
    /// other's new ones; only positive counts. Sums are exact (128 bits).
    public func combined(_ operation: CounterOperation, with other: [UInt8]? = nil) throws(PotteryError)
        -> [(Element, Int128)]
    {
        var result: [(Element, Int128)] = []
        for (stored, count) in try storedCombined(operation, with: other) {
            result.append((try decode(stored), count))
        }
        return result
    }

    /// Stores `self op other` into `destination`, replacing it (deleted when the result is empty),
    /// in one transaction; how many elements it has. A count beyond 64 bits is refused, nothing written.
    @discardableResult
    public func store(_ operation: CounterOperation, with other: [UInt8]? = nil, into destination: [UInt8])
        throws(PotteryError) -> Int
    {
        let items = try storedCombined(operation, with: other)
        var pairs: [[UInt8]] = []
        pairs.reserveCapacity(items.count * 2)
        for (stored, count) in items {
            guard let fitting = Int(exactly: count) else {
                throw PotteryError(
                    .invalidValue, "a count of \(count) does not fit in Redis' 64-bit integers",
                    key: destination, server: redis.server)
            }
            pairs.append(stored)
            pairs.append(Array(String(fitting).utf8))
        }
        var batch = RedisBatch(redis)
        _ = batch.add(MULTI())
        let deleted = batch.add(DEL([destination]))
        let writes = stride(from: 0, to: pairs.count, by: 2048).map {
            batch.add(HSET(destination, pairs: Array(pairs[$0..<min($0 + 2048, pairs.count)])))
        }
        let exec = batch.add(EXEC(expecting: 1 + writes.count))
        let replies = try redis.send(batch, key: destination)
        try replies.checkQueued(deleted)
        for write in writes { try replies.checkQueued(write) }
        _ = try replies.value(exec)
        return items.count
    }

    private func storedCombined(_ operation: CounterOperation, with other: [UInt8]?) throws(PotteryError)
        -> [([UInt8], Int128)]
    {
        guard operation.isBinary == (other != nil) else {
            throw PotteryError(
                .invalidValue,
                operation.isBinary ? "this operation takes another counter" : "it takes no other",
                key: keyBytes, server: redis.server)
        }
        let mine = try storedCounts(self)
        let theirs = try other.map { (key) throws(PotteryError) in
            try storedCounts(RedisCounter(key: key, redis: redis, codec: codec))
        }
        // Python's order: this counter's elements, then the other's new ones.
        let elements = mine.order + (theirs?.order.filter { mine.counts[$0] == nil } ?? [])
        var result: [([UInt8], Int128)] = []
        for element in elements {
            let count = operation.apply(mine.counts[element] ?? 0, theirs?.counts[element] ?? 0)
            if count > 0 { result.append((element, count)) }
        }
        return result
    }

    private func storedCounts(_ counter: RedisCounter) throws(PotteryError)
        -> (order: [[UInt8]], counts: [[UInt8]: Int128])
    {
        var order: [[UInt8]] = []
        var counts: [[UInt8]: Int128] = [:]
        var cursor = counter.storedItems()
        try cursor.forEach { (item) throws(PotteryError) in
            if counts.updateValue(Int128(item.1), forKey: item.0) == nil { order.append(item.0) }
        }
        return (order, counts)
    }
}
