import RedisClient

/// Remembering a filter's parameters in its companion key (`{KEY}:pottery-bloom`).
extension BloomFilterParameters {
    /// Remembers these parameters in `companion` unless some are remembered already; throws
    /// ``PotteryError/Kind/invalidValue`` when the remembered ones differ. `SET NX GET`, one round
    /// trip; a server that rejects it as a syntax error (Redis 6.2, where SET's GET option does not
    /// go with NX) has written nothing, and is asked `SET NX`, then `GET` when that did not set:
    /// the same stored bytes.
    func remember(in companion: [UInt8], filter key: [UInt8], redis: RedisConnection) throws(PotteryError) {
        let setAndGet = SET(companion, storedForm, onlyIfAbsent: true, returnOld: true)
        let reply: RESPValue
        do throws(PotteryError) {
            reply = try redis.run(setAndGet)
        } catch {
            guard error.isSyntaxError else { throw error }
            let set = try redis.run(SET(companion, storedForm, onlyIfAbsent: true))
            reply = set.isNull ? .bulkString(try redis.run(GET(companion))) : .bulkString(nil)
        }
        switch reply {
        case .bulkString(nil): return
        case .bulkString(let stored?): try check(remembered: stored, in: companion, filter: key, redis: redis)
        default: throw redis.wrongShape(setAndGet, expected: "a bulk string", got: reply)
        }
    }

    /// Throws unless `stored`, read from `companion`, is these parameters: ``PotteryError/Kind/notJSON``
    /// when it is not a remembered form, ``PotteryError/Kind/invalidValue`` when it contradicts.
    func check(remembered stored: [UInt8], in companion: [UInt8], filter key: [UInt8], redis: RedisConnection)
        throws(PotteryError)
    {
        guard let remembered = BloomFilterParameters(storedForm: stored) else {
            throw Self.unreadable(in: companion, redis: redis)
        }
        try check(against: remembered, key: key)
    }

    /// The error for a companion key that holds no remembered form.
    static func unreadable(in companion: [UInt8], redis: RedisConnection) -> PotteryError {
        PotteryError(
            .notJSON, "the remembered Bloom filter parameters are unreadable", key: companion,
            server: redis.server)
    }

    /// Throws ``PotteryError/Kind/invalidValue`` unless these parameters equal `remembered`.
    public func check(against remembered: BloomFilterParameters, key: [UInt8]) throws(PotteryError) {
        guard capacity == remembered.capacity, errorRate == remembered.errorRate else {
            throw PotteryError(
                .invalidValue, "the filter was made with \(remembered), which contradicts \(self)", key: key)
        }
    }
}
