#if canImport(Glibc)
    import Glibc
#endif
import Synchronization

/// While a child runs, SIGINT, SIGTERM and SIGHUP sent to pottery go to the child's process group
/// instead of interrupting pottery; pottery then waits for the child and exits with its status
/// (SIGTERM → the child dies → 143). The ``Interrupts`` handler does the forwarding; this type
/// only says where to. One child at a time: pottery runs one.
enum SignalForwarding {
    /// Starts forwarding to `group`. A signal that arrived between the spawn and this call (and was
    /// therefore recorded as pending) is forwarded now. Installs ``Interrupts`` if needed.
    static func begin(group: pid_t) {
        Interrupts.install()
        SignalState.forwarded.store(0, ordering: .releasing)
        SignalState.forwardGroup.store(group, ordering: .releasing)
        if let signal = Interrupts.take() {
            kill(-group, signal)
            SignalState.forwarded.store(signal, ordering: .releasing)
        }
    }

    /// Stops forwarding (before the child is reaped, so its group id cannot be reused meanwhile);
    /// returns the last signal forwarded, if any.
    @discardableResult
    static func end() -> Int32? {
        SignalState.forwardGroup.store(0, ordering: .releasing)
        let signal = SignalState.forwarded.exchange(0, ordering: .acquiringAndReleasing)
        return signal == 0 ? nil : signal
    }

    /// The last signal forwarded since ``begin(group:)``, if any.
    static var lastForwarded: Int32? {
        let signal = SignalState.forwarded.load(ordering: .acquiring)
        return signal == 0 ? nil : signal
    }
}
