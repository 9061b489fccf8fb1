public import PotteryJSON
public import RedisClient

extension BloomFilter where Element: Codable & Sendable {
    /// A filter of `Codable` elements over a pool, sized for `capacity` elements at `errorRate`
    /// false positives, for Swift concurrency (see ``Pooled``). Nothing is written.
    public static func pooled(key: String, pool: RedisConnectionPool, capacity: Int, errorRate: Double)
        throws(PotteryError) -> Pooled<BloomFilter>
    {
        let parameters = try BloomFilterParameters(capacity: capacity, errorRate: errorRate)
        return Pooled(pool: pool, key: Array(key.utf8)) {
            BloomFilter(
                key: Array(key.utf8), redis: $0, codec: CodableCodec<Element>(), parameters: parameters)
        }
    }
}

extension BloomFilter where Element == JSONValue {
    /// A filter of JSON values over a pool, for Swift concurrency (see ``Pooled``).
    public static func pooled(key: String, pool: RedisConnectionPool, capacity: Int, errorRate: Double)
        throws(PotteryError) -> Pooled<BloomFilter>
    {
        let parameters = try BloomFilterParameters(capacity: capacity, errorRate: errorRate)
        return Pooled(pool: pool, key: Array(key.utf8)) {
            BloomFilter(key: Array(key.utf8), redis: $0, codec: JSONValueCodec(), parameters: parameters)
        }
    }
}

extension BloomFilter {
    /// The parameters remembered for `key`, or nil, read over a pool.
    public static func rememberedParameters(key: [UInt8], pool: RedisConnectionPool)
        async throws(PotteryError) -> BloomFilterParameters?
    {
        do {
            return try await pool.withConnection { connection in
                try rememberedParameters(key: key, redis: connection)
            }
        } catch {
            throw pooledError(error, key: key, server: pool.url.redacted)
        }
    }

    /// Deletes the filter at `key` and its remembered parameters, over a pool.
    public static func delete(key: [UInt8], pool: RedisConnectionPool) async throws(PotteryError) {
        do {
            try await pool.withConnection { connection in try delete(key: key, redis: connection) }
        } catch {
            throw pooledError(error, key: key, server: pool.url.redacted)
        }
    }
}

/// The async forms of ``BloomFilter``'s operations: the same commands, run on a pooled
/// connection (``Pooled/clear()`` deletes the remembered parameters too). Skipped: `bulkAdder`
/// and `bulkChecker` (they stream stored values, e.g. from stdin, through one connection for the
/// whole run).
extension Pooled {
    /// Remembers this filter's parameters unless some are remembered already; throws
    /// ``PotteryError/Kind/invalidValue`` when the remembered ones differ.
    public func remember<Element: Sendable>() async throws(PotteryError)
    where Structure == BloomFilter<Element> {
        try await perform { (filter) throws(PotteryError) in try filter.remember() }
    }

    /// Adds elements (their bits, pipelined).
    public func add<Element: Sendable>(contentsOf elements: [Element]) async throws(PotteryError)
    where Structure == BloomFilter<Element> {
        try await perform { (filter) throws(PotteryError) in try filter.add(contentsOf: elements) }
    }

    /// Adds one element.
    public func add<Element: Sendable>(_ element: Element) async throws(PotteryError)
    where Structure == BloomFilter<Element> {
        try await perform { (filter) throws(PotteryError) in try filter.add(element) }
    }

    /// Whether the element may have been added (never false for one that was).
    public func contains<Element: Sendable>(_ element: Element) async throws(PotteryError) -> Bool
    where Structure == BloomFilter<Element> {
        try await perform { (filter) throws(PotteryError) in try filter.contains(element) }
    }

    /// Membership of each element, in order.
    public func contains<Element: Sendable>(many elements: [Element]) async throws(PotteryError) -> [Bool]
    where Structure == BloomFilter<Element> {
        try await perform { (filter) throws(PotteryError) in try filter.contains(many: elements) }
    }

    /// The number of bits set (BITCOUNT).
    public func setBitCount<Element: Sendable>() async throws(PotteryError) -> Int
    where Structure == BloomFilter<Element> {
        try await perform { (filter) throws(PotteryError) in try filter.setBitCount() }
    }

    /// pottery's approximate number of elements, `len(bf)`; nil when every bit is set.
    public func approximateCount<Element: Sendable>() async throws(PotteryError) -> Int?
    where Structure == BloomFilter<Element> {
        try await perform { (filter) throws(PotteryError) in try filter.approximateCount() }
    }
}
