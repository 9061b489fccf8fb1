internal import PotterySystem
public import RedisClient

/// pottery's distributed id generator (Python's `NextID`, SPEC §8.3) on `nextid:KEY` on every master,
/// a decimal integer (missing = 0). An id is the maximum over a quorum of masters plus one, written
/// back with a Lua "set if greater" that must succeed on a quorum; a block of `count` ids takes the
/// same one round. Where pottery tries 3 times, this retries after a short random, growing back-off
/// for as long as ``retryTimeout`` allows, so concurrent callers all succeed; only masters that are
/// down give the quorum error.
///
/// ```swift
/// let ids = NextId(key: "tweets", masters: masters)
/// let id = try ids.next()
/// ```
public final class NextId {
    /// The key the user names, as bytes.
    public let keyBytes: [UInt8]
    /// `nextid:` + the key.
    public let redisKey: [UInt8]
    /// The masters and how many of them make a quorum.
    public let quorum: Quorum
    /// Seconds to keep retrying when concurrent callers win the round (default: the request timeout).
    public var retryTimeout: Double

    /// The largest id: beyond 2^53, Redis's Lua (and Python pottery's script) cannot compare exactly.
    public static let maximum = 1 << 53

    /// Ids at `nextid:` + `keyBytes` over `masters` (`masterCount`: how many there are in all, when
    /// some could not be connected), each master asked within `timeout` seconds (default: the first connection's timeout), retrying a lost round
    /// for `retryTimeout` seconds (default: the request timeout).
    public init(
        keyBytes: [UInt8], masters: [RedisConnection], masterCount: Int? = nil, timeout: Double? = nil,
        retryTimeout: Double? = nil
    ) {
        self.keyBytes = keyBytes
        self.redisKey = Array("nextid:".utf8) + keyBytes
        self.quorum = Quorum(masters: masters, count: masterCount, timeout: timeout)
        self.retryTimeout = retryTimeout ?? quorum.timeout
    }

    /// Python's default key is `current`.
    public convenience init(
        key: String = "current", masters: [RedisConnection], masterCount: Int? = nil, timeout: Double? = nil,
        retryTimeout: Double? = nil
    ) {
        self.init(
            keyBytes: Array(key.utf8), masters: masters, masterCount: masterCount, timeout: timeout,
            retryTimeout: retryTimeout)
    }

    /// The next id.
    public func next() throws(PotteryError) -> Int { try next(count: 1).upperBound }

    /// The next `count` ids (at least 1), reserved together in one quorum round.
    public func next(count: Int) throws(PotteryError) -> ClosedRange<Int> {
        let count = max(count, 1)
        let deadline = MonotonicClock.now() + retryTimeout
        var attempt = 0
        while true {
            let current = try self.current()
            guard count <= Self.maximum - current else {
                throw PotteryError(
                    .invalidValue, "\(count) more ids would pass 2^53 (the sequence is at \(current))",
                    key: redisKey)
            }
            let target = current + count
            if try claim(target) { return (current + 1)...target }
            attempt += 1
            let now = MonotonicClock.now()
            guard now < deadline else {
                let error = RedisError(
                    kind: .quorum,
                    message: "quorum not achieved: concurrent callers won every round for \(retryTimeout) s",
                    server: "\(quorum.count) masters")
                throw PotteryError(error, key: redisKey)
            }
            // 1 ms growing to at most 50 ms, random within.
            let ceiling = min(0.001 * Double(1 << min(attempt, 6)), 0.05)
            let pause = min(
                Backoff.randomPause(upTo: .seconds(clamping: ceiling)), .seconds(clamping: deadline - now))
            guard interruptibleSleep(for: pause, interruptCheck: quorum.masters.first?.options.interruptCheck)
            else {
                throw PotteryError(
                    RedisError(kind: .interrupted, message: "interrupted", server: ""), key: redisKey)
            }
        }
    }

    /// The current id: the maximum over a quorum of masters (0 when none was issued). A master holding
    /// anything but a whole number from 0 up (`-5`, `twelve`) is an undecodable error, for `current`
    /// as for `next`: Python pottery would print -5 and then issue -4, an id no sequence should give.
    public func current() throws(PotteryError) -> Int {
        let results = try quorum.call(GET(redisKey))
        var highest: Int?
        var answered = 0
        for result in results {
            guard case .success(let reply) = result else { continue }
            switch reply {
            case .bulkString(nil):
                highest = max(highest ?? 0, 0)
            case .bulkString(let bytes?):
                guard let value = Int(String(decoding: bytes, as: UTF8.self)), value >= 0 else {
                    throw PotteryError(
                        .undecodable,
                        "holds \(String(decoding: bytes.prefix(40), as: UTF8.self)), not an id (ids are whole numbers from 0 up)",
                        key: redisKey)
                }
                highest = max(highest ?? value, value)
            default:
                continue
            }
            answered += 1
        }
        guard answered >= quorum.needed, let highest else {
            throw quorum.impossible(answered: answered, results, key: redisKey)
        }
        return highest
    }

    /// Sets the sequence to `target` where it is below; true when a quorum did.
    private func claim(_ target: Int) throws(PotteryError) -> Bool {
        let results = try quorum.eval(
            NextIdScripts.setIfGreater, keys: [redisKey], arguments: [Array(String(target).utf8)])
        let set = results.filter {
            if case .success(.integer(let value)) = $0 { value == target } else { false }
        }
        if set.count >= quorum.needed { return true }
        let answered = Quorum.answered(results)
        if answered < quorum.needed { throw quorum.impossible(answered: answered, results, key: redisKey) }
        return false
    }

    /// Deletes the sequence on every master (ids start again at 1); a quorum must answer.
    public func reset() throws(PotteryError) {
        let results = try quorum.call(DEL([redisKey]))
        let answered = Quorum.answered(results)
        if answered < quorum.needed { throw quorum.impossible(answered: answered, results, key: redisKey) }
    }
}
