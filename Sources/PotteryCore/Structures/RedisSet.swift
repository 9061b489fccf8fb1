public import RedisClient

/// A Redis set that holds a Python `set` the way pottery's `RedisSet` does: members = enc(element)
/// (SPEC §8.2). Elements are stored through a codec, as in ``RedisDict``.
///
/// ```swift
/// let primes = RedisSet<Int>(key: "primes", redis: connection)
/// try primes.add(contentsOf: [2, 3, 5])
/// ```
public final class RedisSet<Element>: RedisStructure {
    public let redis: RedisConnection
    public let keyBytes: [UInt8]
    /// How elements are stored.
    public let codec: any RedisCodec<Element>

    /// A set at `key` with an explicit codec.
    public init(key: [UInt8], redis: RedisConnection, codec: some RedisCodec<Element>) {
        self.redis = redis
        self.keyBytes = key
        self.codec = codec
    }

    /// Adds elements in one SADD; how many were new. All are encoded before anything is written.
    /// (`add(_:)` adds one element: for a `RedisSet<JSONValue>`, `add([1, 2])` adds the one member
    /// `[1, 2]`, as Python's `s.add([1, 2])` would if lists were hashable, and `add(contentsOf: [1, 2])` two.)
    @discardableResult
    public func add(contentsOf elements: [Element]) throws(PotteryError) -> Int {
        guard !elements.isEmpty else { return 0 }
        return try redis.run(SADD(keyBytes, members: try encode(elements)))
    }

    /// Adds one element; false if it was there already.
    @discardableResult
    public func add(_ element: Element) throws(PotteryError) -> Bool { try add(contentsOf: [element]) == 1 }

    /// Removes elements (SREM); how many of them were there. Repeat one and it counts once.
    @discardableResult
    public func remove(contentsOf elements: [Element]) throws(PotteryError) -> Int {
        guard !elements.isEmpty else { return 0 }
        return try redis.run(SREM(keyBytes, members: try encode(elements)))
    }

    /// Removes one element; false if it was absent (Python's `remove` raises there, `discard` does not).
    @discardableResult
    public func remove(_ element: Element) throws(PotteryError) -> Bool {
        try remove(contentsOf: [element]) == 1
    }

    /// Membership (SISMEMBER).
    public func contains(_ element: Element) throws(PotteryError) -> Bool {
        try redis.run(SISMEMBER(keyBytes, member: try encode(element)))
    }

    /// Membership of each, in order, in one SMISMEMBER; exactly one answer per element.
    public func contains(many elements: [Element]) throws(PotteryError) -> [Bool] {
        guard !elements.isEmpty else { return [] }
        return try redis.run(SMISMEMBER(keyBytes, members: try encode(elements)))
    }

    /// The number of elements (SCARD).
    public func count() throws(PotteryError) -> Int {
        try redis.run(SCARD(keyBytes))
    }

    /// Removes and returns one element (SPOP); nil when empty.
    public func pop() throws(PotteryError) -> Element? {
        guard let stored = try redis.run(SPOP(keyBytes)) else {
            return nil
        }
        return try decode(stored)
    }

    /// A cursor over the elements (SSCAN).
    public func members(batchSize: Int = 1000) -> RedisCursor<Element> {
        .storedOrDecoded(
            ScanSource(
                scan: redis.sscan(keyBytes, count: batchSize), key: keyBytes,
                sizeCommand: SCARD(keyBytes)), key: keyBytes,
            server: redis.server, codec: codec)
    }

    /// A writer that streams stored members into the set; see ``BulkWriter``.
    public func bulkWriter(atomic: Bool) -> BulkWriter {
        BulkWriter(redis: redis, command: "SADD", key: keyBytes, atomic: atomic)
    }

    /// A writer that streams stored members out of the set (pipelined SREM); its `replied` counts
    /// the members it removed.
    public func removalWriter() -> BulkWriter {
        BulkWriter(redis: redis, command: "SREM", key: keyBytes, atomic: false)
    }

}

extension RedisSet where Element: Hashable {
    /// The whole set as a Swift set. Loads everything: for small keys only.
    public func toSet() throws(PotteryError) -> Set<Element> {
        var result = Set<Element>()
        var cursor = members()
        try cursor.forEach { (element) throws(PotteryError) in result.insert(element) }
        return result
    }
}
