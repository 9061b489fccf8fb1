public import PotteryJSON
public import RedisClient

extension RedisList where Element: Codable & Sendable {
    /// A list of `Codable` items over a pool, for Swift concurrency (see ``Pooled``).
    public static func pooled(key: String, pool: RedisConnectionPool) -> Pooled<RedisList> {
        Pooled(pool: pool, key: Array(key.utf8)) { RedisList(key: key, redis: $0) }
    }
}

extension RedisList where Element == JSONValue {
    /// A list of JSON values over a pool, for Swift concurrency (see ``Pooled``).
    public static func pooled(key: String, pool: RedisConnectionPool) -> Pooled<RedisList> {
        Pooled(pool: pool, key: Array(key.utf8)) { RedisList(key: key, redis: $0) }
    }
}

/// The async forms of ``RedisList``'s operations: the same commands, run on a pooled connection.
/// They are a ``RedisDeque``'s too (`Structure: RedisList`), with the deque's own `extend` and
/// `insert` (its `maxlen`). Skipped: `bulkWriter` (it streams stored items, e.g. from stdin,
/// through one connection for the whole run).
extension Pooled {
    /// Appends items on the right in one RPUSH; the new length.
    @discardableResult
    public func extend<Element: Sendable>(_ items: [Element]) async throws(PotteryError) -> Int
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.extend(items) }
    }

    /// Appends one item on the right; the new length.
    @discardableResult
    public func append<Element: Sendable>(_ item: Element) async throws(PotteryError) -> Int
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.append(item) }
    }

    /// The number of items (LLEN).
    public func count<Element: Sendable>() async throws(PotteryError) -> Int
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.count() }
    }

    /// The item at a Python index (`-1` is the last); nil when out of range.
    public func item<Element: Sendable>(at index: Int) async throws(PotteryError) -> Element?
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.item(at: index) }
    }

    /// `try await list[index]`: the item at a Python index, or nil.
    public subscript<Element: Sendable>(index: Int) -> Element?
    where Structure: RedisList<Element> {
        get async throws(PotteryError) { try await item(at: index) }
    }

    /// `for try await item in list.items(in: slice)`: the items a slice selects, streamed in
    /// LRANGE windows.
    public func items<Element: Sendable>(in slice: PythonSlice, batchSize: Int = 4096)
        -> PooledCursor<Element>
    where Structure: RedisList<Element> {
        let make = structureMaker
        return PooledCursor(pool: pool, key: keyBytes) { make($0).items(in: slice, batchSize: batchSize) }
    }

    /// Every item, left to right, streamed in LRANGE windows.
    public func items<Element: Sendable>(batchSize: Int = 4096) -> PooledCursor<Element>
    where Structure: RedisList<Element> {
        items(in: .all, batchSize: batchSize)
    }

    /// Replaces the item at a Python index; false when out of range (nothing written).
    @discardableResult
    public func set<Element: Sendable>(_ item: Element, at index: Int) async throws(PotteryError) -> Bool
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.set(item, at: index) }
    }

    /// Inserts before a Python index, as `list.insert` does; the new length.
    @discardableResult
    public func insert<Element: Sendable>(_ item: Element, at index: Int) async throws(PotteryError) -> Int
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.insert(item, at: index) }
    }

    /// Removes and returns the item at a Python index, the last one by default (`list.pop`); nil
    /// when the list is empty or the index is out of range.
    public func pop<Element: Sendable>(at index: Int? = nil) async throws(PotteryError) -> Element?
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.pop(at: index) }
    }

    /// `del list[index]`; false when out of range.
    @discardableResult
    public func removeItem<Element: Sendable>(at index: Int) async throws(PotteryError) -> Bool
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.removeItem(at: index) }
    }

    /// `del list[slice]`; how many items were deleted. Atomic.
    @discardableResult
    public func removeItems<Element: Sendable>(in slice: PythonSlice) async throws(PotteryError) -> Int
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.removeItems(in: slice) }
    }

    /// Removes the first item equal to `item` as Python compares decoded values; false when none is.
    @discardableResult
    public func remove<Element: Sendable>(_ item: Element) async throws(PotteryError) -> Bool
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.remove(item) }
    }

    /// Sorts the list in place as Python sorts the decoded items (`list.sort(reverse=)`), atomically.
    public func sort<Element: Sendable>(reverse: Bool = false) async throws(PotteryError)
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.sort(reverse: reverse) }
    }

    /// `list.index(item, start, stop)`: the index of the first item equal to `item`; nil when none is.
    public func firstIndex<Element: Sendable>(of item: Element, start: Int? = nil, stop: Int? = nil)
        async throws(PotteryError) -> Int?
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in
            try list.firstIndex(of: item, start: start, stop: stop)
        }
    }

    /// `list.count(item)`: how many items are equal to `item`.
    public func count<Element: Sendable>(of item: Element) async throws(PotteryError) -> Int
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.count(of: item) }
    }

    /// `item in list`.
    public func contains<Element: Sendable>(_ item: Element) async throws(PotteryError) -> Bool
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.contains(item) }
    }

    /// `list.reverse()`, in place and atomically; the time to live is kept.
    public func reverse<Element: Sendable>() async throws(PotteryError)
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.reverse() }
    }

    /// `list[slice] = items`, with Python's rules, atomically.
    public func replace<Element: Sendable>(_ slice: PythonSlice, with items: [Element])
        async throws(PotteryError)
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.replace(slice, with: items) }
    }

    /// The whole list as an array. Loads everything: for small keys only.
    public func toArray<Element: Sendable>() async throws(PotteryError) -> [Element]
    where Structure: RedisList<Element> {
        try await perform { (list) throws(PotteryError) in try list.toArray() }
    }
}
