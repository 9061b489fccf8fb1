#if canImport(Glibc)
    import Glibc
#endif
import PotteryProcess
import PotteryCore

/// One `cache run` or `cache bypass`: serves a hit, or runs the command with its output streamed to
/// ours and captured, then stores what may be stored.
struct CacheRunner {
    let context: CommandContext
    let cache: RedisCache
    let entry: CacheEntryID
    /// Standard input's bytes with `--stdin` (the child reads them), else nil (it inherits ours).
    let input: [UInt8]?
    /// `--max-bytes`.
    let limit: Int

    /// The name `--lock` locks: `cache-lock:KEY:<entry>` (held at `redlock:` + it, as Redlock does).
    static func lockName(key: [UInt8], entry: CacheEntryID) -> [UInt8] {
        Array("cache-lock:".utf8) + key + [UInt8(ascii: ":")] + entry.field
    }

    /// Writes a hit's bytes and returns its status.
    func serve(_ hit: CachedRun) throws -> ExitStatus {
        try context.out.write(hit.output)
        return ExitStatus(rawValue: hit.status)
    }

    /// Runs the command and stores the run if it may be stored; while it runs, `keeper` (if any)
    /// keeps the `--lock` lease.
    func compute(keeping keeper: LeaseKeeper? = nil) throws -> ExitStatus {
        try context.out.flush()
        let captured = CapturedOutput(limit: limit, teeTo: 1)
        let standardInput: ChildProcess.Input
        if let input {
            standardInput = .bytes(input)
        } else {
            // In batch mode and the REPL our standard input holds the commands: the child must not
            // eat them, nor read the terminal (its output is memoized as a function of argv alone).
            standardInput = context.session.stdinHoldsCommands ? .nothing : .inherit
        }
        let child = ChildProcess(
            argumentBytes: context[CacheTable.command], standardInput: standardInput,
            standardOutput: .captureWhile(captured.take))
        let exit: ChildExit
        if let keeper {
            exit = try child.run(tick: keeper.tickInterval) {
                _ = keeper.tick()  // a lost lease costs at most a second computation
                return .keepRunning
            }
        } else {
            exit = try child.run()
        }
        if let error = captured.teeError { throw CLIError.output(error) }
        if captured.overflowed {
            note(
                "output of \(captured.total) bytes is larger than --max-bytes \(limit): passed through, not cached"
            )
        } else if case .exited(let code) = exit.ending, exit.forwardedSignal == nil,
            code == 0 || context[CacheTable.cacheFailures]
        {
            try cache.store(CachedRun(status: code, output: captured.bytes), for: entry)
        }
        return exit.exitStatus
    }

    private func note(_ text: String) {
        context.session.err.writeLine("pottery: cache run \(KeyDisplay.text(cache.keyBytes)): \(text)")
    }
}
