public import RedisClient

/// A Bloom filter in a Redis string (a bitmap), bit for bit the one pottery's `BloomFilter` keeps
/// (SPEC §8.3): each element sets k bits, `mmh3.hash(enc(element), seed) mod m` for seed 0..<k.
///
/// pottery stores neither n nor p, only the bitmap; this type also remembers them in a companion
/// key (``parametersKey``, `{KEY}:pottery-bloom`, a string holding
/// `{"capacity": n, "error_rate": p}`) so later callers need not repeat them.
///
/// ```swift
/// let dilberts = try BloomFilter<String>(key: "dilberts", redis: connection, capacity: 100, errorRate: 0.01)
/// try dilberts.add("rajiv")
/// try dilberts.contains("rajiv")  // true
/// ```
public final class BloomFilter<Element>: RedisStructure {
    public let redis: RedisConnection
    public let keyBytes: [UInt8]
    /// How elements are encoded before they are hashed (as Python pottery encodes them).
    public let codec: any RedisCodec<Element>
    /// m, k and the n and p they came from.
    public let parameters: BloomFilterParameters

    /// The suffix of the companion key that remembers the parameters.
    public static var parametersSuffix: [UInt8] { Array(":pottery-bloom".utf8) }

    /// A filter at `key` with the given parameters and an explicit codec. Nothing is written.
    public init(
        key: [UInt8], redis: RedisConnection, codec: some RedisCodec<Element>,
        parameters: BloomFilterParameters
    ) {
        self.redis = redis
        self.keyBytes = key
        self.codec = codec
        self.parameters = parameters
    }

    /// The companion key of a filter at `key`: same cluster slot (see ``SameSlotKey``).
    public static func parametersKey(for key: [UInt8]) -> [UInt8] {
        SameSlotKey.helper(for: key, suffix: parametersSuffix)
    }

    /// This filter's companion key.
    public var parametersKey: [UInt8] { Self.parametersKey(for: keyBytes) }

    /// The parameters remembered for `key`, or nil (a filter Python made, or none at all).
    /// Throws when the companion key holds something else.
    public static func rememberedParameters(key: [UInt8], redis: RedisConnection) throws(PotteryError)
        -> BloomFilterParameters?
    {
        let companion = parametersKey(for: key)
        guard let stored = try redis.run(GET(companion)) else {
            return nil
        }
        guard let parameters = BloomFilterParameters(storedForm: stored) else {
            throw BloomFilterParameters.unreadable(in: companion, redis: redis)
        }
        return parameters
    }

    /// Remembers this filter's parameters unless some are remembered already; throws
    /// ``PotteryError/Kind/invalidValue`` when the remembered ones differ. To add elements and
    /// remember in one step that a failure leaves undone, use ``bulkAdder(atomic:remembering:offsetsPerCommand:)``.
    public func remember() throws(PotteryError) {
        try parameters.remember(in: parametersKey, filter: keyBytes, redis: redis)
    }

    /// Throws ``PotteryError/Kind/invalidValue`` unless `given` equals `remembered`.
    public static func check(
        _ given: BloomFilterParameters, against remembered: BloomFilterParameters, key: [UInt8]
    ) throws(PotteryError) {
        try given.check(against: remembered, key: key)
    }

    /// Adds elements (their bits, pipelined). All are encoded before anything is written.
    public func add(contentsOf elements: [Element]) throws(PotteryError) {
        let stored = try encode(elements)
        let adder = bulkAdder(atomic: false)
        do throws(PotteryError) {
            for value in stored { try adder.add(stored: value) }
            try adder.finish()
        } catch {
            adder.abort()
            throw error
        }
    }

    /// Adds one element.
    public func add(_ element: Element) throws(PotteryError) { try add(contentsOf: [element]) }

    /// Whether the element may have been added (never false for one that was).
    public func contains(_ element: Element) throws(PotteryError) -> Bool {
        try contains(many: [element])[0]
    }

    /// Membership of each element, in order.
    public func contains(many elements: [Element]) throws(PotteryError) -> [Bool] {
        let stored = try encode(elements)
        var answers: [Bool] = []
        answers.reserveCapacity(stored.count)
        let checker = bulkChecker { (holds) throws(PotteryError) in answers.append(holds) }
        do throws(PotteryError) {
            for value in stored { try checker.check(stored: value) }
            try checker.finish()
        } catch {
            checker.abort()
            throw error
        }
        return answers
    }

    /// The number of bits set (BITCOUNT).
    public func setBitCount() throws(PotteryError) -> Int {
        try redis.run(BITCOUNT(keyBytes))
    }

    /// pottery's approximate number of elements, `len(bf)`; nil when every bit is set (the
    /// estimate is infinite; Python raises `ValueError` there).
    public func approximateCount() throws(PotteryError) -> Int? {
        parameters.approximateCount(setBits: try setBitCount())
    }

    /// Deletes the bitmap and the remembered parameters.
    public func clear() throws(PotteryError) { try Self.delete(key: keyBytes, redis: redis) }

    /// Deletes the filter at `key` and its remembered parameters, without knowing them.
    public static func delete(key: [UInt8], redis: RedisConnection) throws(PotteryError) {
        _ = try redis.run(DEL([key, parametersKey(for: key)], concerning: key))
    }
}
