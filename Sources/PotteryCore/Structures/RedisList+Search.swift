import RedisClient
import PotteryJSON

/// Python's `list.index`, `list.count` and `in`, and the in-place `list.reverse` and slice
/// assignment. Equality is Python's on the decoded values (1, 1.0 and true are equal).
extension RedisList {
    /// `list.index(item, start, stop)`: the index of the first item equal to `item` among
    /// `start..<stop` (Python indices, negative from the end, clamped as Python clamps them); nil
    /// when there is none. Read in LRANGE windows.
    public func firstIndex(of item: Element, start: Int? = nil, stop: Int? = nil) throws(PotteryError) -> Int?
    {
        let value = try parse(try encode(item))
        let range = PythonSlice(start: start, stop: stop)!.resolved(count: try count())
        guard range.count > 0 else { return nil }
        var found: Int?
        try scan(PythonSlice(start: range.first, stop: range.first + range.count)!) { offset, _, candidate in
            guard PythonComparison.equal(candidate, value) else { return true }
            found = range.first + offset
            return false
        }
        return found
    }

    /// `list.count(item)`: how many items are equal to `item`.
    public func count(of item: Element) throws(PotteryError) -> Int {
        let value = try parse(try encode(item))
        var matches = 0
        try scan(PythonSlice.all) { _, _, candidate in
            if PythonComparison.equal(candidate, value) { matches += 1 }
            return true
        }
        return matches
    }

    /// `item in list`.
    public func contains(_ item: Element) throws(PotteryError) -> Bool { try firstIndex(of: item) != nil }

    /// `list.reverse()`, in place and atomically (one script, which holds the list in the server's
    /// memory while it rewrites it); the time to live is kept.
    public func reverse() throws(PotteryError) {
        _ = try script(ListScripts.reverse, [])
    }

    /// `list[slice] = items`, with Python's rules: a slice of step 1 is replaced by any number of
    /// items (the list grows or shrinks); an extended slice (any other step) takes exactly as many
    /// items as it selects, else ``PotteryError/Kind/invalidValue`` and nothing changes. Atomic: the
    /// slice is resolved against the length and applied by a script only if the length is still
    /// that (else resolved again). The time to live is kept.
    public func replace(_ slice: PythonSlice, with items: [Element]) throws(PotteryError) {
        let stored = try encode(items)
        for _ in 0..<1000 {
            let length = try count()
            let resolved = slice.resolved(count: length)
            let reply: RESPValue
            if slice.step ?? 1 == 1 {
                let first = min(max(resolved.first, 0), length)
                reply = try script(
                    ListScripts.replaceRange, [length, first, resolved.count].map(Self.number) + stored)
            } else {
                guard stored.count == resolved.count else {
                    throw PotteryError(
                        .invalidValue,
                        "attempt to assign a sequence of size \(stored.count) to an extended slice of size "
                            + "\(resolved.count)", key: keyBytes, server: redis.server)
                }
                guard resolved.count > 0 else { return }
                reply = try script(
                    ListScripts.assignExtended,
                    [length, resolved.first, resolved.step].map(Self.number) + stored)
            }
            guard case .integer(let done) = reply else {
                throw wrongShape(of: ListScripts.replaceRange, expected: "an integer", got: reply)
            }
            if done >= 0 { return }
        }
        throw PotteryError(
            .invalidValue, "the list kept changing length", key: keyBytes, server: redis.server)
    }

    private static func number(_ value: Int) -> [UInt8] { Array(String(value).utf8) }

    /// Calls `body` with each item of `slice` (its offset in the slice, its stored form, its
    /// decoded value), read in LRANGE windows over `connection` (the structure's by default), until
    /// it returns false. An item that is not JSON equals nothing and is skipped.
    func scan(
        _ slice: PythonSlice, on connection: RedisConnection? = nil, _ body: (Int, [UInt8], JSONValue) -> Bool
    ) throws(PotteryError) {
        var source = ListRangeSource(
            connection: connection ?? redis, key: keyBytes, slice: slice, window: 4096)
        var offset = 0
        while let batch = try source.nextRawBatch() {
            for stored in batch {
                if let candidate = try? JSON.parse(stored), !body(offset, stored, candidate) { return }
                offset += 1
            }
        }
    }
}
