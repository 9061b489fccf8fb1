import PotteryProcess
import PotterySystem
import Foundation
import Testing

@testable import PotteryCLI

/// The current disposition of `signal` is the default one.
func hasDefaultDisposition(_ signal: Int32) -> Bool {
    var current = sigaction()
    sigaction(signal, nil, &current)
    return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
        == unsafeBitCast(SIG_DFL, to: Int.self)
}

/// Runs `body` with SIGINT, SIGTERM and SIGHUP unblocked in this thread. Test functions run on
/// worker threads that block most signals, where `raise` would leave them pending instead of
/// running our handler; the mask is per thread, so nothing else is affected.
func withInterruptSignalsUnblocked<Result>(_ body: () throws -> Result) rethrows -> Result {
    var signals = sigset_t()
    sigemptyset(&signals)
    for signal in Interrupts.signals { sigaddset(&signals, signal) }
    var previous = sigset_t()
    pthread_sigmask(SIG_UNBLOCK, &signals, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return try body()
}

/// Whether `fd` has something to read right now.
func isReadable(_ fd: Int32) -> Bool {
    var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, 0) > 0
}

extension SignalSensitiveSuites {
    /// Signals are raised at this thread only (`raise`), with our handlers installed; every test
    /// puts the dispositions back, so nothing else in the test process can be hurt.
    @Suite struct InterruptsTests {
        @Test func aRaisedSignalIsRecordedNotFatal() {
            withInterruptSignalsUnblocked {
                Interrupts.install()
                defer { Interrupts.restoreDefaults() }
                for (signal, status) in [(SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129)] {
                    Interrupts.clear()
                    Interrupts.drainWakePipe()
                    #expect(Interrupts.pending == nil && !Interrupts.check())
                    raise(signal)
                    #expect(Interrupts.pending == signal)
                    #expect(Interrupts.check())
                    #expect(Interrupts.pendingExitStatus == ExitStatus(rawValue: Int32(status)))
                    #expect(isReadable(Interrupts.wakeDescriptor))
                    Interrupts.drainWakePipe()
                    #expect(!isReadable(Interrupts.wakeDescriptor))
                    Interrupts.clear()
                    #expect(Interrupts.pending == nil && !Interrupts.check())
                }
                raise(SIGINT)
                #expect(Interrupts.take() == SIGINT && Interrupts.pending == nil)
            }
        }

        @Test func restoreDefaultsPutsTheDispositionsBack() {
            withInterruptSignalsUnblocked {
                Interrupts.install()
                #expect(Interrupts.isInstalled)
                #expect(!hasDefaultDisposition(SIGINT) || Interrupts.wasIgnoredAtStart(SIGINT))
                raise(SIGTERM)
                Interrupts.restoreDefaults()
                #expect(!Interrupts.isInstalled && Interrupts.pending == nil)
                for signal in Interrupts.signals where !Interrupts.wasIgnoredAtStart(signal) {
                    #expect(hasDefaultDisposition(signal))
                }
            }
        }

        @Test func aBlockingPollInAnotherThreadIsInterrupted() throws {
            try withInterruptSignalsUnblocked {
                Interrupts.install()
                defer { Interrupts.restoreDefaults() }
                Interrupts.clear()
                let pipe = try #require(try? Pipe.make().get())
                defer {
                    close(pipe.readEnd)
                    close(pipe.writeEnd)
                }
                let started = DispatchSemaphore(value: 0)
                let finished = DispatchSemaphore(value: 0)
                nonisolated(unsafe) var waiter = pthread_t()
                nonisolated(unsafe) var sawInterrupt = false
                let thread = Thread {
                    waiter = pthread_self()
                    started.signal()
                    var entry = pollfd(fd: pipe.readEnd, events: Int16(POLLIN), revents: 0)
                    while true {
                        let ready = poll(&entry, 1, -1)
                        if ready < 0 && errno == EINTR && Interrupts.check() {
                            sawInterrupt = true
                            break
                        }
                        if ready > 0 { break }
                    }
                    finished.signal()
                }
                thread.start()
                started.wait()
                // The thread may not be inside poll yet: signal until it reports (the first signal may
                // just set `pending` before it blocks; a later one then interrupts the poll).
                var reported = false
                for _ in 0..<200 where !reported {
                    pthread_kill(waiter, SIGINT)
                    reported = finished.wait(timeout: .now() + 0.1) == .success
                }
                if !reported {
                    _ = write(pipe.writeEnd, "x", 1)
                    finished.wait()
                }
                #expect(reported && sawInterrupt)
                #expect(Interrupts.pending == SIGINT)
            }
        }
    }

