import PotteryCore

/// `pottery lock run KEY -- CMD [ARG...]`: the shell's `synchronize`. Acquires the lock, runs CMD
/// directly while a watchdog extends the lease every ttl/3, releases the lock when CMD ends, and
/// exits with CMD's status; 75 when the lock is not acquired (CMD never starts), 76 when the lease
/// is lost while CMD runs (CMD's group then gets SIGTERM, and SIGKILL after `--kill-after`).
enum LockRunHandler {
    static func run(_ context: CommandContext) throws -> ExitStatus {
        try LockHandlers.checkLease(context)
        let lock = LockHandlers.redlock(context, ttl: context[LockTable.ttl])
        let what = "lock run " + KeyDisplay.text(lock.keyBytes)
        let acquired: Bool
        switch Result(catching: { () throws(PotteryError) in try LockHandlers.acquire(lock, context) }) {
        case .success(let value):
            acquired = value
        case .failure(let error):
            // No quorum: the command cannot run, which is what 75 says; the line says why.
            guard let redisError = error.redisError, redisError.kind == .quorum else { throw error }
            throw CLIError(.notAcquired(redisError), "")
        }
        guard acquired, let token = lock.token, let fence = lock.fencingToken else { return .notAcquired }
        try context.out.flush()

        var child = ChildProcess(
            argumentBytes: context[LockTable.command],
            environment: [
                "POTTERY_LOCK_KEY": lock.keyBytes,  // the key's bytes, UTF-8 or not
                "POTTERY_LOCK_TOKEN": Array(token.utf8),
                "POTTERY_FENCING_TOKEN": Array(String(fence).utf8),
            ], standardInput: context.session.childStandardInput)
        child.waitsForGroup = true  // the lock is held until CMD's whole process group is gone
        var watchdog = LockWatchdog(
            lock: lock, maxExtensions: context[LockTable.maxExtensions], started: MonotonicClock.now())
        let exit: ChildExit
        do {
            exit = try child.run(
                tick: watchdog.period, killAfter: context[LockTable.killAfter]?.seconds ?? 10,
                onTick: { watchdog.tick() })
        } catch {
            // CMD never ran (not found, or a signal came first). A pending signal would cut the
            // release short, so it is set aside (the error already carries the status).
            _ = Interrupts.take()
            _ = try? lock.release()
            throw error
        }
        let released = (try? lock.release()) ?? false
        if exit.stop != nil {
            context.session.err.writeLine(
                "pottery: \(what): \(watchdog.lossReason); \(child.commandName) was stopped")
            return .leaseLost
        }
        if !released {
            context.session.err.writeLine(
                "pottery: \(what): warning: the lock was no longer held when \(child.commandName) ended")
        }
        return exit.exitStatus
    }
}
