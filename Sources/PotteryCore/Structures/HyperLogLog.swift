public import RedisClient

/// A HyperLogLog in Redis, register for register the one pottery's `HyperLogLog` keeps: PFADD of
/// enc(element) (SPEC §8.2). Counts distinct elements approximately (PFCOUNT), merges (PFMERGE),
/// and answers pottery's membership test (SPEC §8.3).
///
/// ```swift
/// let searches = HyperLogLog<String>(key: "searches", redis: connection)
/// try searches.add(["sonic the hedgehog", "pac-man"])
/// try searches.count()  // 2
/// ```
public final class HyperLogLog<Element>: RedisStructure {
    public let redis: RedisConnection
    public let keyBytes: [UInt8]
    /// How elements are encoded before they are hashed (as Python pottery encodes them).
    public let codec: any RedisCodec<Element>

    /// A HyperLogLog at `key` with an explicit codec.
    public init(key: [UInt8], redis: RedisConnection, codec: some RedisCodec<Element>) {
        self.redis = redis
        self.keyBytes = key
        self.codec = codec
    }

    /// Adds elements (PFADD, in batches); whether any register changed. All are encoded first.
    @discardableResult
    public func add(contentsOf elements: [Element]) throws(PotteryError) -> Bool {
        var changed = false
        var index = 0
        let stored = try encode(elements)
        repeat {
            let batch = stored[index..<min(index + 1024, stored.count)]
            changed = try redis.run(PFADD(keyBytes, elements: Array(batch))) || changed
            index += 1024
        } while index < stored.count
        return changed
    }

    /// Adds one element; whether a register changed.
    @discardableResult
    public func add(_ element: Element) throws(PotteryError) -> Bool { try add(contentsOf: [element]) }

    /// The approximate number of distinct elements (PFCOUNT).
    public func count() throws(PotteryError) -> Int {
        try redis.run(PFCOUNT(keyBytes))
    }

    /// Merges the other HyperLogLogs into this one (PFMERGE KEY OTHER...): the union.
    ///
    /// On a Redis Cluster, a source in another hash slot is first copied (GET, then SET of a
    /// scratch key in this key's slot, expiring in a minute) and the copy merged, then deleted:
    /// each source is read at one moment and the whole is not atomic, as PFMERGE is on one slot.
    public func merge(from others: [[UInt8]]) throws(PotteryError) {
        let slot = ClusterSlot.of(keyBytes)
        guard redis.isCluster, others.contains(where: { ClusterSlot.of($0) != slot }) else {
            _ = try redis.run(PFMERGE(keyBytes, sources: others))
            return
        }
        var sources: [[UInt8]] = []
        var scratches: [[UInt8]] = []
        defer {
            if !scratches.isEmpty { _ = try? redis.execute(DEL(scratches)) }
        }
        for other in others {
            guard ClusterSlot.of(other) != slot else {
                sources.append(other)
                continue
            }
            guard let value = try redis.run(GET(other)) else { continue }
            let scratch = SameSlotKey.scratch(for: keyBytes, label: "pottery-hll-merge")
            scratches.append(scratch)
            _ = try redis.run(SET(scratch, value, milliseconds: 60000))
            sources.append(scratch)
        }
        _ = try redis.run(PFMERGE(keyBytes, sources: sources))
    }

    /// pottery's membership test: adding the element to a copy would change no register.
    /// May be true for an element never added; never false for one that was.
    public func contains(_ element: Element) throws(PotteryError) -> Bool {
        try contains(many: [element])[0]
    }

    /// The membership test for each element, in order, one script per batch: the copy is a
    /// random scratch key in KEY's cluster slot, deleted by the same script, even on error.
    public func contains(many elements: [Element]) throws(PotteryError) -> [Bool] {
        try contains(stored: try encode(elements))
    }

    /// The membership test for stored values (canonical JSON texts).
    public func contains(stored values: [[UInt8]]) throws(PotteryError) -> [Bool] {
        var answers: [Bool] = []
        answers.reserveCapacity(values.count)
        var index = 0
        while index < values.count {
            let batch = Array(values[index..<min(index + 512, values.count)])
            let scratch = SameSlotKey.scratch(for: keyBytes, label: "pottery-hll")
            let call = EVALSHA(Self.membership, keys: [keyBytes, scratch], arguments: batch)
            let reply = try redis.runScript(call)
            guard let flags = try? [Bool](fromRESP: reply, count: batch.count) else {
                throw redis.wrongShape(call, expected: "\(batch.count) flags", got: reply)
            }
            answers += flags
            index += 512
        }
        return answers
    }

    /// A writer that streams stored values into the HyperLogLog as pipelined PFADD batches.
    public func bulkWriter(atomic: Bool) -> BulkWriter {
        BulkWriter(redis: redis, command: "PFADD", key: keyBytes, atomic: atomic)
    }

    /// KEYS[1] the HyperLogLog, KEYS[2] the scratch copy, ARGV the stored values. pottery copies
    /// before every PFADD; a PFADD that changed nothing leaves the copy as it was, so the copy is
    /// renewed only after one that did. The scratch key is deleted whatever happens.
    static var membership: RedisScript {
        RedisScript(
            """
            redis.call('DEL', KEYS[2])
            redis.call('COPY', KEYS[1], KEYS[2])
            local answers = {}
            for i, value in ipairs(ARGV) do
              local changed = redis.pcall('PFADD', KEYS[2], value)
              if type(changed) == 'table' and changed.err then
                redis.call('DEL', KEYS[2])
                return changed
              end
              answers[i] = 1 - changed
              if changed == 1 and i < #ARGV then
                redis.call('DEL', KEYS[2])
                redis.call('COPY', KEYS[1], KEYS[2])
              end
            end
            redis.call('DEL', KEYS[2])
            return answers
            """)
    }
}
