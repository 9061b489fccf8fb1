import RedisClient

/// Where a ``RedisCursor`` gets its batches of stored bytes from.
protocol RawBatchSource {
    var prefetch: Bool { get set }
    /// The next batch (possibly empty), or nil when there is no more.
    mutating func nextRawBatch() throws(PotteryError) -> [[UInt8]]?
    mutating func cancel()
}

/// One SCAN-family iteration, its errors naming `key`.
struct ScanSource: RawBatchSource {
    var scan: RedisScanCursor
    let key: [UInt8]?

    var prefetch: Bool {
        get { scan.prefetch }
        set { scan.prefetch = newValue }
    }

    mutating func nextRawBatch() throws(PotteryError) -> [[UInt8]]? {
        do throws(RedisError) {
            return try scan.nextBatch()
        } catch {
            throw PotteryError(error, key: key)
        }
    }

    mutating func cancel() { scan.cancel() }
}
