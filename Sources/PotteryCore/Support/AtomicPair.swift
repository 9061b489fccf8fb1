import RedisClient

/// Two commands run atomically in one round trip (`MULTI a b EXEC`), with their results: raw,
/// for a caller that looks for an error reply first (`NOSCRIPT`), or decoded by their commands.
struct AtomicPair<First: RedisCommand, Second: RedisCommand> {
    let replies: RedisBatch.Replies
    let firstSlot: RedisBatch.Slot<First>
    let secondSlot: RedisBatch.Slot<Second>
    /// EXEC's two results as the server sent them.
    let rawFirst: RESPValue
    let rawSecond: RESPValue

    /// The first command's result, decoded; errors name its subject.
    func first() throws(PotteryError) -> First.Response { try replies.value(rawFirst, of: firstSlot) }

    /// The second command's result, decoded; errors name its subject.
    func second() throws(PotteryError) -> Second.Response { try replies.value(rawSecond, of: secondSlot) }
}

extension RedisConnection {
    /// Runs `first` and `second` in one `MULTI` ... `EXEC`; errors name `key`.
    func atomically<First: RedisCommand, Second: RedisCommand>(
        _ first: First, _ second: Second, key: [UInt8]?
    ) throws(PotteryError) -> AtomicPair<First, Second> {
        var batch = RedisBatch(self)
        let multi = batch.add(MULTI())
        let firstSlot = batch.add(first)
        let secondSlot = batch.add(second)
        let exec = batch.add(EXEC(expecting: 2))
        let replies = try send(batch, key: key)
        _ = try replies.value(multi)
        try replies.checkQueued(firstSlot)
        try replies.checkQueued(secondSlot)
        let results = try replies.value(exec)!
        return AtomicPair(
            replies: replies, firstSlot: firstSlot, secondSlot: secondSlot, rawFirst: results[0],
            rawSecond: results[1])
    }
}

extension RedisConnection {
    /// A hash field's `setdefault`: sets `field` of `key` to `value` when it is absent and returns
    /// the value it holds now, atomically (`MULTI HSETNX HGET EXEC`).
    func setIfAbsent(_ key: [UInt8], field: [UInt8], value: [UInt8]) throws(PotteryError) -> [UInt8] {
        let read = HGET(key, field: field)
        let pair = try atomically(HSETNX(key, field: field, value: value), read, key: key)
        guard let stored = try pair.second() else {
            throw wrongShape(read, expected: "the value just set", got: .bulkString(nil))
        }
        return stored
    }
}
