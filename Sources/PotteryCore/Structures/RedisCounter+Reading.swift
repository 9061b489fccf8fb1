import RedisClient

/// Reading a whole counter: items, elements, the total and the most common, streamed with HSCAN.
extension RedisCounter {
    /// A cursor over `(element, count)` pairs, in the order HSCAN gives (for a small hash, the order
    /// elements were first counted).
    public func items(batchSize: Int = 1000) -> RedisCursor<(Element, Int)> {
        let key = keyBytes
        let server = redis.server
        let codec = codec
        return RedisCursor(source: scanSource(batchSize)) { (raw) throws(PotteryError) in
            var batch: [(Element, Int)] = []
            batch.reserveCapacity(raw.count / 2)
            var index = 0
            while index + 1 < raw.count {
                let element: Element
                do throws(PotteryError) { element = try codec.decode(raw[index]) } catch {
                    throw error.with(key: key, server: server)
                }
                batch.append((element, try CounterCount.parse(raw[index + 1], key: key, server: server)))
                index += 2
            }
            return batch
        }
    }

    /// Calls `body` with every element as many times as its count, skipping counts below one, as
    /// `Counter.elements()` does; streaming.
    public func forEachElement(_ body: (Element) throws(PotteryError) -> Void) throws(PotteryError) {
        var cursor = items()
        try cursor.forEach { (item) throws(PotteryError) in
            var left = item.1
            while left > 0 {
                try body(item.0)
                left -= 1
            }
        }
    }

    /// The sum of every count, as `Counter.total()`; exact, since 128 bits hold any sum of 64-bit counts.
    public func total() throws(PotteryError) -> Int128 {
        var sum: Int128 = 0
        var cursor = items()
        try cursor.forEach { (item) throws(PotteryError) in sum += Int128(item.1) }
        return sum
    }

    /// The `n` most common elements and their counts (all when `n` is nil), highest count first, as
    /// `Counter.most_common(n)`. Ties keep the order the elements were first counted when Redis keeps
    /// it (a hash small enough for the listpack encoding, whose HSCAN order is insertion order, as
    /// Python pottery's own `most_common` sees it); for a larger hash Redis has no such order and ties
    /// are ordered by the elements' stored JSON text. With `n`, memory stays bounded by `n`.
    public func mostCommon(_ n: Int? = nil) throws(PotteryError) -> [(Element, Int)] {
        if let n, n <= 0 { return [] }
        let ordered = try insertionOrdered()
        var ranked: [RankedCount] = []
        var sequence = 0
        func trim() {
            guard let n else { return }
            ranked.sort(by: RankedCount.before(ordered))
            ranked.removeLast(max(ranked.count - n, 0))
        }
        var cursor = storedItems()
        try cursor.forEach { (item) throws(PotteryError) in
            ranked.append(RankedCount(stored: item.0, count: item.1, sequence: sequence))
            sequence += 1
            if let n, ranked.count >= max(2 * n, 1024) { trim() }
        }
        ranked.sort(by: RankedCount.before(ordered))
        if let n { ranked.removeLast(max(ranked.count - n, 0)) }
        var result: [(Element, Int)] = []
        result.reserveCapacity(ranked.count)
        for entry in ranked { result.append((try decode(entry.stored), entry.count)) }
        return result
    }

    /// Whether HSCAN returns the fields in insertion order: true for a listpack (or ziplist) hash.
    func insertionOrdered() throws(PotteryError) -> Bool {
        guard let name = try redis.run(OBJECT_ENCODING(keyBytes)) else { return true }
        return name == Array("listpack".utf8) || name == Array("ziplist".utf8)
    }

    /// Stored elements with their counts, undecoded.
    func storedItems(batchSize: Int = 1000) -> RedisCursor<([UInt8], Int)> {
        let key = keyBytes
        let server = redis.server
        return RedisCursor(source: scanSource(batchSize)) { (raw) throws(PotteryError) in
            var batch: [([UInt8], Int)] = []
            batch.reserveCapacity(raw.count / 2)
            var index = 0
            while index + 1 < raw.count {
                batch.append((raw[index], try CounterCount.parse(raw[index + 1], key: key, server: server)))
                index += 2
            }
            return batch
        }
    }

    private func scanSource(_ batchSize: Int) -> ScanSource {
        ScanSource(
            scan: redis.hscan(keyBytes, count: batchSize), key: keyBytes,
            sizeCommand: HLEN(keyBytes))
    }
}

/// One entry while ranking counts: highest first, then by first appearance or stored text.
struct RankedCount {
    var stored: [UInt8]
    var count: Int
    var sequence: Int

    static func before(_ insertionOrdered: Bool) -> (RankedCount, RankedCount) -> Bool {
        { a, b in
            if a.count != b.count { return a.count > b.count }
            if insertionOrdered { return a.sequence < b.sequence }
            if a.stored != b.stored { return a.stored.lexicographicallyPrecedes(b.stored) }
            return a.sequence < b.sequence
        }
    }
}
