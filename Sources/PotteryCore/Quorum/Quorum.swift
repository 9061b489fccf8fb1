public import RedisClient

/// The masters of a quorum primitive (``Redlock``, ``NextId``) and the one way they are asked:
/// every request fanned out to all of them at once (`RedisFanOut`), so a dead or silent master
/// costs at most the timeout and never holds up the others. A majority, ⌊N/2⌋+1 of all N masters
/// (connected or not), must agree.
public struct Quorum {
    /// The masters that are connected.
    public let masters: [RedisConnection]
    /// How many masters there are in all, the unreachable ones included.
    public let count: Int
    /// Seconds to wait for each fanned-out request.
    public var timeout: Double

    /// `count` defaults to `masters.count`; pass more when some masters could not be connected.
    public init(masters: [RedisConnection], count: Int? = nil, timeout: Double? = nil) {
        self.masters = masters
        self.count = max(count ?? masters.count, masters.count)
        self.timeout = timeout ?? masters.first?.options.timeout ?? 5
    }

    /// The quorum over the masters that `RedisConnection.connectAll` reached, all of them counted:
    /// throws the quorum error when fewer than a majority answered (with a single master, that
    /// master's own error).
    public init(connecting results: [Result<RedisConnection, RedisError>]) throws(RedisError) {
        self.init(masters: results.compactMap { try? $0.get() }, count: results.count)
        guard masters.count >= needed else {
            var reasons: [String] = []
            for case .failure(let error) in results {
                if results.count == 1 { throw error }
                reasons.append("\(error.server): \(error.message)")
            }
            throw Self.impossible(
                answered: masters.count, of: count, reasons: reasons, server: "\(count) masters")
        }
    }

    /// ⌊N/2⌋+1.
    public var needed: Int { Self.majority(of: count) }

    /// ⌊N/2⌋+1 of `count`.
    private static func majority(of count: Int) -> Int { count / 2 + 1 }

    /// One command on every master at once: a reply or an error per connected master, in order.
    /// Throws only when a signal interrupted the wait. A master whose connection broke, or that
    /// closed it while idle, is reopened first (with its own URL and options, within the timeout);
    /// with `.resendingIdempotent` (compare-and-set scripts only), a master lost during the call is
    /// reopened and asked again. A quorum primitive is long-lived: a watchdog extends for hours.
    func call(
        _ command: some RedisCommand, timeout: Double? = nil,
        reopening: RedisFanOut.Reopening = .beforeSending
    ) throws(PotteryError) -> [Result<RESPValue, RedisError>] {
        let results = RedisFanOut.call(
            masters, command.arguments, timeout: timeout ?? self.timeout, reopening: reopening)
        try Self.throwIfInterrupted(results)
        return results
    }

    /// A script on every master at once, by EVALSHA; masters that do not have it cached yet
    /// (`NOSCRIPT`) get it again by EVAL, together. Reopening as in `call`.
    func eval(
        _ script: RedisScript, keys: [[UInt8]], arguments: [[UInt8]], timeout: Double? = nil,
        reopening: RedisFanOut.Reopening = .beforeSending
    ) throws(PotteryError) -> [Result<RESPValue, RedisError>] {
        var results = RedisFanOut.call(
            masters, EVALSHA(script, keys: keys, arguments: arguments).arguments,
            timeout: timeout ?? self.timeout,
            reopening: reopening)
        try Self.throwIfInterrupted(results)
        let missing = results.indices.filter {
            if case .failure(let error) = results[$0], error.code == "NOSCRIPT" { return true }
            return false
        }
        if !missing.isEmpty {
            let again = RedisFanOut.call(
                missing.map { masters[$0] }, EVAL(script, keys: keys, arguments: arguments).arguments,
                timeout: timeout ?? self.timeout, reopening: reopening)
            try Self.throwIfInterrupted(again)
            for (index, result) in zip(missing, again) { results[index] = result }
        }
        return results
    }

    /// How many answered (replies that are not errors).
    static func answered(_ results: [Result<RESPValue, RedisError>]) -> Int {
        results.reduce(0) { count, result in
            if case .success = result { return count + 1 }
            return count
        }
    }

    /// The quorum error: how many answered, how many were needed, and why the others did not.
    func impossible(answered: Int, _ results: [Result<RESPValue, RedisError>], key: [UInt8]) -> PotteryError {
        var reasons: [String] = []
        for case .failure(let error) in results { reasons.append(error.description) }
        if masters.count < count { reasons.append("\(count - masters.count) not connected") }
        let server = count == 1 ? (masters.first?.server ?? "1 master") : "\(count) masters"
        return PotteryError(
            Self.impossible(answered: answered, of: count, reasons: Array(reasons.prefix(5)), server: server),
            key: key)
    }

    /// `quorum impossible: 1 of 3 masters answered, 2 needed (why; why)`.
    private static func impossible(answered: Int, of count: Int, reasons: [String], server: String)
        -> RedisError
    {
        let why = reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")"
        return RedisError(
            kind: .quorum,
            message:
                "quorum impossible: \(answered) of \(count) masters answered, \(majority(of: count)) needed"
                + why,
            server: server)
    }

    private static func throwIfInterrupted(_ results: [Result<RESPValue, RedisError>]) throws(PotteryError) {
        for case .failure(let error) in results where error.kind == .interrupted {
            throw PotteryError(error)
        }
    }
}
