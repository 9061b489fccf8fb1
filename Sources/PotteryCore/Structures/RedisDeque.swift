public import RedisClient

/// A Redis list that holds a `collections.deque` the way pottery's `RedisDeque` does: the same
/// storage as ``RedisList`` (SPEC §8.2). `maxlen` is not stored, as in pottery: each handle
/// trims with its own, on the side `collections.deque` trims (appending on the right drops items
/// on the left, and the reverse).
///
/// ```swift
/// let recent = RedisDeque<String>(key: "recent", redis: connection, maxlen: 100)
/// try recent.append("login")      // keeps the newest 100
/// try recent.rotate(-1)
/// ```
public final class RedisDeque<Element>: RedisList<Element> {
    /// The most items kept after an append or extend; nil for no bound.
    public let maxlen: Int?

    /// A deque at `key` with an explicit codec; a negative `maxlen` is taken as 0.
    public init(key: [UInt8], redis: RedisConnection, codec: some RedisCodec<Element>, maxlen: Int?) {
        self.maxlen = maxlen.map { max($0, 0) }
        super.init(key: key, redis: redis, codec: codec)
    }

    /// A deque without a bound.
    public override convenience init(key: [UInt8], redis: RedisConnection, codec: some RedisCodec<Element>) {
        self.init(key: key, redis: redis, codec: codec, maxlen: nil)
    }

    /// Appends on the right, trimming the left to `maxlen`; the new length.
    @discardableResult
    public override func extend(_ items: [Element]) throws(PotteryError) -> Int {
        try push(try encode(items), left: false)
    }

    /// Prepends each item in turn on the left (so they end up reversed, as `extendleft` does),
    /// trimming the right to `maxlen`; the new length.
    @discardableResult
    public func extendLeft(_ items: [Element]) throws(PotteryError) -> Int {
        try push(try encode(items), left: true)
    }

    /// Prepends one item, trimming the right to `maxlen`; the new length.
    @discardableResult
    public func appendLeft(_ item: Element) throws(PotteryError) -> Int { try extendLeft([item]) }

    /// Inserts before a Python index as `collections.deque.insert` does; a deque already holding
    /// `maxlen` items refuses (``PotteryError/Kind/invalidValue``, Python's `IndexError`). Atomic.
    @discardableResult
    public override func insert(_ item: Element, at index: Int) throws(PotteryError) -> Int {
        try insert(item, at: index, bound: maxlen)
    }

    /// Removes and returns the leftmost item; nil when empty.
    public func popLeft() throws(PotteryError) -> Element? {
        try redis.run(LPOP(keyBytes)).map {
            (bytes) throws(PotteryError) in try decode(bytes)
        }
    }

    /// Removes and returns the rightmost item; nil when empty.
    public func pop() throws(PotteryError) -> Element? {
        try redis.run(RPOP(keyBytes)).map {
            (bytes) throws(PotteryError) in try decode(bytes)
        }
    }

    /// Rotates `steps` to the right (to the left when negative), atomically, as
    /// `collections.deque.rotate`: steps count modulo the length, and at most half the items move.
    public func rotate(_ steps: Int = 1) throws(PotteryError) {
        _ = try script(ListScripts.rotate, [Array(String(steps).utf8)])
    }

    /// A writer that streams stored items onto one end in pipelined batches, each push trimmed to
    /// `maxlen` in the same script; see ``BulkWriter`` for `atomic`.
    public func pushWriter(left: Bool, atomic: Bool) throws(PotteryError) -> DequeWriter {
        try DequeWriter(redis: redis, key: keyBytes, left: left, maxlen: maxlen, atomic: atomic)
    }

    /// Pushes stored items on one end, trimmed; in batches inside MULTI/EXEC when there are many.
    private func push(_ stored: [[UInt8]], left: Bool) throws(PotteryError) -> Int {
        let side = Array((left ? "LPUSH" : "RPUSH").utf8)
        guard !stored.isEmpty else { return try count() }
        guard let maxlen else {
            return try left
                ? redis.run(LPUSH(keyBytes, elements: stored)) : redis.run(RPUSH(keyBytes, elements: stored))
        }
        if stored.count <= DequeWriter.itemsPerCommand {
            let reply = try script(ListScripts.pushTrimmed, [side, Array(String(maxlen).utf8)] + stored)
            guard case .integer(let length) = reply else {
                throw wrongShape(of: ListScripts.pushTrimmed, expected: "an integer", got: reply)
            }
            return Int(length)
        }
        let writer = try pushWriter(left: left, atomic: true)
        do throws(PotteryError) {
            for item in stored { try writer.add(item) }
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
        return try count()
    }
}
