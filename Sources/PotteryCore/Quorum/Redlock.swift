internal import PotterySystem
public import RedisClient

/// pottery's distributed lock over N masters (SPEC §8.3), on the very keys Python pottery's `Redlock`
/// uses: the token, a UUID4, at `redlock:KEY` on each master with `SET NX PX`. Held when a quorum
/// (⌊N/2⌋+1) said OK and the validity `ttl − elapsed − drift` (drift = ttl×0.01 + 2 ms) is positive;
/// otherwise whatever was taken is released. Release and extend compare the token in Lua.
///
/// Every acquisition also increments a fencing counter at `{redlock:KEY}:fencing` on the masters that
/// granted it: ``fencingToken`` grows with every successful acquisition of the lock by pottery (Swift
/// or CLI). It is exact on one master; on several it is the maximum over the quorum, and the masters
/// of the quorum are raised to it before `acquire` returns, so any later acquisition (whose quorum
/// shares a master with this one) gets a larger token. Python pottery's `Redlock` neither reads nor
/// advances it.
///
/// ```swift
/// let lock = Redlock(key: "printer", masters: [redis])
/// if try lock.acquire(timeout: 5) {
///     defer { _ = try? lock.release() }
///     print(lock.fencingToken!)
/// }
/// ```
public final class Redlock {
    /// The key the user names (`printer`), as bytes.
    public let keyBytes: [UInt8]
    /// The lock's Redis key on each master: `redlock:` + the key.
    public let redisKey: [UInt8]
    /// The fencing counter's Redis key on each master, in the lock key's cluster slot:
    /// `{redlock:KEY}:fencing` (`redlock:KEY:fencing` when KEY has a hash tag of its own).
    public let fencingKey: [UInt8]
    /// The masters and how many of them make a quorum.
    public let quorum: Quorum
    /// How long a lease lasts, in milliseconds (Python's `auto_release_time`, default 10 s).
    public var autoReleaseMilliseconds: Int
    /// The token of the lease this instance holds (or last held), if any.
    public private(set) var token: String?
    /// The fencing token of that lease (nil when the lock keeps no fencing counter).
    public private(set) var fencingToken: Int?
    /// When the attempt that took that lease STARTED (monotonic seconds, ``monotonicNow()``): its
    /// validity is measured from there, since the masters may have set the key at once.
    public private(set) var acquisitionStarted: Double?
    /// Whether acquisitions advance the fencing counter (``fencingToken``).
    public let fencing: Bool

    /// Python's `_RETRY_DELAY`: a blocking acquire retries after a random delay up to this.
    public static let retryDelay = 0.2
    /// Python pottery's default lease: 10 seconds.
    public static let defaultAutoReleaseMilliseconds = 10_000

    /// The lock on `keyBytes` over `masters` (`masterCount`: how many there are in all, when some
    /// could not be connected), with leases of `autoReleaseMilliseconds`, each master asked within
    /// `timeout` seconds (default: the first connection's timeout), advancing the fencing counter unless `fencing`
    /// is false.
    public init(
        keyBytes: [UInt8], masters: [RedisConnection], masterCount: Int? = nil,
        autoReleaseMilliseconds: Int = Redlock.defaultAutoReleaseMilliseconds, timeout: Double? = nil,
        fencing: Bool = true
    ) {
        self.keyBytes = keyBytes
        self.fencing = fencing
        self.redisKey = Array("redlock:".utf8) + keyBytes
        self.fencingKey = SameSlotKey.helper(for: redisKey, suffix: Array(":fencing".utf8))
        self.quorum = Quorum(masters: masters, count: masterCount, timeout: timeout)
        self.autoReleaseMilliseconds = max(autoReleaseMilliseconds, 1)
    }

    /// The lock on `key` (text); the other arguments as for ``init(keyBytes:masters:masterCount:autoReleaseMilliseconds:timeout:fencing:)``.
    public convenience init(
        key: String, masters: [RedisConnection], masterCount: Int? = nil,
        autoReleaseMilliseconds: Int = Redlock.defaultAutoReleaseMilliseconds, timeout: Double? = nil,
        fencing: Bool = true
    ) {
        self.init(
            keyBytes: Array(key.utf8), masters: masters, masterCount: masterCount,
            autoReleaseMilliseconds: autoReleaseMilliseconds, timeout: timeout, fencing: fencing)
    }

    /// Holds the lease another instance of this lock took (its renewal thread's copy).
    func adopt(token: String?, fencingToken: Int?, started: Double?) {
        self.token = token
        self.fencingToken = fencingToken
        self.acquisitionStarted = started
    }

    /// The key as text.
    public var key: String { String(decoding: keyBytes, as: UTF8.self) }

    /// The lease in seconds.
    var ttl: Double { Double(autoReleaseMilliseconds) / 1000 }

