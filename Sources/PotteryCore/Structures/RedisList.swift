public import RedisClient

/// A Redis list that holds a Python `list` the way pottery's `RedisList` does: enc(item), index 0
/// on the left (SPEC §8.2). Indices and slices follow Python: negative indices count from the end,
/// ``PythonSlice`` selects as `list[start:stop:step]` does.
///
/// Every mutation that reads before it writes (set, insert, pop or delete at an index, delete a
/// slice, remove a value, sort) is atomic: one Lua script, or WATCH/MULTI with a retry.
///
/// ```swift
/// let tasks = RedisList<String>(key: "tasks", redis: connection)
/// try tasks.extend(["write", "test", "ship"])
/// try tasks.insert("review", at: -1)
/// let last = try tasks.pop()  // "ship"
/// ```
public class RedisList<Element>: RedisStructure {
    public let redis: RedisConnection
    public let keyBytes: [UInt8]
    /// How items are stored.
    public let codec: any RedisCodec<Element>

    /// The most items `sort` loads (it sorts on the client, as Python does): 1,000,000.
    public static var sortLimit: Int { 1_000_000 }

    /// A list at `key` with an explicit codec.
    public init(key: [UInt8], redis: RedisConnection, codec: some RedisCodec<Element>) {
        self.redis = redis
        self.keyBytes = key
        self.codec = codec
    }

    /// Appends items on the right in one RPUSH; the new length. All are encoded before anything
    /// is written.
    @discardableResult
    public func extend(_ items: [Element]) throws(PotteryError) -> Int {
        guard !items.isEmpty else { return try count() }
        return try redis.run(RPUSH(keyBytes, elements: try encode(items)))
    }

    /// Appends one item on the right; the new length.
    @discardableResult
    public func append(_ item: Element) throws(PotteryError) -> Int { try extend([item]) }

    /// The number of items (LLEN).
    public func count() throws(PotteryError) -> Int {
        try redis.run(LLEN(keyBytes))
    }

    /// The item at a Python index (`-1` is the last); nil when out of range.
    public func item(at index: Int) throws(PotteryError) -> Element? {
        let stored = try redis.run(LINDEX(keyBytes, index: index))
        return try stored.map { (bytes) throws(PotteryError) in try decode(bytes) }
    }

    /// A cursor over the items a slice selects, in slice order, read in LRANGE windows. The slice
    /// is resolved against the length when reading starts; like any read in windows, it describes
    /// a list that does not change meanwhile.
    public func items(in slice: PythonSlice, batchSize: Int = 4096) -> RedisCursor<Element> {
        .storedOrDecoded(
            ListRangeSource(connection: redis, key: keyBytes, slice: slice, window: batchSize), key: keyBytes,
            server: redis.server, codec: codec)
    }

    /// A cursor over every item, left to right, in LRANGE windows.
    public func items(batchSize: Int = 4096) -> RedisCursor<Element> { items(in: .all, batchSize: batchSize) }

    /// Replaces the item at a Python index; false when out of range (nothing written).
    @discardableResult
    public func set(_ item: Element, at index: Int) throws(PotteryError) -> Bool {
        try script(ListScripts.set, [Array(String(index).utf8), try encode(item)]) == .integer(1)
    }

    /// Inserts before a Python index, as `list.insert` does: an index past either end inserts at
    /// that end. Returns the new length.
    @discardableResult
    public func insert(_ item: Element, at index: Int) throws(PotteryError) -> Int {
        try insert(item, at: index, bound: nil)
    }

    /// ``insert(_:at:)`` that refuses, with ``PotteryError/Kind/invalidValue``, when the list already
    /// holds `bound` items (a deque at its maxlen).
    func insert(_ item: Element, at index: Int, bound: Int?) throws(PotteryError) -> Int {
        let reply = try script(
            ListScripts.insert,
            [Array(String(index).utf8), try encode(item), bound.map { Array(String($0).utf8) } ?? []])
        guard case .integer(let length) = reply, length >= -1 else {
            throw wrongShape(of: ListScripts.insert, expected: "an integer", got: reply)
        }
        guard length >= 0 else {
            throw PotteryError(
                .invalidValue, "deque already at its maximum size", key: keyBytes, server: redis.server)
        }
        return Int(length)
    }

    /// Removes and returns the item at a Python index, the last one by default (`list.pop`); nil
    /// when the list is empty or the index is out of range.
    public func pop(at index: Int? = nil) throws(PotteryError) -> Element? {
        let reply = try script(ListScripts.pop, [index.map { Array(String($0).utf8) } ?? []])
        switch reply {
        case .bulkString(let bytes?): return try decode(bytes)
        case .bulkString(nil): return nil
        default: throw wrongShape(of: ListScripts.pop, expected: "a bulk string", got: reply)
        }
    }

    /// `del list[index]`; false when out of range.
    @discardableResult
    public func removeItem(at index: Int) throws(PotteryError) -> Bool { try pop(at: index) != nil }

    /// `del list[slice]`; how many items were deleted. Atomic: the slice is resolved against the
    /// length, and the deletion applies only if the length is still that (else resolved again).
    @discardableResult
    public func removeItems(in slice: PythonSlice) throws(PotteryError) -> Int {
        for _ in 0..<1000 {
            let length = try count()
            let resolved = slice.resolved(count: length)
            guard let bounds = resolved.bounds else { return 0 }
            let reply = try script(
                ListScripts.deleteSlice,
                [length, bounds.lowerBound, resolved.count, Int(resolved.step.magnitude)].map {
                    Array(String($0).utf8)
                })
            guard case .integer(let deleted) = reply else {
                throw wrongShape(of: ListScripts.deleteSlice, expected: "an integer", got: reply)
            }
            if deleted >= 0 { return Int(deleted) }
        }
        throw PotteryError(
            RedisError(
                kind: .server, message: "the list kept changing length while a slice was deleted",
                server: redis.server),
            key: keyBytes)
    }

    /// A writer that streams stored items onto the right end (pipelined RPUSH); see ``BulkWriter``.
    public func bulkWriter(atomic: Bool) -> BulkWriter {
        BulkWriter(redis: redis, command: "RPUSH", key: keyBytes, atomic: atomic)
    }

}

extension RedisList {
    /// The whole list as an array. Loads everything: for small keys only.
    public func toArray() throws(PotteryError) -> [Element] {
        var cursor = items()
        return try cursor.collect()
    }
}
