import CPotterySpawn
/// How a child ended, and what pottery did to it on the way.
package struct ChildExit: Sendable, Equatable {
    /// The end the kernel reports.
    package enum Ending: Sendable, Equatable {
        case exited(code: Int32)
        case signaled(signal: Int32)
    }

    /// What the runner did after `onTick` answered ``TickDecision/terminate``.
    package enum Stop: Sendable, Equatable {
        /// SIGTERM went to the group and the child ended within the grace period (its remaining
        /// group members then got SIGKILL).
        case terminated
        /// The child outlived the grace period; the group got SIGKILL.
        case killed
    }

    package var ending: Ending
    /// `nil` unless `onTick` asked to stop the child.
    package var stop: Stop?
    /// The last signal forwarded to the child's group from pottery's handlers, if any.
    package var forwardedSignal: Int32?
    /// The `errno` that ended feeding standard input early (`EPIPE`: the child did not read all of
    /// it), if any.
    package var inputError: Int32?

    /// The status as shells report it: the exit code, or 128 + the signal number.
    package var status: Int32 {
        switch ending {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }

    /// ``status`` as pottery's exit status.
    package var exitStatus: ExitStatus { ExitStatus(rawValue: status) }

    /// Decodes a `waitpid` status (exited or killed; stops are not waited for).
    package static func ending(fromWaitStatus raw: Int32) -> Ending {
        let signal = raw & 0x7F
        return signal == 0 ? .exited(code: (raw >> 8) & 0xFF) : .signaled(signal: signal)
    }
}

/// What `onTick` tells the runner.
package enum TickDecision: Sendable, Equatable {
    /// Keep waiting (the lease was extended).
    case keepRunning
    /// Stop the child: SIGTERM to its group, SIGKILL after the grace period (the lease was lost).
    case terminate
}
