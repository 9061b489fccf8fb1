public import RedisClient

/// Streams counts into a ``RedisCounter`` as a windowed pipeline, so memory stays bounded whatever
/// the input size. Repeats of one element within a window (up to 1024 distinct elements, or 65,536
/// additions) are summed first, in the order the elements first appeared, so Redis sees new elements
/// in input order, as `collections.Counter` does. Each window is one script (``CounterScripts/add``):
/// one HMGET and one HSET for the window instead of an HINCRBY per element, the same counts and the
/// same stored text; a count or delta beyond 15 digits, or a stored value that is not a plain
/// integer, goes through HINCRBY itself inside the script, so its exactness and its errors are Redis'.
///
/// With `atomic`, the commands are queued inside `MULTI` and applied by `EXEC` in `finish()`, or
/// thrown away by `DISCARD` in `abort()`. A count that would leave the 64-bit range fails the
/// pipeline with Redis' error (earlier commands stay applied unless `atomic`).
public final class CounterWriter {
    struct Delta {
        var element: [UInt8]
        var amount: Int
    }

    private let pipeline: RedisPipeline<[Delta], PotteryError>
    private var window: [Delta] = []
    private var positions: [[UInt8]: Int] = [:]
    private var additions = 0
    /// How many additions were handed in.
    public private(set) var count = 0

    static let maximumDistinct = 1024
    static let maximumAdditions = 65536

    /// - Parameter atomic: wrap every command in one `MULTI` ... `EXEC`.
    public init(redis: RedisConnection, key: [UInt8], atomic: Bool) {
        let server = redis.server
        let script = CounterScripts.add.source
        pipeline = RedisPipeline(
            connection: redis, commandName: "EVAL", key: { _ in key }, itemsPerCommand: 1, atomic: atomic,
            deliversItems: false,
            encode: { windows, output in
                for deltas in windows {
                    output.beginCommand(argumentCount: 4 + 2 * deltas.count)
                    output.appendArgument("EVAL")
                    output.appendArgument(script)
                    output.appendArgument("1")
                    output.appendArgument(key)
                    for delta in deltas {
                        output.appendArgument(delta.element)
                        output.appendArgument(delta.amount)
                    }
                }
            },
            onReply: { (reply) throws(PotteryError) in
                guard case .integer = reply.value else {
                    throw PotteryError(
                        RedisError(
                            kind: .protocolViolation,
                            message:
                                "the counter script replied with the wrong shape: expected an integer, got \(reply.value)",
                            server: server, command: "EVAL"), key: key)
                }
            },
            wrap: { PotteryError($0, key: key) })
        window.reserveCapacity(Self.maximumDistinct)
    }

    /// Adds `amount` to the count of the stored element `element`.
    public func add(_ element: [UInt8], _ amount: Int) throws(PotteryError) {
        count += 1
        additions += 1
        if let position = positions[element] {
            let (sum, overflow) = window[position].amount.addingReportingOverflow(amount)
            if !overflow {
                window[position].amount = sum
                if additions >= Self.maximumAdditions { try flushWindow() }
                return
            }
            try flushWindow()
        }
        positions[element] = window.count
        window.append(Delta(element: element, amount: amount))
        if window.count >= Self.maximumDistinct || additions >= Self.maximumAdditions { try flushWindow() }
    }

    /// Sends what is left and reads every reply; with `atomic`, runs `EXEC`.
    public func finish() throws(PotteryError) {
        try flushWindow()
        try pipeline.finish()
    }

    /// Gives up: with `atomic`, nothing that was queued is applied.
    public func abort() {
        window.removeAll()
        positions.removeAll()
        pipeline.abort()
    }

    private func flushWindow() throws(PotteryError) {
        let deltas = window
        window.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        additions = 0
        if !deltas.isEmpty { try pipeline.add(deltas) }
    }
}

/// The script behind ``CounterWriter``.
enum CounterScripts {
    /// KEYS[1] the counter; ARGV field, delta, field, delta... (each field once). Adds each delta
    /// to its count, HINCRBY's arithmetic: counts and deltas of at most 15 digits (whose sums a Lua
    /// number holds exactly) are summed here and written with one HSET; anything else (a longer
    /// number, a stored value that is not a plain integer) goes through HINCRBY, which keeps its
    /// exactness and its errors. New fields are written in the order given. The number of fields.
    static let add = RedisScript(
        """
        local key = KEYS[1]
        local n = #ARGV / 2
        local fields = {}
        for i = 1, n do fields[i] = ARGV[2 * i - 1] end
        local stored = redis.call('HMGET', key, unpack(fields))
        local function plain(s)
          local digits = string.match(s, '^%-?([1-9]%d*)$')
          return s == '0' or (digits ~= nil and #digits <= 15)
        end
        local out = {}
        for i = 1, n do
          local count, delta = stored[i], ARGV[2 * i]
          if not count then
            -- A new element: its count is the delta, which pottery wrote as plain decimal text.
            out[#out + 1] = fields[i]
            out[#out + 1] = delta
          elseif plain(count) and plain(delta) then
            out[#out + 1] = fields[i]
            out[#out + 1] = string.format('%d', tonumber(count) + tonumber(delta))
          else
            if #out > 0 then redis.call('HSET', key, unpack(out)) out = {} end
            redis.call('HINCRBY', key, fields[i], delta)
          end
        end
        if #out > 0 then redis.call('HSET', key, unpack(out)) end
        return n
        """)
}
