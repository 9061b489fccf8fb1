import RedisClient

/// Set algebra over keys, streamed: nothing is built in memory or on the server.
extension RedisSet {
    /// A cursor over `self op others...` (`.symmetricDifference`: one other): each scanned key is read in batches, and every batch is
    /// checked against the other keys with one pipelined round of SMISMEMBER. Each element is
    /// reported once (given sets that do not change while they are scanned: SSCAN's own guarantee).
    ///
    /// Every key is checked first (one pipelined round of TYPE): a key holding anything but a set
    /// throws `WRONGTYPE` as Redis' own SUNION/SINTER/SDIFF would, even where the scan would never
    /// touch it (an empty first key).
    public func members(of operation: SetOperation, with others: [[UInt8]]) throws(PotteryError)
        -> RedisCursor<Element>
    {
        let keys = [keyBytes] + others
        try SetAlgebraSource.checkTypes(keys, operation: operation, redis: redis)
        let source = SetAlgebraSource(redis: redis, keys: keys, operation: operation)
        return .storedOrDecoded(source, key: keyBytes, server: redis.server, codec: codec)
    }

    /// `members(of:with:)` with other keys named by text.
    public func members(of operation: SetOperation, with others: [String]) throws(PotteryError)
        -> RedisCursor<Element>
    {
        try members(of: operation, with: others.map { Array($0.utf8) })
    }
}

/// The batches of a set-algebra result: scans key after key and keeps what the others say.
struct SetAlgebraSource: RawBatchSource {
    let redis: RedisConnection
    let keys: [[UInt8]]
    let operation: SetOperation
    private var position = 0
    private var scan: ScanSource?

    init(redis: RedisConnection, keys: [[UInt8]], operation: SetOperation) {
        self.redis = redis
        self.keys = keys
        self.operation = operation
    }

    /// Throws `WRONGTYPE` (as SUNION/SINTER/SDIFF would) when a key holds anything but a set;
    /// one pipelined round of TYPE.
    static func checkTypes(_ keys: [[UInt8]], operation: SetOperation, redis: RedisConnection)
        throws(PotteryError)
    {
        let types = try RedisKeyspace(redis: redis).types(of: keys)
        for (key, type) in zip(keys, types) where type != .set && type != .none {
            let name = String(decoding: key, as: UTF8.self)
            throw PotteryError(
                RedisError(
                    kind: .server, code: "WRONGTYPE",
                    message: "Operation against a key holding the wrong kind of value (\(name) is a \(type))",
                    server: redis.server, command: operation.commandName),
                key: key)
        }
    }

    /// Never prefetches: the SMISMEMBER rounds share the connection between scan requests.
    var prefetch: Bool {
        get { false }
        set {}
    }

    mutating func nextRawBatch() throws(PotteryError) -> [[UInt8]]? {
        let scannedKeys = operation == .union || operation == .symmetricDifference ? keys.count : 1
        while position < scannedKeys {
            if scan == nil {
                scan = ScanSource(
                    scan: redis.sscan(keys[position]), key: keys[position],
                    sizeCommand: SCARD(keys[position]))
            }
            let batch = try scan?.nextRawBatch()
            guard let batch else {
                scan = nil
                position += 1
                continue
            }
            return try filter(batch)
        }
        return nil
    }

    mutating func cancel() {
        scan?.cancel()
        position = keys.count
    }

    /// The members of `batch` (from `keys[position]`) that belong to the result.
    private func filter(_ batch: [[UInt8]]) throws(PotteryError) -> [[UInt8]] {
        let against: [[UInt8]]
        switch operation {
        case .union: against = Array(keys[..<position])
        case .symmetricDifference: against = keys.indices.filter { $0 != position }.map { keys[$0] }
        case .intersection, .difference: against = Array(keys[1...])
        }
        guard !batch.isEmpty, !against.isEmpty else { return batch }
        var pipeline = RedisBatch(redis)
        let slots = against.map { pipeline.add(SMISMEMBER($0, members: batch)) }
        let replies = try redis.send(pipeline, key: keys[position])
        var holders = [Int](repeating: 0, count: batch.count)
        for slot in slots {
            for (index, holds) in try replies.value(slot).enumerated() where holds { holders[index] += 1 }
        }
        let wanted = operation == .intersection ? against.count : 0
        var kept: [[UInt8]] = []
        for (index, member) in batch.enumerated() where holders[index] == wanted { kept.append(member) }
        return kept
    }
}
