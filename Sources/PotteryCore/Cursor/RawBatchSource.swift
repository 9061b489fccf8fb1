import RedisClient

/// Where a ``RedisCursor`` gets its batches of stored bytes from.
protocol RawBatchSource {
    var prefetch: Bool { get set }
    /// The next batch (possibly empty), or nil when there is no more.
    mutating func nextRawBatch() throws(PotteryError) -> [[UInt8]]?
    mutating func cancel()
}

/// One SCAN-family iteration, its errors naming `key`. Before the first round it asks how many
/// elements there are (`sizeCommand`: HLEN, SCARD, DBSIZE) and bounds the scan by that, with room
/// for concurrent writers: a server whose cursor never ends, or that returns more elements than the
/// key can hold, is a protocol error, never an endless loop.
struct ScanSource: RawBatchSource {
    var scan: RedisScanCursor
    let key: [UInt8]?
    let sizeCommand: (any RedisCommand<Int>)?
    private var bounded = false

    init(scan: RedisScanCursor, key: [UInt8]?, sizeCommand: (any RedisCommand<Int>)?) {
        self.scan = scan
        self.key = key
        self.sizeCommand = sizeCommand
    }

    var prefetch: Bool {
        get { scan.prefetch }
        set { scan.prefetch = newValue }
    }

    /// How many elements a scan of a key of `size` may return before it is taken as endless:
    /// four times the size plus 100,000, for what concurrent writers add meanwhile.
    static func limit(forSize size: Int) -> Int {
        let (times4, overflow) = max(size, 0).multipliedReportingOverflow(by: 4)
        return overflow ? Int.max : times4.addingReportingOverflow(100_000).partialValue
    }

    mutating func nextRawBatch() throws(PotteryError) -> [[UInt8]]? {
        do throws(RedisError) {
            if !bounded, let sizeCommand {
                bounded = true
                let size = try scan.connection.execute(sizeCommand)
                scan.limit = Self.limit(forSize: size)
            }
            return try scan.nextBatch()
        } catch {
            throw PotteryError(error, key: key)
        }
    }

    mutating func cancel() { scan.cancel() }
}
