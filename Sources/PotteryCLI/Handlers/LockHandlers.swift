import PotteryProcess
import PotteryCore

/// `pottery lock ...`: Redlock over the quorum masters, sharing `redlock:KEY` with Python pottery.
enum LockHandlers {
    /// The lock on KEY over the masters the dispatcher connected, with `--ttl` as its lease.
    static func redlock(_ context: CommandContext, ttl: Milliseconds?) -> Redlock {
        Redlock(
            keyBytes: context[LockTable.key], masters: context.masters, masterCount: context.masterCount,
            autoReleaseMilliseconds: ttl?.count ?? Redlock.defaultAutoReleaseMilliseconds)
    }

    /// `--nowait` tries once; `--wait S` waits up to S seconds (0: once); neither waits for ever.
    static func acquire(_ lock: Redlock, _ context: CommandContext) throws(PotteryError) -> Bool {
        if context[LockTable.nowait] { return try lock.acquire(blocking: false) }
        return try lock.acquire(blocking: true, timeout: context[LockTable.wait]?.seconds)
    }

    /// ``acquire(_:_:)`` through the keeper of `lock run`'s lease.
    static func acquire(_ keeper: LeaseKeeper, _ context: CommandContext) throws(PotteryError) -> Bool {
        if context[LockTable.nowait] { return try keeper.acquire(blocking: false) }
        return try keeper.acquire(blocking: true, timeout: context[LockTable.wait]?.seconds)
    }

    /// `lock run`'s status when another holder has the lock: `-E N`, else 75.
    static func conflictStatus(_ context: CommandContext) -> ExitStatus {
        context[LockTable.conflictExitCode].map { ExitStatus(rawValue: Int32($0)) } ?? .notAcquired
    }

    /// A lease whose validity (ttl − drift, drift = ttl × 1 % + 2 ms) is not above a third of it
    /// could never be worth starting `lock run` on, and a waiting acquire would wait for ever:
    /// refused (status 2) before anything is taken. That is 3 ms or less.
    static func checkLease(_ context: CommandContext) throws(CLIError) {
        guard let ttl = context[LockTable.ttl].map({ Double($0.count) / 1000 }),
            LeaseKeeper.validity(ttl: ttl) <= ttl / 3
        else { return }
        throw .usage("--ttl must be above 0.003 seconds (the lease must outlast the clock drift allowance)")
    }

    static func acquire(_ context: CommandContext) throws -> ExitStatus {
        try checkLease(context)
        let lock = redlock(context, ttl: context[LockTable.ttl])
        guard try acquire(lock, context), let token = lock.token else { return .negative }
        context.session.heldLocks[lock.keyBytes] = HeldLock(
            token: token, masters: context.settings.resolvedMasters(context.session.environment))
        try context.out.writeLine(token)
        return .success
    }

    /// TOKEN, or the one this session holds for KEY (the REPL's `lock release KEY`).
    static func token(_ context: CommandContext) throws(CLIError) -> String {
        if let token = context[LockTable.sessionToken] { return token }
        if let held = context.session.heldLocks[context[LockTable.key]] { return held.token }
        throw .usage("TOKEN is missing (this session holds no lock on that key)")
    }

    static func release(_ context: CommandContext) throws -> ExitStatus {
        let token = try token(context)
        let key = context[LockTable.key]
        let released = try redlock(context, ttl: nil).release(token: token)
        // Released, or no longer held: either way the session does not hold it now.
        if context.session.heldLocks[key]?.token == token { context.session.heldLocks[key] = nil }
        return .answer(released)
    }

    static func extend(_ context: CommandContext) throws -> ExitStatus {
        let ttl = context[LockTable.ttl]
        let extended = try redlock(context, ttl: ttl).extend(token: try token(context))
        return .answer(extended)
    }

    static func status(_ context: CommandContext) throws -> ExitStatus {
        let status = try redlock(context, ttl: nil).status()
        try context.out.writeLine(
            "{\"locked\": \(status.locked ? "true" : "false"), \"ttl_ms\": \(status.ttlMilliseconds)}")
        return .answer(status.locked)
    }
}
