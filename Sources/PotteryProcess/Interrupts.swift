#if canImport(Glibc)
    import Glibc
#endif
import CPotterySpawn
import Synchronization

/// Ctrl-C and friends for the whole CLI.
///
/// ``install()`` puts handlers on SIGINT, SIGTERM and SIGHUP *without* `SA_RESTART`: a handler only
/// records the signal in an atomic (or, while a child runs, forwards it to the child's process
/// group; see ``SignalForwarding``) and wakes the wake-up pipe. A blocking `poll`/`read` in
/// pottery then fails with `EINTR`, and code that waits asks ``check`` (the Redis client's
/// `RedisConnectionOptions.interruptCheck`) whether to give up. The CLI then exits with
/// ``exitStatus(for:)`` (130 for Ctrl-C), or the REPL clears the signal and shows its prompt again.
///
/// A signal that was *ignored* when pottery started (`nohup`, `cmd &` in a script) stays ignored,
/// as shells do, and stays ignored in children too.
package enum Interrupts {
    /// The signals pottery handles.
    package static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handlers (idempotent). Call it first thing in `main`, before anything changes a
    /// signal disposition (it samples which signals were ignored at startup) and before any
    /// connection is made.
    package static func install() {
        _ = SignalState.pending.load(ordering: .relaxed)
        _ = SignalState.forwardGroup.load(ordering: .relaxed)
        _ = SignalState.forwarded.load(ordering: .relaxed)
        recordIgnoredAtStart()
        makeWakePipe()
        guard !SignalState.installed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        for signal in signals where !wasIgnoredAtStart(signal) {
            var action = sigaction()
            action.__sigaction_handler = .init(sa_handler: interruptHandler)
            sigemptyset(&action.sa_mask)
            for other in signals { sigaddset(&action.sa_mask, other) }
            action.sa_flags = 0  // no SA_RESTART: blocking calls return EINTR
            sigaction(signal, &action, nil)
        }
        // A parent may have started us with these signals blocked (and a child inherits the mask):
        // unblock them in the calling thread, so Ctrl-C and SIGTERM reach the handlers at once.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in signals where !wasIgnoredAtStart(signal) { sigaddset(&unblocked, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// Puts SIGINT, SIGTERM and SIGHUP back as they were at startup (default, or ignored) and
    /// forgets a pending signal. For tests, and before pottery replaces itself.
    package static func restoreDefaults() {
        guard SignalState.installed.exchange(false, ordering: .acquiringAndReleasing) else { return }
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler = .init(sa_handler: wasIgnoredAtStart(signal) ? SIG_IGN : SIG_DFL)
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
        clear()
    }

    /// Whether the handlers are installed.
    package static var isInstalled: Bool { SignalState.installed.load(ordering: .acquiring) }

    /// The signal that arrived (and was not forwarded to a child), or `nil`.
    package static var pending: Int32? {
        let signal = SignalState.pending.load(ordering: .acquiring)
        return signal == 0 ? nil : signal
    }

    /// Forgets the pending signal (the REPL does, before its next prompt).
    package static func clear() {
        SignalState.pending.store(0, ordering: .releasing)
    }

    /// Takes the pending signal: returns it and forgets it.
    package static func take() -> Int32? {
        let signal = SignalState.pending.exchange(0, ordering: .acquiringAndReleasing)
        return signal == 0 ? nil : signal
    }

    /// `true` once a signal is pending: hand it to `RedisConnectionOptions.interruptCheck`.
    package static let check: @Sendable () -> Bool = { SignalState.pending.load(ordering: .acquiring) != 0 }

    /// 128 + `signal`, as shells report a death by signal (130 for SIGINT).
    package static func exitStatus(for signal: Int32) -> ExitStatus {
        ExitStatus(rawValue: 128 + signal)
    }

    /// The exit status for the pending signal, or `nil` when none is pending.
    package static var pendingExitStatus: ExitStatus? { pending.map(exitStatus(for:)) }

    /// Read end of the wake-up pipe (non-blocking, close-on-exec): readable after any handled
    /// signal; -1 before ``install()``. Whoever polls it drains it with ``drainWakePipe()``.
    package static var wakeDescriptor: Int32 { SignalState.wakeReadEnd.load(ordering: .acquiring) }

    /// Empties the wake-up pipe.
    package static func drainWakePipe() {
        let fd = wakeDescriptor
        guard fd >= 0 else { return }
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(fd, &bytes, bytes.count) > 0 {}
    }

    /// Whether `signal` was ignored when pottery started (sampled on first use).
    package static func wasIgnoredAtStart(_ signal: Int32) -> Bool {
        recordIgnoredAtStart()
        return SignalState.ignoredAtStart.load(ordering: .acquiring) & (Int64(1) << Int64(signal)) != 0
    }

    private static func recordIgnoredAtStart() {
        guard SignalState.ignoredAtStart.load(ordering: .acquiring) < 0 else { return }
        var mask: Int64 = 0
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGUSR1, SIGUSR2] {
            var current = sigaction()
            if sigaction(signal, nil, &current) == 0,
                unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
                    == unsafeBitCast(SIG_IGN, to: Int.self)
            {
                mask |= Int64(1) << Int64(signal)
            }
        }
        _ = SignalState.ignoredAtStart.compareExchange(
            expected: -1, desired: mask, ordering: .acquiringAndReleasing)
    }

    private static func makeWakePipe() {
        guard SignalState.wakeReadEnd.load(ordering: .acquiring) < 0 else { return }
        guard case .success(let pipe) = Pipe.make() else { return }
        FileDescriptor.setNonBlocking(pipe.readEnd)
        FileDescriptor.setNonBlocking(pipe.writeEnd)
        if SignalState.wakeReadEnd.compareExchange(
            expected: -1, desired: pipe.readEnd, ordering: .acquiringAndReleasing
        ).exchanged {
            SignalState.wakeWriteEnd.store(pipe.writeEnd, ordering: .releasing)
        } else {
            close(pipe.readEnd)
            close(pipe.writeEnd)
        }
    }
}

/// The handler: async-signal-safe (atomics, `kill`, `write`), and keeps `errno`.
private func interruptHandler(_ signal: Int32) {
    let savedErrno = errno
    let group = SignalState.forwardGroup.load(ordering: .acquiring)
    if group > 0 {
        kill(-group, signal)
        SignalState.forwarded.store(signal, ordering: .releasing)
    } else {
        SignalState.pending.store(signal, ordering: .releasing)
    }
    let wake = SignalState.wakeWriteEnd.load(ordering: .acquiring)
    if wake >= 0 {
        var byte = UInt8(truncatingIfNeeded: signal)
        _ = write(wake, &byte, 1)
    }
    errno = savedErrno
}
