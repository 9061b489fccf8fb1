import PotterySystem
#if canImport(Glibc)
    import Glibc
#endif
import CPotterySpawn

extension RunningChild {
    /// Waits for the child while feeding its standard input, delivering its captured output, and
    /// calling `onTick` every `tick` seconds (`lock run` extends its lease every ttl/3 there).
    ///
    /// Ticks keep their schedule whatever signals arrive (deadlines are on the monotonic clock;
    /// `EINTR` only recomputes the timeout); a tick that comes late is not repeated to catch up.
    /// When `onTick` answers ``TickDecision/terminate``, ticking stops, the child's process group
    /// gets SIGTERM, and SIGKILL `grace` seconds later if the child is still there; when the child
    /// has ended, whatever is left of its group gets SIGKILL too. ``ChildExit/stop`` says so.
    ///
    /// Exit is noticed through a pidfd (or, without one, by checking every 20 ms); the terminal is
    /// then taken back and the child reaped. The wait is over only when, besides:
    /// - captured output has reached end of file, that is every process that holds the pipe (a
    ///   background grandchild too) has closed it, as the shell's `$(...)` waits;
    /// - with ``waitsForGroup``, nothing is left of the child's process group (looked for every
    ///   ``groupInterval``); ticks, forwarding and the lease go on meanwhile.
    ///
    /// With ``forwardsSignals``, a child that stops (Ctrl-Z) stops pottery too; see
    /// ``followStop(_:)``.
    package func wait(
        tick: Double? = nil, killAfter grace: Double = 10, onTick: () -> TickDecision = { .keepRunning }
    ) -> ChildExit {
        if let exit { return exit }
        var buffer = [UInt8](repeating: 0, count: 65536)
        var schedule = TickSchedule(period: tick, start: MonotonicClock.now())
        var killAt: Double?
        var stop: ChildExit.Stop?
        var inputError: Int32?
        var ending: ChildExit.Ending?
        let wake = forwardsSignals ? Interrupts.wakeDescriptor : -1
        if feed?.bytes.isEmpty == true { closeFeed() }

        /// Runs `onTick` and acts on its answer.
        func runTick() {
            let decision = onTick()
            schedule.advance(past: MonotonicClock.now())
            if decision == .terminate {
                signalGroup(SIGTERM)
                stop = .terminated
                killAt = MonotonicClock.now() + max(grace, 0)
                schedule.stop()
            }
        }

        while true {
            if ending == nil && hasExited() {
                terminal?.takeBack(from: pid)
                closeFeed()
                ending = reapLeader()
                if stop != nil { signalGroup(SIGKILL) }  // leftovers of a group told to end
            }
            if ending != nil && capture == nil && !(waitsForGroup && groupIsAlive()) { break }

            var entries: [pollfd] = []
            if ending == nil && exitDescriptor >= 0 {
                entries.append(pollfd(fd: exitDescriptor, events: Int16(POLLIN), revents: 0))
            }
            if let capture { entries.append(pollfd(fd: capture.fd, events: Int16(POLLIN), revents: 0)) }
            if let feed { entries.append(pollfd(fd: feed.fd, events: Int16(POLLOUT), revents: 0)) }
            if wake >= 0 { entries.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
            var deadlines = [schedule.next, killAt].compactMap { $0 }
            let now = MonotonicClock.now()
            if ending == nil && exitDescriptor < 0 { deadlines.append(now + Self.fallbackInterval) }
            if ending != nil && waitsForGroup { deadlines.append(now + Self.groupInterval) }
            let timeout = deadlines.min().map { MonotonicClock.pollTimeout(until: $0, now: now) } ?? -1
            let ready = poll(&entries, nfds_t(entries.count), timeout)
            if ready < 0 && errno != EINTR && errno != EAGAIN {
                // Cannot happen with valid descriptors; do not spin.
                _ = interruptibleSleep(for: .milliseconds(10), interruptCheck: nil)
            }

            for entry in entries where ready > 0 && entry.revents != 0 {
                if entry.fd == capture?.fd {
                    readOutput(&buffer)
                } else if entry.fd == feed?.fd {
                    if let error = writeInput() { inputError = error }
                } else if entry.fd == wake {
                    Interrupts.drainWakePipe()
                }
            }

            if forwardsSignals && ending == nil, let signal = stopSignal() {
                followStop(signal)
                // Resumed: the lease is looked at before the child may run again.
                if stop == nil && schedule.next != nil { runTick() }
                if stop == nil { terminal?.give(to: pid) }
                signalGroup(SIGCONT)
            }
            let after = MonotonicClock.now()
            if let deadline = killAt, after >= deadline {
                signalGroup(SIGKILL)
                stop = .killed
                killAt = nil
            }
            if stop == nil && schedule.isDue(at: after) { runTick() }
        }

        let forwarded = forwardsSignals ? SignalForwarding.end() : nil
        return finish(
            ending: ending ?? .exited(code: 127), stop: stop, forwardedSignal: forwarded,
            inputError: inputError)
    }

    /// Reads what the output pipe holds and delivers it; closes it at end of file.
    private func readOutput(_ buffer: inout [UInt8]) {
        guard let capture else { return }
        while true {
            let count = read(capture.fd, &buffer, buffer.count)
            if count > 0 {
                guard capture.deliver(buffer[0..<count]) else { break }
                return
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && errno == EAGAIN { return }
            break
        }
        close(capture.fd)
        self.capture = nil
    }

    /// Writes what the input pipe takes; closes it when all is written (end of file for the child)
    /// or the child closed its end. Returns the `errno` of a failure (`EPIPE`).
    private func writeInput() -> Int32? {
        guard var feed else { return nil }
        while !feed.bytes.isEmpty {
            let written = feed.bytes.withUnsafeBytes { FileDescriptor.writeWithoutSIGPIPE(feed.fd, $0) }
            if written > 0 {
                feed.bytes = feed.bytes.dropFirst(written)
                continue
            }
            if written < 0 && errno == EINTR { continue }
            if written < 0 && errno == EAGAIN {
                self.feed = feed
                return nil
            }
            let error = errno
            self.feed = feed
            closeFeed()
            return error
        }
        self.feed = feed
        closeFeed()
        return nil
    }

    private func closeFeed() {
        if let feed { close(feed.fd) }
        feed = nil
    }
}
