package import Synchronization

/// The process-wide state that the interrupt handler reads and writes. Atomics only, so the handler
/// stays async-signal-safe; every one is touched by ``Interrupts/install()`` before a handler can
/// run, so no lazy initialisation ever happens inside a handler.
package enum SignalState {
    /// The last SIGINT/SIGTERM/SIGHUP that arrived while no child was running; 0 for none.
    package static let pending = Atomic<Int32>(0)
    /// The process group that signals are forwarded to while a child runs; 0 for none.
    package static let forwardGroup = Atomic<Int32>(0)
    /// The last signal forwarded to `forwardGroup`; 0 for none.
    package static let forwarded = Atomic<Int32>(0)
    /// Write end of the wake-up pipe; the handler writes one byte there so that a `poll` on any
    /// thread notices the signal; -1 before installation.
    package static let wakeWriteEnd = Atomic<Int32>(-1)
    /// Read end of the wake-up pipe; -1 before installation.
    package static let wakeReadEnd = Atomic<Int32>(-1)
    /// Whether our handlers are in place.
    package static let installed = Atomic<Bool>(false)
    /// Bit `n` set: signal `n` was ignored when pottery started (e.g. under `nohup`, or as a
    /// background job of a script); -1 until sampled.
    package static let ignoredAtStart = Atomic<Int64>(-1)
}
