#if canImport(Glibc)
    import Glibc
#endif
package import CPotterySpawn
import Synchronization

/// While a child runs, SIGINT, SIGTERM and SIGHUP sent to pottery go to the child's process group
/// instead of interrupting pottery; pottery then waits for the child and exits with its status
/// (SIGTERM → the child dies → 143). The ``Interrupts`` handler does the forwarding; this type
/// only says where to. One child at a time: pottery runs one.
///
/// For job control, while the child runs: SIGTSTP sent to pottery (Ctrl-Z when the child does not
/// have the terminal) goes to the child's group too, and SIGCHLD wakes the wait (through the wake-up
/// pipe) so that a stopped child is noticed at once. Both handlers are in place only between
/// ``begin(group:)`` and ``end()``; the dispositions from before come back after.
package enum SignalForwarding {
    /// Starts forwarding to `group`. A signal that arrived between the spawn and this call (and was
    /// therefore recorded as pending) is forwarded now. Installs ``Interrupts`` if needed.
    package static func begin(group: pid_t) {
        Interrupts.install()
        SignalState.forwarded.store(0, ordering: .releasing)
        SignalState.forwardGroup.store(group, ordering: .releasing)
        JobControlHandlers.install()
        if let signal = Interrupts.take() {
            kill(-group, signal)
            SignalState.forwarded.store(signal, ordering: .releasing)
        }
    }

    /// Stops forwarding (before the group can be gone, so its id cannot be reused meanwhile);
    /// returns the last signal forwarded, if any.
    @discardableResult
    package static func end() -> Int32? {
        JobControlHandlers.restore()
        SignalState.forwardGroup.store(0, ordering: .releasing)
        let signal = SignalState.forwarded.exchange(0, ordering: .acquiringAndReleasing)
        return signal == 0 ? nil : signal
    }

    /// The last signal forwarded since ``begin(group:)``, if any.
    package static var lastForwarded: Int32? {
        let signal = SignalState.forwarded.load(ordering: .acquiring)
        return signal == 0 ? nil : signal
    }
}

/// The SIGCHLD and SIGTSTP handlers of ``SignalForwarding``, and the dispositions they replaced.
private enum JobControlHandlers {
    /// The actions replaced by ``install()``; touched only by the thread that runs the child, never
    /// by a handler.
    nonisolated(unsafe) static var saved: [Int32: sigaction] = [:]

    package static func install() {
        guard saved.isEmpty else { return }
        saved[SIGCHLD] = replace(SIGCHLD, with: wakeHandler, flags: SA_RESTART)
        var current = sigaction()
        sigaction(SIGTSTP, nil, &current)
        // A SIGTSTP ignored by whoever started pottery stays ignored.
        if !isIgnored(current) { saved[SIGTSTP] = replace(SIGTSTP, with: stopForwarder, flags: SA_RESTART) }
    }

    package static func restore() {
        for (signal, action) in saved {
            var previous = action
            sigaction(signal, &previous, nil)
        }
        saved = [:]
    }

    private static func replace(_ signal: Int32, with handler: @convention(c) (Int32) -> Void, flags: Int32)
        -> sigaction
    {
        var action = sigaction()
        action.__sigaction_handler = .init(sa_handler: handler)
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        var previous = sigaction()
        sigaction(signal, &action, &previous)
        return previous
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
            == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}

/// SIGCHLD: wakes the wait. Async-signal-safe (an atomic load and `write`), keeps `errno`.
private func wakeHandler(_ signal: Int32) {
    let savedErrno = errno
    let wake = SignalState.wakeWriteEnd.load(ordering: .acquiring)
    if wake >= 0 {
        var byte = UInt8(truncatingIfNeeded: signal)
        _ = write(wake, &byte, 1)
    }
    errno = savedErrno
}

/// SIGTSTP: stops the child's group (pottery follows when the child has stopped).
private func stopForwarder(_ signal: Int32) {
    let savedErrno = errno
    let group = SignalState.forwardGroup.load(ordering: .acquiring)
    if group > 0 { kill(-group, SIGTSTP) }
    errno = savedErrno
}