    /// Seconds on the monotonic clock ``acquisitionStarted`` is read on.
    public static func monotonicNow() -> Double { MonotonicClock.now() }

    /// Takes the lock. Blocking (the default) retries after random delays in [0, 200 ms] until
    /// `timeout` seconds have passed (`nil`: for ever); non-blocking tries once. Returns whether it
    /// is held. Throws a `.quorum` error when fewer than a quorum of masters answer (nothing to wait
    /// for), `.interrupted` when a signal cut the wait short.
    public func acquire(blocking: Bool = true, timeout: Double? = nil) throws(PotteryError) -> Bool {
        try acquire(blocking: blocking, timeout: timeout, leaving: 0)
    }

    /// `acquire(blocking:timeout:)` for a lease that must still be valid for more than `minimum`
    /// seconds when taken (``LeaseKeeper`` asks for enough to reach its first extension). An
    /// attempt never waits on a master past what would leave less: a silent master costs the
    /// attempt, not the lease.
    func acquire(blocking: Bool, timeout: Double?, leaving minimum: Double) throws(PotteryError) -> Bool {
        let deadline: Double? =
            blocking ? timeout.map { MonotonicClock.now() + max($0, 0) } : MonotonicClock.now()
        while true {
            if try attempt(leaving: minimum) { return true }
            let now = MonotonicClock.now()
            if let deadline, now >= deadline { return false }
            // As pauseBeforeRetry, within the deadline.
            var pause = Backoff.randomPause(upTo: .seconds(clamping: Self.retryDelay))
            if let deadline { pause = min(pause, .seconds(clamping: deadline - now)) }
            guard interruptibleSleep(for: pause, interruptCheck: quorum.masters.first?.options.interruptCheck)
            else {
                throw PotteryError(
                    RedisError(kind: .interrupted, message: "interrupted", server: ""), key: redisKey)
            }
        }
    }

    /// The pause between two attempts: a random delay in [0, ``retryDelay``]; false when a signal
    /// cut it short (`interrupted` answered true).
    public static func pauseBeforeRetry(interrupted: (@Sendable () -> Bool)? = nil) -> Bool {
        interruptibleSleep(
            for: Backoff.randomPause(upTo: .seconds(clamping: retryDelay)), interruptCheck: interrupted)
    }

    /// One round: `SET NX PX` (and the fencing INCR) on every master at once. The round may take
    /// the lease's validity less `minimum` (its budget); the SET gets three quarters of that, the
    /// fencing round what is left, so a lease taken always has more than `minimum` left.
    private func attempt(leaving minimum: Double) throws(PotteryError) -> Bool {
        let candidate = Backoff.uuid4()
        let milliseconds = Array(String(autoReleaseMilliseconds).utf8)
        let started = MonotonicClock.now()
        let validUntil = started + LeaseKeeper.validity(ttl: ttl)
        let budget = LeaseKeeper.validity(ttl: ttl) - minimum
        guard budget > 0 else { return false }
        let wait = min(quorum.timeout, budget * 0.75)
        let results = try quorum.eval(
            fencing ? RedlockScripts.acquire : RedlockScripts.acquireUnfenced, keys: [redisKey, fencingKey],
            arguments: [Array(candidate.utf8), milliseconds], timeout: wait)
        var granted: [(master: Int, counter: Int64)] = []
        for (index, result) in results.enumerated() {
            if case .success(.integer(let counter)) = result, counter > 0 { granted.append((index, counter)) }
        }
        if granted.count >= quorum.needed, let fence = granted.map(\.counter).max() {
            let agreeing = try raiseFencing(
                to: fence, laggards: granted.filter { $0.counter < fence }.map(\.master),
                wait: validUntil - minimum - MonotonicClock.now())
            let agreed = granted.count - granted.filter { $0.counter < fence }.count + agreeing
            if agreed >= quorum.needed, validUntil - MonotonicClock.now() > minimum {
                token = candidate
                fencingToken = fencing ? Int(fence) : nil
                acquisitionStarted = started
                return true
            }
        }
        let answered = Quorum.answered(results)
        // Give back what was taken; masters that failed may have taken it too.
        if !granted.isEmpty || answered < results.count {
            _ = try? quorum.eval(
                RedlockScripts.release, keys: [redisKey], arguments: [Array(candidate.utf8)], timeout: wait,
                reopening: .resendingIdempotent)
        }
        if answered < quorum.needed { throw quorum.impossible(answered: answered, results, key: redisKey) }
        return false
    }

