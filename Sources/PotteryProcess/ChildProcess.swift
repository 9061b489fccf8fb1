import CPotterySpawn
/// A command that `lock run` and `cache run` execute: argv executed directly by fork and `execvp`
/// (no shell; `PATH` lookup), in a process group of its own, with pottery's environment plus
/// ``environment``, an empty signal mask and default signal dispositions (except signals ignored
/// when pottery started, which stay ignored, as shells do), and no descriptor of pottery's but 0–2.
///
/// It dies with pottery: the kernel sends the child SIGKILL when pottery ends, `kill -9` included
/// (`PR_SET_PDEATHSIG`), and a ``GroupGuardian`` kills the rest of its process group. A process
/// that leaves the group (`setsid`, `setpgid`) escapes both.
///
/// ```swift
/// let child = ChildProcess(command, environment: ["POTTERY_LOCK_KEY": keyBytes])
/// let running = try child.spawn()
/// let exit = running.wait(tick: ttl / 3, killAfter: 10) { extend() ? .keepRunning : .terminate }
/// ```
package struct ChildProcess {
    /// Where the child's standard input comes from.
    package enum Input {
        /// pottery's own fd 0.
        case inherit
        /// `/dev/null`: end of file at once (batch mode, where our standard input holds the commands).
        case nothing
        /// These bytes through a pipe, then end of file (`cache run --stdin`).
        case bytes([UInt8])
    }

    /// Where the child's standard output goes.
    package enum Output {
        /// pottery's own fd 1.
        case inherit
        /// Through a pipe, delivered chunk by chunk as it arrives, bytes exactly as written. The
        /// caller passes them on (see ``CapturedOutput`` for `cache run`'s tee with a size limit).
        case capture((ArraySlice<UInt8>) -> Void)
        /// As ``capture(_:)`` until the callback answers `false`: pottery then closes its read end,
        /// so the child's next write fails as a write to a reader that went away does (SIGPIPE, or
        /// EPIPE where it is ignored). `cache run` stops a child whose output can no longer reach
        /// pottery's reader, as `CMD | head` would (see ``CapturedOutput/take(_:)``).
        case captureWhile((ArraySlice<UInt8>) -> Bool)

        /// The chunk callback of a capturing output, answering whether to keep reading.
        var deliverer: ((ArraySlice<UInt8>) -> Bool)? {
            switch self {
            case .inherit: return nil
            case .capture(let deliver):
                return {
                    deliver($0); return true
                }
            case .captureWhile(let deliver): return deliver
            }
        }
    }

    /// argv; `arguments[0]` is looked up in `PATH` unless it contains a slash. Raw bytes, so that
    /// arguments that are not UTF-8 pass through unchanged.
    package var arguments: [[UInt8]]
    /// Variables added to pottery's environment (replacing ones of the same name), values as raw
    /// bytes (a key that is not UTF-8 reaches the child exactly).
    package var environment: [String: [UInt8]]
    package var standardInput: Input
    package var standardOutput: Output
    /// Forward SIGINT/SIGTERM/SIGHUP/SIGTSTP sent to pottery to the child's group while it runs
    /// (installs ``Interrupts`` if needed), and stop pottery when the child stops (job control: see
    /// ``RunningChild/followStop(_:)``). On in the CLI. Off, a signal to pottery is only recorded
    /// as ``Interrupts/pending`` and the wait goes on until the child ends.
    package var forwardsSignals: Bool
    /// After the child exits, wait on until nothing is left of its process group (`lock run` holds
    /// the lock while a background descendant runs). pottery is a child subreaper
    /// (`PR_SET_CHILD_SUBREAPER`) while it waits, so the group's orphans are reparented to it.
    package var waitsForGroup = false
    /// Give the child the terminal's foreground while it runs, when pottery has it (see
    /// ``TerminalHandoff``).
    package var handsOverTerminal: Bool
    /// Notice the exit through a pidfd when the system has one (`false`: the polling fallback of
    /// older systems; tests use it to exercise that path).
    package var usesPidfd = true

    package init(
        _ arguments: [String], environment: [String: [UInt8]] = [:], standardInput: Input = .inherit,
        standardOutput: Output = .inherit, forwardsSignals: Bool = true, handsOverTerminal: Bool = true
    ) {
        self.init(
            argumentBytes: arguments.map { Array($0.utf8) }, environment: environment,
            standardInput: standardInput, standardOutput: standardOutput, forwardsSignals: forwardsSignals,
            handsOverTerminal: handsOverTerminal)
    }

    package init(
        argumentBytes: [[UInt8]], environment: [String: [UInt8]] = [:], standardInput: Input = .inherit,
        standardOutput: Output = .inherit, forwardsSignals: Bool = true, handsOverTerminal: Bool = true
    ) {
        self.arguments = argumentBytes
        self.environment = environment
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.forwardsSignals = forwardsSignals
        self.handsOverTerminal = handsOverTerminal
    }

    /// `argv[0]` for messages.
    package var commandName: String { String(decoding: arguments.first ?? [], as: UTF8.self) }

    /// Spawns, then waits (see ``RunningChild/wait(tick:killAfter:onTick:)``).
    package func run(
        tick: Double? = nil, killAfter grace: Double = 10, onTick: () -> TickDecision = { .keepRunning }
    ) throws(ChildProcessError) -> ChildExit {
        try spawn().wait(tick: tick, killAfter: grace, onTick: onTick)
    }
}
