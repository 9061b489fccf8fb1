import PotteryProcess
import PotteryCore

/// `pottery lock run KEY -- CMD [ARG...]`: the shell's `synchronize`. A ``LeaseKeeper`` holds the
/// lease policy (when CMD may start, when to extend, when the lease is lost); this runs CMD and
/// maps the outcome to a status: CMD's when the lease was held to the end; 75 (or `-E N`) when
/// another holder has the lock (CMD never starts); 76 when the lease was not held to the end (lost
/// while CMD ran, when CMD's group got SIGTERM and SIGKILL after `--kill-after`, or found gone at
/// the release).
enum LockRunHandler {
    static func run(_ context: CommandContext) throws -> ExitStatus {
        try LockHandlers.checkLease(context)
        let lock = LockHandlers.redlock(context, ttl: context[LockTable.ttl])
        let keeper = LeaseKeeper(lock: lock, maxExtensions: context[LockTable.maxExtensions])
        let what = "lock run " + KeyDisplay.text(lock.keyBytes)
        // Busy is the conflict status; no quorum, a refused connection or a timeout are errors (3).
        let acquired =
            context[LockTable.verbose]
            ? try acquireSaying(keeper, context, what: what) : try LockHandlers.acquire(keeper, context)
        guard acquired, let token = lock.token else {
            return LockHandlers.conflictStatus(context)
        }
        try context.out.flush()

        // `-c 'shell command'`, as flock's: the one place a shell runs.
        let command = context[LockTable.shellCommand].map { ["/bin/sh", "-c", $0].map { Array($0.utf8) } }
        var child = ChildProcess(
            argumentBytes: command ?? context[LockTable.command],
            environment: [
                "POTTERY_LOCK_KEY": lock.keyBytes,  // the key's bytes, UTF-8 or not
                "POTTERY_LOCK_TOKEN": Array(token.utf8),
                "POTTERY_FENCING_TOKEN": Array((lock.fencingToken.map(String.init) ?? "").utf8),
            ], standardInput: context.session.childStandardInput)
        child.waitsForGroup = true  // the lock is held until CMD's whole process group is gone
        let exit: ChildExit
        do {
            exit = try child.run(
                tick: keeper.tickInterval, killAfter: context[LockTable.killAfter]?.seconds ?? 10,
                onTick: { keeper.tick() ? .keepRunning : .terminate })
        } catch {
            // CMD never ran (not found, or a signal came first). A pending signal would cut the
            // release short, so it is set aside (the error already carries the status).
            _ = Interrupts.take()
            _ = keeper.release()
            throw error
        }
        // Held to the end, or 76 whatever CMD's status: another holder may have run meanwhile.
        let heldToTheEnd = keeper.release()
        guard heldToTheEnd, exit.stop == nil else {
            let loss = keeper.loss?.description ?? "the lease was lost"
            let fate = exit.stop != nil ? "was stopped" : "ended, but may have run without it"
            context.session.err.writeLine("pottery: \(what): \(loss); \(child.commandName) \(fate)")
            return .leaseLost
        }
        return exit.exitStatus
    }

    /// `--verbose`, as flock's: one line on stderr when the lock is busy (waiting, or CMD not
    /// started), and how long it was waited for once acquired; nothing when it is free at once.
    private static func acquireSaying(_ keeper: LeaseKeeper, _ context: CommandContext, what: String) throws
        -> Bool
    {
        let err = context.session.err
        let start = Redlock.monotonicNow()
        if try keeper.acquire(blocking: false) { return true }
        let status = LockHandlers.conflictStatus(context).rawValue
        if context[LockTable.nowait] {
            err.writeLine("pottery: \(what): held by another holder; CMD not started (status \(status))")
            return false
        }
        let wait = context[LockTable.wait]?.seconds
        err.writeLine(
            "pottery: \(what): held by another holder; waiting" + (wait.map { " at most \($0) s" } ?? ""))
        let remaining = wait.map { max($0 - (Redlock.monotonicNow() - start), 0) }
        guard try keeper.acquire(blocking: true, timeout: remaining) else {
            err.writeLine(
                "pottery: \(what): still held after \(wait ?? 0) s; CMD not started (status \(status))")
            return false
        }
        err.writeLine(
            "pottery: \(what): acquired after \(Dispatcher.milliseconds((Redlock.monotonicNow() - start) * 1000)) ms"
        )
        return true
    }
}
