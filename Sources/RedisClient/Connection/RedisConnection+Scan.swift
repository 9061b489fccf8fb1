/// Cursor iteration (SCAN, HSCAN, SSCAN, ZSCAN), one round trip per batch. `limit` bounds a
/// misbehaving server's iteration (see `RedisScanCursor.limit`).
extension RedisConnection {
    /// Keys of the selected database, optionally filtered by a glob `match` and a `type`.
    public func scan(
        match: [UInt8]? = nil, count: Int = 1000, type: String? = nil, limit: Int? = nil
    ) -> RedisScanCursor {
        RedisScanCursor(
            connection: self, request: SCAN(filter: ScanFilter(match: match, count: count), type: type),
            limit: limit)
    }

    /// Fields and values of a hash; batches are flat `[field, value, field, value, ...]`.
    public func hscan(_ key: [UInt8], match: [UInt8]? = nil, count: Int = 1000, limit: Int? = nil)
        -> RedisScanCursor
    {
        RedisScanCursor(
            connection: self, request: HSCAN(key, filter: ScanFilter(match: match, count: count)),
            limit: limit)
    }

    /// Members of a set.
    public func sscan(_ key: [UInt8], match: [UInt8]? = nil, count: Int = 1000, limit: Int? = nil)
        -> RedisScanCursor
    {
        RedisScanCursor(
            connection: self, request: SSCAN(key, filter: ScanFilter(match: match, count: count)),
            limit: limit)
    }

    /// Members and scores of a sorted set; batches are flat `[member, score, member, score, ...]`.
    public func zscan(_ key: [UInt8], match: [UInt8]? = nil, count: Int = 1000, limit: Int? = nil)
        -> RedisScanCursor
    {
        RedisScanCursor(
            connection: self, request: ZSCAN(key, filter: ScanFilter(match: match, count: count)),
            limit: limit)
    }
}

/// A lazy SCAN-family iteration. Like Redis' own cursors it may return an element more than once
/// if the collection changes meanwhile; every element present throughout is returned.
public struct RedisScanCursor {
    /// The connection scanned; on a cluster, for `SCAN`, the master being scanned.
    public private(set) var connection: RedisConnection
    /// `SCAN` on a cluster: the masters still to scan after `connection`.
    private var laterMasters: [RedisConnection]?
    /// The next round's request; its cursor is where the iteration is.
    private var request: any ScanCommand
    private var command: String { type(of: request).name }
    private var finished = false
    /// Send the next request as soon as a reply names the next cursor (from the reply's first
    /// bytes, before the rest has come), so the server works on it while this batch arrives and
    /// the caller handles it. The caller must then read to the end or call `cancel()`.
    public var prefetch = false
    private var inFlight = false
    /// The most elements (pairs for HSCAN and ZSCAN) the iteration may pass before it is taken
    /// for a misbehaving server and stopped with `.protocolViolation`: pass the collection's
    /// size (HLEN, SCARD, ZCARD, DBSIZE) plus generous slack, since a collection that changes
    /// meanwhile may return elements more than once. It also bounds the number of rounds
    /// (`16 × limit + 1024`). Whatever the limit, a reply naming the cursor it was asked for
    /// (no progress) is a `.protocolViolation`.
    public var limit: Int?
    /// Elements (or pairs) passed so far.
    public private(set) var elementsSeen = 0
    /// Round trips so far.
    public private(set) var rounds = 0

    init(connection: RedisConnection, request: any ScanCommand, limit: Int?) {
        self.limit = limit
        self.connection = connection
        self.request = request
    }