    /// While a child runs, SIGINT/SIGTERM/SIGHUP go to its process group instead.
    @Suite struct SignalForwardingTests {
        /// Runs `script` with forwarding on, raising `signal` at ourselves once it printed `ready`.
        func run(_ script: String, raising signal: Int32) throws -> (exit: ChildExit, output: String) {
            Interrupts.install()
            Interrupts.clear()
            var raised = false
            let (exit, output) = try runChild(
                ["/bin/sh", "-c", script], forwardsSignals: true,
                onOutput: { output in
                    if !raised && text(output).contains("ready\n") {
                        raised = true
                        raise(signal)
                    }
                })
            return (exit, text(output))
        }

        @Test func sigtermGoesToTheChildAndItsStatusComesBack() throws {
            try withInterruptSignalsUnblocked {
                defer { Interrupts.restoreDefaults() }
                let (exit, _) = try run("echo ready; exec sleep 30", raising: SIGTERM)
                #expect(exit.status == 143 && exit.forwardedSignal == SIGTERM)
                #expect(Interrupts.pending == nil)
            }
        }

        @Test func sighupGoesToTheChild() throws {
            try withInterruptSignalsUnblocked {
                defer { Interrupts.restoreDefaults() }
                let (exit, _) = try run("echo ready; exec sleep 30", raising: SIGHUP)
                #expect(exit.status == 129 && exit.forwardedSignal == SIGHUP && Interrupts.pending == nil)
            }
        }

        @Test func sigintReachesTheChildsTrap() throws {
            try withInterruptSignalsUnblocked {
                defer { Interrupts.restoreDefaults() }
                let (exit, output) = try run(
                    "trap 'echo got-INT; exit 7' INT; echo ready; while :; do sleep 0.05; done",
                    raising: SIGINT)
                #expect(exit.status == 7 && output.hasSuffix("got-INT\n"))
                #expect(exit.forwardedSignal == SIGINT && Interrupts.pending == nil)
            }
        }

        @Test func afterTheChildEndsSignalsAreInterruptsAgain() throws {
            try withInterruptSignalsUnblocked {
                defer { Interrupts.restoreDefaults() }
                _ = try run("echo ready; exec sleep 30", raising: SIGTERM)
                raise(SIGINT)
                #expect(Interrupts.pending == SIGINT)
            }
        }

        @Test func aPendingSignalPreventsTheStart() throws {
            withInterruptSignalsUnblocked {
                Interrupts.install()
                defer { Interrupts.restoreDefaults() }
                let directory = temporaryDirectory()
                let marker = directory.appendingPathComponent("started").path
                raise(SIGINT)
                #expect(throws: ChildProcessError(.interrupted(signal: SIGINT), command: "touch")) {
                    try ChildProcess(["touch", marker]).spawn()
                }
                #expect(
                    ChildProcessError(.interrupted(signal: SIGINT), command: "x").exitStatus.rawValue == 130)
                #expect(!FileManager.default.fileExists(atPath: marker))
            }
        }

        @Test func ticksKeepTheirScheduleUnderASignalStorm() throws {
            try withInterruptSignalsUnblocked {
                Interrupts.install()
                defer { Interrupts.restoreDefaults() }
                Interrupts.clear()
                let waiter = pthread_self()
                let stop = DispatchSemaphore(value: 0)
                let stopped = DispatchSemaphore(value: 0)
                nonisolated(unsafe) var sent = 0
                Thread {
                    while stop.wait(timeout: .now() + 0.03) == .timedOut {
                        pthread_kill(waiter, SIGINT)
                        sent += 1
                    }
                    stopped.signal()
                }.start()
                var ticks: [Double] = []
                let started = MonotonicClock.now()
                let result = Result {
                    try runChild(
                        ["/bin/sh", "-c", "trap '' INT; sleep 1.5"], forwardsSignals: true, tick: 0.2,
                        onTick: {
                            ticks.append(MonotonicClock.now())
                            return .keepRunning
                        })
                }
                stop.signal()
                stopped.wait()
                let elapsed = MonotonicClock.now() - started
                let exit = try result.get().exit
                #expect(exit.status == 0 && exit.forwardedSignal == SIGINT && sent >= 10)
                #expect(ticks.count >= 3 && Double(ticks.count) <= elapsed / 0.2 + 1)
                // On schedule: tick k comes no earlier than k periods after the start.
                #expect(ticks.enumerated().allSatisfy { $1 - started >= Double($0 + 1) * 0.2 - 0.001 })
                Interrupts.clear()
            }
        }
    }
}