    /// Raises the fencing counter of `laggards` (masters of the quorum behind its maximum) to
    /// `fence`, waiting at most `wait` seconds; returns how many did.
    private func raiseFencing(to fence: Int64, laggards: [Int], wait: Double) throws(PotteryError) -> Int {
        guard !laggards.isEmpty, wait > 0 else { return 0 }
        let subset = Quorum(
            masters: laggards.map { quorum.masters[$0] }, count: laggards.count,
            timeout: min(quorum.timeout, wait))
        let results = try subset.eval(
            RedlockScripts.raise, keys: [fencingKey], arguments: [Array(String(fence).utf8)],
            reopening: .resendingIdempotent)
        return results.filter { if case .success(.integer(let value)) = $0 { value >= fence } else { false } }
            .count
    }

    /// Releases the lease of `token` (default: the one this instance holds). True when a quorum of
    /// masters held it and deleted it; false when the token does not hold the lock. Throws a
    /// `.quorum` error when fewer than a quorum answered.
    public func release(token given: String? = nil) throws(PotteryError) -> Bool {
        guard let token = given ?? token else { return false }
        let held = try compareAndAct(RedlockScripts.release, token: token, extra: [])
        if held, given == nil || given == self.token { self.token = nil }
        return held
    }

    /// Extends the lease of `token` (default: this instance's) to `milliseconds` from now (default
    /// ``autoReleaseMilliseconds``): PEXPIRE on the masters where the token holds the lock. True when
    /// a quorum did. A master gets at most a third of the lease (and at least 100 ms) to answer, so a
    /// silent one cannot make a watchdog miss its turn.
    public func extend(token given: String? = nil, milliseconds: Int? = nil) throws(PotteryError) -> Bool {
        try renew(token: given, milliseconds: milliseconds) == .extended
    }

    /// Seconds a master gets to answer an extension of a lease of `milliseconds`: a third of it
    /// (at least 100 ms), never more than the quorum's timeout.
    func extensionWait(milliseconds: Int) -> Double {
        min(quorum.timeout, max(Double(milliseconds) / 3000, 0.1))
    }

    /// Extends like `extend(token:milliseconds:)` and tells a lease that is certainly lost (so many
    /// masters answered that they do not hold the token that no quorum can) from one whose fate is
    /// undecided (too few answered either way: a watchdog may try again while the lease lasts).
    /// `wait` shortens the wait for the masters (``LeaseKeeper`` never waits past the validity).
    public func renew(token given: String? = nil, milliseconds: Int? = nil, wait: Double? = nil)
        throws(PotteryError) -> LeaseRenewal
    {
        guard let token = given ?? token else { return .lost }
        let ttl = max(milliseconds ?? autoReleaseMilliseconds, 1)
        let wait = min(extensionWait(milliseconds: ttl), wait ?? .infinity)
        let results = try quorum.eval(
            RedlockScripts.extend, keys: [redisKey], arguments: [Array(token.utf8), Array(String(ttl).utf8)],
            timeout: wait, reopening: .resendingIdempotent)
        let extended = results.filter { if case .success(.integer(1)) = $0 { true } else { false } }.count
        if extended >= quorum.needed { return .extended }
        let refused = results.filter { if case .success(.integer(0)) = $0 { true } else { false } }.count
        return refused > quorum.count - quorum.needed ? .lost : .undecided
    }

    private func compareAndAct(
        _ script: RedisScript, token: String, extra: [[UInt8]], timeout: Double? = nil
    ) throws(PotteryError) -> Bool {
        let results = try quorum.eval(
            script, keys: [redisKey], arguments: [Array(token.utf8)] + extra, timeout: timeout,
            reopening: .resendingIdempotent)
        let done = results.filter { if case .success(.integer(1)) = $0 { true } else { false } }.count
        if done >= quorum.needed { return true }
        let answered = Quorum.answered(results)
        if answered < quorum.needed { throw quorum.impossible(answered: answered, results, key: redisKey) }
        return false
    }

    /// Whether anyone holds the lock (any holder, Python's included), and for how much longer; see
    /// ``RedlockStatus``.
    public func status() throws(PotteryError) -> RedlockStatus {
        let results = try quorum.eval(
            RedlockScripts.status, keys: [redisKey], arguments: [], reopening: .resendingIdempotent)
        var holders: [[UInt8]: [Int]] = [:]
        for case .success(let reply) in results {
            guard let pair = reply.array, pair.count == 2, let token = pair[0].bytes, let ttl = pair[1].int
            else {
                continue
            }
            holders[token, default: []].append(ttl < 0 ? Int.max : Int(ttl))
        }
        for ttls in holders.values where ttls.count >= quorum.needed {
            let remaining = ttls.sorted(by: >)[quorum.needed - 1]
            return RedlockStatus(locked: true, ttlMilliseconds: remaining == Int.max ? -1 : remaining)
        }
        let answered = Quorum.answered(results)
        if answered < quorum.needed { throw quorum.impossible(answered: answered, results, key: redisKey) }
        return RedlockStatus(locked: false, ttlMilliseconds: 0)
    }
}