    /// The next non-empty batch, or `nil` when the iteration is complete.
    public mutating func nextBatch() throws(RedisError) -> [[UInt8]]? {
        if request is SCAN, laterMasters == nil, !finished, let router = connection.router {
            // Every master in turn, each with its own cursor.
            let masters = try router.masterConnections()
            if let first = masters.first { connection = first }
            laterMasters = Array(masters.dropFirst())
        }
        while !finished {
            if !inFlight {
                connection.enqueue(request)
                try connection.flush()
            }
            inFlight = false
            let sentAhead = prefetch ? try sendAhead() : false
            let reply = try connection.readReply()
            if case .error(let bytes) = reply {
                finished = true
                throw RedisError(reply: bytes, server: connection.server, command: command)
            }
            guard case .array(let parts?) = reply, parts.count == 2, let next = parts[0].bytes,
                !next.isEmpty, next.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                case .array(let items?) = parts[1]
            else {
                throw violation("expected [cursor, [elements]], got \(reply.shapeDescription)")
            }
            rounds += 1
            if next != [UInt8(ascii: "0")] && next == request.cursor {
                throw violation(
                    "the server returned the cursor it was given (\(String(decoding: next, as: UTF8.self))): no progress"
                )
            }
            let pairs = type(of: request).returnsPairs
            if pairs && items.count % 2 != 0 {
                throw violation("odd number of elements (\(items.count)) in a batch of pairs")
            }
            elementsSeen += pairs ? items.count / 2 : items.count
            if let limit {
                if elementsSeen > limit {
                    throw violation(
                        "the scan passed \(elementsSeen) elements, more than the collection can hold (\(limit))"
                    )
                }
                if rounds > Self.roundCap(limit) && next != [UInt8(ascii: "0")] {
                    throw violation("the cursor did not end after \(rounds) rounds")
                }
            }
            request.cursor = next
            finished = next == [UInt8(ascii: "0")]
            if finished, let following = laterMasters?.first {
                laterMasters?.removeFirst()
                connection = following
                request.cursor = [UInt8(ascii: "0")]
                finished = false
            }
            if sentAhead {
                inFlight = true
            } else if prefetch && !finished {
                connection.enqueue(request)
                try connection.flush()
                inFlight = true
            }
            var batch: [[UInt8]] = []
            batch.reserveCapacity(items.count)
            for item in items {
                guard case .bulkString(let bytes?) = item else {
                    throw violation("expected string elements, got \(item.shapeDescription)")
                }
                batch.append(bytes)
            }
            if !batch.isEmpty { return batch }
        }
        return nil
    }

    /// With the reply on its way: when its first bytes name a next cursor of this same
    /// iteration (digits, neither `0` nor the cursor asked for), sends the request for it at once.
    /// The whole reply is still checked; a reply that then fails its checks makes the connection
    /// unusable, so the request sent ahead is never read as another's reply.
    private mutating func sendAhead() throws(RedisError) -> Bool {
        guard let next = try connection.peekLeadingBulkString(), !next.isEmpty,
            next.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            next != [UInt8(ascii: "0")], next != request.cursor
        else { return false }
        var ahead = request
        ahead.cursor = next
        connection.enqueue(ahead)
        try connection.flush()
        return true
    }

    /// `16 × limit + 1024`, saturating (a huge limit never wraps into a small cap).
    static func roundCap(_ limit: Int) -> Int {
        let (scaled, overflow) = max(limit, 0).multipliedReportingOverflow(by: 16)
        let (cap, overflow2) = scaled.addingReportingOverflow(1024)
        return overflow || overflow2 ? Int.max : cap
    }

    /// A misbehaving server: the iteration ends and the connection becomes unusable (a
    /// prefetched request may be in flight).
    private mutating func violation(_ message: String) -> RedisError {
        finished = true
        inFlight = false
        return connection.fail(.protocolViolation, message).with(command: command)
    }

    /// Stops early: reads the reply of a prefetched request, so the connection stays in step.
    public mutating func cancel() {
        finished = true
        if inFlight {
            inFlight = false
            _ = try? connection.readReply()
        }
    }

    /// Every remaining element, in one array (for small collections).
    public mutating func collect() throws(RedisError) -> [[UInt8]] {
        var all: [[UInt8]] = []
        while let batch = try nextBatch() { all += batch }
        return all
    }
}
