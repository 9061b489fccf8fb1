import RedisClient

/// The items of a Redis list at the indices of a slice, read in LRANGE windows (or, for a wide
/// stride, pipelined LINDEX batches) so memory stays bounded. The slice is resolved against the
/// length (LLEN) when the first window is asked for; a list that shrinks meanwhile ends early, and
/// a reply longer than asked for is a protocol error (never an endless read).
struct ListRangeSource: RawBatchSource {
    let connection: RedisConnection
    let key: [UInt8]
    let slice: PythonSlice
    let window: Int
    var prefetch = false

    private var resolved: ResolvedSlice?
    /// How many of the slice's items were handed out.
    private var done = 0
    /// The window asked for ahead of time (prefetch), not yet read.
    private var pending: Range<Int>?
    private var finished = false

    /// Strides wider than this read item by item (LINDEX) rather than through whole windows.
    static let widestRangeStride = 16

    init(connection: RedisConnection, key: [UInt8], slice: PythonSlice, window: Int) {
        self.connection = connection
        self.key = key
        self.slice = slice
        self.window = max(window, 1)
    }

    mutating func nextRawBatch() throws(PotteryError) -> [[UInt8]]? {
        do throws(RedisError) {
            if resolved == nil {
                let length = try connection.execute(LLEN(key))
                resolved = slice.resolved(count: length)
            }
            guard let resolved, !finished, done < resolved.count else {
                finished = true
                return nil
            }
            if resolved.step.magnitude > Self.widestRangeStride {
                return try nextByIndex(resolved)
            }
            let positions = pending ?? nextPositions(resolved, from: done)
            if pending == nil { request(resolved, positions) }
            pending = nil
            let batch = try readWindow(resolved, positions)
            done += positions.count
            if batch.count < positions.count { finished = true }
            if prefetch, !finished, done < resolved.count {
                let next = nextPositions(resolved, from: done)
                request(resolved, next)
                try connection.flush()
                pending = next
            }
            return batch
        } catch {
            throw PotteryError(error, key: key)
        }
    }

    mutating func cancel() {
        finished = true
        if pending != nil {
            pending = nil
            _ = try? connection.readReply()
        }
    }

    /// Positions (in slice order) of the next window.
    private func nextPositions(_ resolved: ResolvedSlice, from position: Int) -> Range<Int> {
        position..<min(position + window, resolved.count)
    }

    /// Enqueues the LRANGE covering `positions`.
    private func request(_ resolved: ResolvedSlice, _ positions: Range<Int>) {
        connection.enqueue(window(resolved, positions))
    }

    /// The LRANGE covering `positions`.
    private func window(_ resolved: ResolvedSlice, _ positions: Range<Int>) -> LRANGE {
        let a = resolved.first + positions.lowerBound * resolved.step
        let b = resolved.first + (positions.upperBound - 1) * resolved.step
        return LRANGE(key, start: min(a, b), stop: max(a, b))
    }

    /// Reads the LRANGE reply and picks the slice's items, in slice order.
    private func readWindow(_ resolved: ResolvedSlice, _ positions: Range<Int>) throws(RedisError)
        -> [[UInt8]]
    {
        try connection.flush()
        let range = try connection.decode(try connection.readReply(), of: window(resolved, positions))
        let stride = Int(resolved.step.magnitude)
        let expected = (positions.count - 1) * stride + 1
        guard range.count <= expected else {
            throw RedisError(
                kind: .protocolViolation,
                message: "LRANGE returned \(range.count) items where at most \(expected) were asked for",
                server: connection.server, command: "LRANGE")
        }
        if stride == 1 && resolved.step > 0 { return range }
        var picked: [[UInt8]] = []
        picked.reserveCapacity(positions.count)
        if resolved.step > 0 {
            for index in Swift.stride(from: 0, to: range.count, by: stride) { picked.append(range[index]) }
        } else {
            // The window runs from the lowest index up; the slice from the highest down. Items
            // missing at the top (the list shrank) are not there to pick.
            guard range.count == expected else { return [] }
            for index in Swift.stride(from: range.count - 1, through: 0, by: -stride) {
                picked.append(range[index])
            }
        }
        return picked
    }

    /// A batch of pipelined LINDEX for a wide stride; a missing item (the list shrank) ends it.
    private mutating func nextByIndex(_ resolved: ResolvedSlice) throws(RedisError) -> [[UInt8]] {
        let positions = nextPositions(resolved, from: done)
        let reads = positions.map { LINDEX(key, index: resolved.first + $0 * resolved.step) }
        for read in reads { connection.enqueue(read) }
        try connection.flush()
        var batch: [[UInt8]] = []
        var failure: RedisError?
        for read in reads {
            let reply = try connection.readReply()
            do throws(RedisError) {
                if let bytes = try connection.decode(reply, of: read) {
                    if failure == nil && !finished { batch.append(bytes) }
                } else {
                    finished = true
                }
            } catch  where error.kind == .protocolViolation {
                throw error  // the connection is closed: the other replies are lost
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        done += positions.count
        return batch
    }
}
