#if canImport(Glibc)
    import Glibc
#endif
public import RedisClient
internal import PotterySystem

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
        _ = try redis.run(XADD(keyBytes, field: queueItemField, value: try encode(element)))
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
    public func count() throws(PotteryError) -> Int {
        try redis.run(XLEN(keyBytes))
    }

    /// How many items wait: ``count()`` under Python's name (`qsize()`).
    public func size() throws(PotteryError) -> Int { try count() }

    /// Removes and returns the oldest item, waiting for one: `timeout` nil waits as long as it takes,
    /// 0 not at all; nil when none came in time (Python raises `QueueEmptyError` there). An
    /// interruption of the wait (the connection's interrupt check) takes nothing. `onTake` sees each
    /// take (to learn of foreign entries passed over).
    public func get(
        timeout: Double? = nil, onTake: (QueueBatch<Element>) -> Void = { _ in }
    ) throws(PotteryError) -> Element? {
        let deadline = timeout.map { MonotonicClock.now() + max($0, 0) }
        while true {
            let batch = try takeBatch(max: 1)
            onTake(batch)
            if let item = batch.items.first { return item }
            var waitMilliseconds = 0
            if let deadline {
                let left = deadline - MonotonicClock.now()
                guard left > 0 else { return nil }
                waitMilliseconds = max(Int((min(left, 1e12) * 1000).rounded(.up)), 1)
            }
            guard try waitForItems(milliseconds: waitMilliseconds, after: batch.position) else { return nil }
        }
    }

    /// Removes and returns the oldest item if there is one, without waiting (`get_nowait()`).
    public func getNowait() throws(PotteryError) -> Element? { try take(max: 1).first }

    /// Removes and returns up to `max` of the oldest items, atomically (one script), oldest first;
    /// empty when the queue is. Signals are held while the script runs, so an item is never taken
    /// and then dropped by an interruption. An entry without an `item` field, written by someone
    /// else, is left where it is and passed over (``takeBatch(max:)`` counts them).
    public func take(max: Int) throws(PotteryError) -> [Element] { try takeBatch(max: max).items }

    /// ``take(max:)``, with what the script passed over: how many foreign entries (no `item` field,
    /// left in the stream) it saw, and the id of the last entry it looked at, from which
    /// ``waitForItems(milliseconds:after:)`` waits for a newer one.
    public func takeBatch(max: Int) throws(PotteryError) -> QueueBatch<Element> {
        let count = Array(String(Swift.max(max, 1)).utf8)
        let take = EVALSHA(QueueScripts.take, keys: [keyBytes], arguments: [count])
        let reply = try SignalDeferral.run(on: redis) { () throws(PotteryError) -> RESPValue in
            try redis.runScript(take)
        }
        guard case .array(let parts?) = reply, parts.count == 3, case .array(let entries?) = parts[0],
            case .integer(let foreign) = parts[1], case .bulkString(let position?) = parts[2]
        else {
            throw redis.wrongShape(take, expected: "[items, foreign count, last id]", got: reply)
        }
        var items: [Element] = []
        items.reserveCapacity(entries.count)
        for entry in entries {
            guard case .bulkString(let stored?) = entry else {
                throw redis.wrongShape(take, expected: "an item", got: entry)
            }
            items.append(try decode(stored))
        }
        return QueueBatch(items: items, foreignEntries: Int(foreign), position: position)
    }

    /// Waits until the queue holds an entry newer than `position` (`XREAD BLOCK`, woken by a put),
    /// for at most `milliseconds` (0: as long as it takes); false when the time ran out. Takes
    /// nothing. `position` is a batch's ``QueueBatch/position``, so that a foreign entry the take
    /// passed over does not end the wait at once.
    public func waitForItems(milliseconds: Int, after position: [UInt8] = Array("0-0".utf8))
        throws(PotteryError) -> Bool
    {
        let waited = Swift.max(milliseconds, 0)
        do throws(RedisError) {
            let read = XREAD(keyBytes, after: position, count: 1, blockMilliseconds: waited)
            redis.enqueue(read)
            let timeout: Double? = waited == 0 ? nil : Double(waited) / 1000 + redis.options.timeout
            let reply = try redis.decode(try redis.readReply(timeout: timeout), of: read)
            switch reply {
            case .array(nil), .bulkString(nil):
                return false
            case .array(_?):
                return true
            default:
                throw redis.wrongShape(of: read, expected: "entries or nil", got: reply)
            }
        } catch {
            throw PotteryError(error, key: keyBytes)
        }
    }
}

/// The one field of every entry of a queue's stream, as Python pottery writes it.
let queueItemField = Array("item".utf8)

/// The queue's Lua scripts.
enum QueueScripts {
    /// Takes up to ARGV[1] of the oldest entries that have an `item` field, each deleted in the same
    /// script; an entry without one (someone else's) is passed over and left in the stream. Returns
    /// {items oldest first, how many entries were passed over, the id of the last entry looked at
    /// ('0-0' when none)}. The scan goes on past passed-over entries until it has enough items or
    /// reaches the stream's end; each round starts at the last id seen, inclusive, and skips it
    /// (exclusive '(' ranges need Redis 6.2).
    static let take = RedisScript(
        """
        local want = tonumber(ARGV[1])
        local items = {}
        local foreign = 0
        local last = nil
        local start = '-'
        while #items < want do
            local entries = redis.call('XRANGE', KEYS[1], start, '+', 'COUNT', want - #items + 1)
            local fresh = false
            for _, entry in ipairs(entries) do
                if #items == want then break end
                if entry[1] ~= last then
                    fresh = true
                    last = entry[1]
                    local fields = entry[2]
                    local item = nil
                    for j = 1, #fields, 2 do
                        if fields[j] == 'item' then
                            item = fields[j + 1]
                            break
                        end
                    end
                    if item then
                        redis.call('XDEL', KEYS[1], last)
                        items[#items + 1] = item
                    else
                        foreign = foreign + 1
                    end
                end
            end
            if not fresh then break end
            start = last
        end
        return {items, foreign, last or '0-0'}
        """)
}

/// What one take of ``RedisSimpleQueue/takeBatch(max:)`` found.
public struct QueueBatch<Element> {
    /// The items taken (and deleted), oldest first.
    public let items: [Element]
    /// How many entries without an `item` field were passed over (and left in the stream).
    public let foreignEntries: Int
    /// The id of the last entry the take looked at (`0-0` when the stream was empty): wait for an
    /// entry after it.
    public let position: [UInt8]
}

extension QueueBatch: Sendable where Element: Sendable {}
