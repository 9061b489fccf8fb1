#if canImport(Glibc)
    import Glibc
#endif
public import RedisClient

/// A Redis stream that holds a queue the way pottery's `RedisSimpleQueue` does: each entry has one
/// field `item` = enc(item); `put` is `XADD key * item ...`; `get` takes the oldest entry and deletes
/// it (SPEC §8.2).
///
/// Taking is one Lua script (read the oldest entries, `XDEL` them, return them), so two consumers,
/// ours or Python pottery's (whose WATCH then fails and retries), never receive one item. Waiting is
/// `XREAD BLOCK`, woken by a put, never polling.
///
/// ```swift
/// let jobs = RedisSimpleQueue<String>(key: "jobs", redis: connection)
/// try jobs.put("resize 42")
/// let next = try jobs.get(timeout: 30)   // nil if nothing came within 30 s
/// ```
public final class RedisSimpleQueue<Element>: RedisStructure {
    public let redis: RedisConnection
    public let keyBytes: [UInt8]
    /// How items are stored.
    public let codec: any RedisCodec<Element>

    /// A queue at `key` with an explicit codec.
    public init(key: [UInt8], redis: RedisConnection, codec: some RedisCodec<Element>) {
        self.redis = redis
        self.keyBytes = key
        self.codec = codec
    }

    /// Puts one item at the back (`XADD key * item enc(item)`).
    public func put(_ element: Element) throws(PotteryError) {
        _ = try redis.text(
            [Array("XADD".utf8), keyBytes, Array("*".utf8), Self.field, try encode(element)], key: keyBytes)
    }

    /// Puts items at the back, in order, as pipelined XADDs.
    public func put(_ elements: some Sequence<Element>) throws(PotteryError) {
        let writer = bulkWriter(atomic: false)
        do throws(PotteryError) {
            for element in elements { try writer.add(try encode(element)) }
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
    }

    /// A writer that streams stored items into the queue; see ``QueueWriter``.
    public func bulkWriter(atomic: Bool) -> QueueWriter {
        QueueWriter(redis: redis, key: keyBytes, atomic: atomic)
    }

    /// How many items wait (XLEN), as Python's `qsize()`.
    public func size() throws(PotteryError) -> Int {
        try redis.integer([Array("XLEN".utf8), keyBytes], key: keyBytes)
    }

    /// Whether no item waits.
    public var isEmpty: Bool {
        get throws(PotteryError) { try size() == 0 }
    }

    /// Removes and returns the oldest item, waiting for one: `timeout` nil waits as long as it takes,
    /// 0 not at all; nil when none came in time (Python raises `QueueEmptyError` there). An
    /// interruption of the wait (the connection's interrupt check) takes nothing.
    public func get(timeout: Double? = nil) throws(PotteryError) -> Element? {
        let deadline = timeout.map { QueueClock.now() + max($0, 0) }
        while true {
            if let item = try take(max: 1).first { return item }
            var waitMilliseconds = 0
            if let deadline {
                let left = deadline - QueueClock.now()
                guard left > 0 else { return nil }
                waitMilliseconds = max(Int((min(left, 1e12) * 1000).rounded(.up)), 1)
            }
            guard try waitForItems(milliseconds: waitMilliseconds) else { return nil }
        }
    }

    /// Removes and returns the oldest item if there is one, without waiting (`get_nowait()`).
    public func getNowait() throws(PotteryError) -> Element? { try take(max: 1).first }

    /// Removes and returns up to `max` of the oldest items, atomically (one script), oldest first;
    /// empty when the queue is. Signals are held while the script runs, so an item is never taken
    /// and then dropped by an interruption.
    public func take(max: Int) throws(PotteryError) -> [Element] {
        let count = Array(String(Swift.max(max, 1)).utf8)
        let reply = try SignalDeferral.run(on: redis) { () throws(PotteryError) -> RESPValue in
            do throws(RedisError) {
                return try redis.eval(QueueScripts.take, keys: [keyBytes], arguments: [count])
            } catch {
                throw PotteryError(error, key: keyBytes)
            }
        }
        guard case .array(let entries?) = reply else {
            throw redis.wrongShape("an array of entries", reply, [Array("EVALSHA".utf8)], key: keyBytes)
        }
        var items: [Element] = []
        items.reserveCapacity(entries.count)
        for entry in entries {
            guard case .bulkString(let stored?) = entry else {
                throw PotteryError(
                    .undecodable, "a stream entry without an item field was taken", key: keyBytes,
                    server: redis.server)
            }
            items.append(try decode(stored))
        }
        return items
    }

    /// Waits until the queue holds an item (`XREAD BLOCK`, woken by a put), for at most
    /// `milliseconds` (0: as long as it takes); false when the time ran out. Takes nothing.
    public func waitForItems(milliseconds: Int) throws(PotteryError) -> Bool {
        let waited = Swift.max(milliseconds, 0)
        do throws(RedisError) {
            redis.enqueue([
                Array("XREAD".utf8), Array("COUNT".utf8), Array("1".utf8), Array("BLOCK".utf8),
                Array(String(waited).utf8), Array("STREAMS".utf8), keyBytes, Array("0-0".utf8),
            ])
            let timeout: Double? = waited == 0 ? nil : Double(waited) / 1000 + redis.options.timeout
            let reply = try redis.readReply(timeout: timeout)
            if case .error(let bytes) = reply {
                throw RedisError(reply: bytes, server: redis.server, command: "XREAD")
            }
            switch reply {
            case .array(nil), .bulkString(nil):
                return false
            case .array(_?):
                return true
            default:
                redis.close()
                throw RedisError(
                    kind: .protocolViolation, message: "XREAD replied with the wrong shape: \(reply)",
                    server: redis.server, command: "XREAD")
            }
        } catch {
            throw PotteryError(error, key: keyBytes)
        }
    }

    static var field: [UInt8] { Array("item".utf8) }
}

/// The queue's Lua scripts.
enum QueueScripts {
    /// Takes up to ARGV[1] of the oldest entries: their `item` values (false for an entry without
    /// one), oldest first, each deleted in the same script.
    static let take = RedisScript(
        """
        local entries = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', tonumber(ARGV[1]))
        local items = {}
        for i, entry in ipairs(entries) do
            redis.call('XDEL', KEYS[1], entry[1])
            local fields = entry[2]
            items[i] = false
            for j = 1, #fields, 2 do
                if fields[j] == 'item' then
                    items[i] = fields[j + 1]
                    break
                end
            end
        end
        return items
        """)
}

/// Monotonic seconds for waits.
enum QueueClock {
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
