/// A Redis set that holds a Python `set` the way pottery's `RedisSet` does: members = enc(element).
/// Two layers, as ``RedisDict``: typed over ``JSONValue``, and `encoded` over stored bytes.
public final class RedisSet {
    public let redis: RedisConnection
    public let key: String
    let keyBytes: [UInt8]

    public init(key: String, redis: RedisConnection) {
        self.redis = redis
        self.key = key
        self.keyBytes = Array(key.utf8)
    }

    // MARK: Encoded layer

    /// SADD in one command; how many were new.
    @discardableResult
    public func add(encoded members: [[UInt8]]) throws(RedisError) -> Int {
        guard !members.isEmpty else { return 0 }
        return Int(try redis.call([Array("SADD".utf8), keyBytes] + members).int ?? 0)
    }

    /// SREM; how many of the given (distinct) members were there.
    @discardableResult
    public func remove(encoded members: [[UInt8]]) throws(RedisError) -> Int {
        guard !members.isEmpty else { return 0 }
        return Int(try redis.call([Array("SREM".utf8), keyBytes] + members).int ?? 0)
    }

    public func contains(encoded member: [UInt8]) throws(RedisError) -> Bool {
        try redis.call([Array("SISMEMBER".utf8), keyBytes, member]).int == 1
    }

    /// SMISMEMBER: membership of each, in order.
    public func contains(encodedMany members: [[UInt8]]) throws(RedisError) -> [Bool] {
        guard !members.isEmpty else { return [] }
        let reply = try redis.call([Array("SMISMEMBER".utf8), keyBytes] + members)
        return (reply.array ?? []).map { $0.int == 1 }
    }

    /// SCARD.
    public func count() throws(RedisError) -> Int {
        Int(try redis.call([Array("SCARD".utf8), keyBytes]).int ?? 0)
    }

    /// SPOP: one stored member, removed; nil when empty.
    public func popEncoded() throws(RedisError) -> [UInt8]? {
        try redis.call([Array("SPOP".utf8), keyBytes]).bytes
    }

    /// Streams every stored member (SSCAN), a batch at a time.
    public func forEachEncodedMember(_ body: ([UInt8]) throws -> Void) throws {
        var cursor = redis.sscan(keyBytes)
        cursor.prefetch = true
        defer { cursor.cancel() }
        while let batch = try cursor.nextBatch() {
            for member in batch { try body(member) }
        }
    }

    /// A writer that streams stored members into the set; see ``BulkWriter``.
    public func bulkWriter(atomic: Bool) -> BulkWriter {
        BulkWriter(redis: redis, command: "SADD", key: keyBytes, atomic: atomic)
    }

    public func clear() throws(RedisError) {
        _ = try redis.call([Array("DEL".utf8), keyBytes])
    }

    // MARK: Set algebra over keys of the same server

    public enum Operation: Sendable { case union, intersection, difference }

    /// Streams the stored members of `self op others...`, without building the result in memory or on
    /// the server: each key is scanned in batches, and every batch is checked against the other keys with
    /// one pipelined round of SMISMEMBER. Each member is reported once (given a set that does not change
    /// while it is scanned: SSCAN's own guarantee).
    public func forEachEncodedMember(
        of operation: Operation, with others: [String], _ body: ([UInt8]) throws -> Void
    ) throws {
        let keys = [keyBytes] + others.map { Array($0.utf8) }
        switch operation {
        case .union:
            // Members of key i that no earlier key holds.
            for (position, scanned) in keys.enumerated() {
                try scanFiltered(scanned, against: Array(keys[..<position]), keepIf: { $0 == 0 }, body)
            }
        case .intersection:
            try scanFiltered(keyBytes, against: Array(keys.dropFirst()), keepIf: { $0 == others.count }, body)
        case .difference:
            try scanFiltered(keyBytes, against: Array(keys.dropFirst()), keepIf: { $0 == 0 }, body)
        }
    }

    /// Scans `scanned`; for each member counts how many of `against` hold it and passes it on when
    /// `keepIf(count)` holds.
    private func scanFiltered(
        _ scanned: [UInt8], against: [[UInt8]], keepIf: (Int) -> Bool, _ body: ([UInt8]) throws -> Void
    ) throws {
        var cursor = redis.sscan(scanned)
        while let batch = try cursor.nextBatch() {
            guard !batch.isEmpty else { continue }
            var holders = [Int](repeating: 0, count: batch.count)
            let commands = against.map { [Array("SMISMEMBER".utf8), $0] + batch }
            for reply in try redis.pipeline(commands) {
                for (index, flag) in (try reply.checked("SMISMEMBER", on: redis).array ?? []).enumerated()
                where flag.int == 1 {
                    holders[index] += 1
                }
            }
            for (index, member) in batch.enumerated() where keepIf(holders[index]) {
                try body(member)
            }
        }
    }

    /// Whether the two sets share no member (SINTERCARD ... LIMIT 1, Redis 7).
    public func isDisjoint(with other: String) throws(RedisError) -> Bool {
        let reply = try redis.call(
            [
                Array("SINTERCARD".utf8), Array("2".utf8), keyBytes, Array(other.utf8), Array("LIMIT".utf8),
                Array("1".utf8),
            ])
        return reply.int == 0
    }

    /// Whether every member of this set is in `other` (one MULTI: SCARD and SINTERCARD agree).
    public func isSubset(of other: String) throws(RedisError) -> Bool {
        try Self.isSubset(keyBytes, of: Array(other.utf8), redis: redis)
    }

    /// Whether every member of `other` is in this set.
    public func isSuperset(of other: String) throws(RedisError) -> Bool {
        try Self.isSubset(Array(other.utf8), of: keyBytes, redis: redis)
    }

    private static func isSubset(_ key: [UInt8], of other: [UInt8], redis: RedisConnection) throws(RedisError)
        -> Bool
    {
        let replies = try redis.pipeline([
            [Array("MULTI".utf8)], [Array("SCARD".utf8), key],
            [Array("SINTERCARD".utf8), Array("2".utf8), key, other], [Array("EXEC".utf8)],
        ])
        for reply in replies { _ = try reply.checked("SINTERCARD", on: redis) }
        let exec = replies[3]
        guard let results = exec.array, results.count == 2 else { return false }
        let size = try results[0].checked("SCARD", on: redis).int
        let shared = try results[1].checked("SINTERCARD", on: redis).int
        return size == shared
    }

    // MARK: Typed layer

    public func add(_ element: JSONValue) throws { try add(encoded: [Codec.encode(element)]) }

    public func contains(_ element: JSONValue) throws -> Bool { try contains(encoded: Codec.encode(element)) }

    /// Removes an element; false if it was absent (Python's `remove` raises there, `discard` does not).
    @discardableResult
    public func remove(_ element: JSONValue) throws -> Bool {
        try remove(encoded: [Codec.encode(element)]) == 1
    }

    public func pop() throws -> JSONValue? { try popEncoded().map { try Codec.decode($0, key: key) } }

    public func members() throws -> [JSONValue] {
        var members: [JSONValue] = []
        try forEachEncodedMember { members.append(try Codec.decode($0, key: key)) }
        return members
    }
}
