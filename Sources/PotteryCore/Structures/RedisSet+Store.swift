import RedisClient

/// Set algebra whose result is stored: into another key (`--into DEST`), or into the set itself
/// (Python's `update`, `intersection_update`, `difference_update`, `symmetric_difference_update`).
extension RedisSet {
    /// Stores `self op others` into `destination`, replacing what it held (deleted when the result is
    /// empty), and returns how many members it has. On one server, or when every key shares a cluster
    /// slot, one command does it (SUNIONSTORE, SINTERSTORE, SDIFFSTORE; a script for the symmetric
    /// difference), atomically. Across a cluster's slots the result is streamed in bounded memory into
    /// a scratch key in `destination`'s slot, which then replaces it in one step: `destination` never
    /// shows half a result, but the sources may change while they are read (as with SSCAN).
    @discardableResult
    public func store(_ operation: SetOperation, with others: [[UInt8]], into destination: [UInt8])
        throws(PotteryError) -> Int
    {
        let sources = [keyBytes] + others
        if operation == .symmetricDifference && others.count != 1 {
            throw PotteryError(
                .invalidValue, "a symmetric difference takes exactly one other set", key: keyBytes,
                server: redis.server)
        }
        let slot = ClusterSlot.of(destination)
        guard redis.isCluster, sources.contains(where: { ClusterSlot.of($0) != slot }) else {
            switch operation {
            case .union: return try redis.run(SUNIONSTORE(destination: destination, sources: sources))
            case .intersection: return try redis.run(SINTERSTORE(destination: destination, sources: sources))
            case .difference: return try redis.run(SDIFFSTORE(destination: destination, sources: sources))
            case .symmetricDifference:
                return try count(of: SetScripts.symmetricDifferenceStore, keys: [destination] + sources)
            }
        }
        try SetAlgebraSource.checkTypes(sources, operation: operation, redis: redis)
        var source = SetAlgebraSource(redis: redis, keys: sources, operation: operation)
        let scratch = try makeScratchSet(near: destination, label: "pottery-set")
        do {
            // One SADD at a time: the source's own requests share the connection between them.
            while let batch = try source.nextRawBatch() {
                if !batch.isEmpty { _ = try redis.run(SADD(scratch, members: batch)) }
            }
            try sealScratchSet(scratch)
            return try count(of: SetScripts.replace, keys: [scratch, destination])
        } catch {
            _ = try? redis.run(DEL([scratch]))
            throw error
        }
    }

    /// Python's `set.update(*others)`: adds every member of the other sets; the new size.
    @discardableResult
    public func formUnion(with others: [[UInt8]]) throws(PotteryError) -> Int {
        try store(.union, with: others, into: keyBytes)
    }

    /// Python's `set.intersection_update(*others)`: keeps the members every other set has.
    @discardableResult
    public func formIntersection(with others: [[UInt8]]) throws(PotteryError) -> Int {
        try store(.intersection, with: others, into: keyBytes)
    }

    /// Python's `set.difference_update(*others)`: removes the members of the other sets.
    @discardableResult
    public func subtract(_ others: [[UInt8]]) throws(PotteryError) -> Int {
        try store(.difference, with: others, into: keyBytes)
    }

    /// Python's `set.symmetric_difference_update(other)`: keeps the members of exactly one of the two.
    @discardableResult
    public func formSymmetricDifference(with other: [UInt8]) throws(PotteryError) -> Int {
        try store(.symmetricDifference, with: [other], into: keyBytes)
    }

    /// Python's `set.symmetric_difference(other)` (`a ^ b`): the members of exactly one of the two,
    /// streamed.
    public func symmetricDifference(with other: [UInt8]) throws(PotteryError) -> RedisCursor<Element> {
        try members(of: .symmetricDifference, with: [other])
    }

    private func count(of script: RedisScript, keys: [[UInt8]]) throws(PotteryError) -> Int {
        let call = EVALSHA(script, keys: keys, arguments: [])
        let reply = try redis.runScript(call)
        guard case .integer(let count) = reply else {
            throw redis.wrongShape(call, expected: "an integer", got: reply)
        }
        return Int(count)
    }
}

/// The set scripts behind ``RedisSet/store(_:with:into:)``.
enum SetScripts {
    /// KEYS[1] the destination, KEYS[2] and KEYS[3] the sets. The members of exactly one of them
    /// replace the destination (which may be one of the two); its cardinality.
    static let symmetricDifferenceStore = RedisScript(
        """
        local both = redis.call('SINTER', KEYS[2], KEYS[3])
        redis.call('SUNIONSTORE', KEYS[1], KEYS[2], KEYS[3])
        for i = 1, #both, 4096 do
          redis.call('SREM', KEYS[1], unpack(both, i, math.min(i + 4095, #both)))
        end
        return redis.call('SCARD', KEYS[1])
        """)

    /// KEYS[1] a scratch set, KEYS[2] the destination (one slot). The scratch set, when there is
    /// one, becomes the destination, without its safety expiry; else the destination is deleted (the
    /// result was empty). Its cardinality.
    static let replace = RedisScript(
        """
        if redis.call('EXISTS', KEYS[1]) == 0 then
          redis.call('DEL', KEYS[2])
          return 0
        end
        redis.call('RENAME', KEYS[1], KEYS[2])
        redis.call('PERSIST', KEYS[2])
        return redis.call('SCARD', KEYS[2])
        """)
}

extension RedisSet {
    /// Set algebra against literal values (Python's `a - {'x', 'y'}`): `load` writes the stored
    /// values with the writer it is given and finishes it; `body` then gets the key of a temporary
    /// set holding them, in this set's cluster slot, to pass as an operand. The temporary set is
    /// deleted afterwards, and expires by itself within an hour should this process die first.
    public func withValueSet<Result>(
        load: (BulkWriter) throws -> Void, _ body: ([UInt8]) throws -> Result
    ) throws -> Result {
        let scratch = try makeScratchSet(near: keyBytes, label: "pottery-values")
        defer { _ = try? redis.run(DEL([scratch])) }
        try load(BulkWriter(redis: redis, command: "SADD", key: scratch, atomic: false))
        try sealScratchSet(scratch)
        return try body(scratch)
    }

    /// The member a scratch set is created with: no JSON text can be it (0xff).
    private static var scratchMarker: [UInt8] { [0xff] }

    /// A fresh scratch set in `key`'s cluster slot, created holding ``scratchMarker`` so that its
    /// expiry (an hour) is set before anything else is written: should this process die, the key
    /// goes away by itself. ``sealScratchSet(_:)`` takes the marker out once the set is filled.
    private func makeScratchSet(near key: [UInt8], label: String) throws(PotteryError) -> [UInt8] {
        let scratch = SameSlotKey.scratch(for: key, label: label)
        var pipeline = RedisBatch(redis)
        _ = pipeline.add(SADD(scratch, members: [Self.scratchMarker]))
        let expiry = pipeline.add(PEXPIRE(scratch, milliseconds: 3_600_000))
        _ = try redis.send(pipeline, key: scratch).value(expiry)
        return scratch
    }

    private func sealScratchSet(_ scratch: [UInt8]) throws(PotteryError) {
        _ = try redis.run(SREM(scratch, members: [Self.scratchMarker]))
    }
}
