import Synchronization
import PotteryProcess
import PotterySystem
import Foundation
import Testing

@testable import PotteryCLI

/// Suites that touch process-wide signal state (dispositions, the interrupt atomics, the forwarding
/// slot) or spawn children that those signals could reach: one at a time.
@Suite(.serialized, .timeLimit(.minutes(2))) enum SignalSensitiveSuites {}

/// Runs `arguments` capturing stdout; no forwarding or terminal handoff unless asked.
func runChild(
    _ arguments: [String], environment: [String: String] = [:], input: [UInt8]? = nil,
    forwardsSignals: Bool = false, usesPidfd: Bool = true, waitsForGroup: Bool = false, tick: Double? = nil,
    killAfter: Double = 10, onOutput: (([UInt8]) -> Void)? = nil,
    onTick: () -> TickDecision = { .keepRunning }
) throws(ChildProcessError) -> (exit: ChildExit, output: [UInt8]) {
    var output: [UInt8] = []
    var child = ChildProcess(
        arguments, environment: environment.mapValues { Array($0.utf8) },
        standardInput: input.map { .bytes($0) } ?? .inherit,
        standardOutput: .capture { chunk in
            output.append(contentsOf: chunk)
            onOutput?(output)
        }, forwardsSignals: forwardsSignals, handsOverTerminal: false)
    child.usesPidfd = usesPidfd
    child.waitsForGroup = waitsForGroup
    let exit = try child.run(tick: tick, killAfter: killAfter, onTick: onTick)
    return (exit, output)
}

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// A fresh empty directory for one test.
func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "pottery-child-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Whether `pid` is gone or a zombie (killed, waiting for init to reap it).
func isDeadOrZombie(_ pid: pid_t) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
    guard let close = stat.lastIndex(of: ")") else { return true }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state == "Z" || state == "X"
}

/// Polls `condition` until it holds or `seconds` pass.
func eventually(within seconds: Double = 20, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

extension SignalSensitiveSuites {
    @Suite struct ChildProcessTests {
        @Test func exitStatusPassesThrough() throws {
            #expect(try ChildProcess(["true"], forwardsSignals: false).run().status == 0)
            #expect(try ChildProcess(["false"], forwardsSignals: false).run().status == 1)
            let exit = try ChildProcess(["/bin/sh", "-c", "exit 42"], forwardsSignals: false).run()
            #expect(exit.status == 42 && exit.ending == .exited(code: 42) && exit.stop == nil)
            #expect(exit.exitStatus == ExitStatus(rawValue: 42))
        }

        @Test func deathBySignalIs128PlusSignal() throws {
            let killed = try ChildProcess(["/bin/sh", "-c", "kill -KILL $$"], forwardsSignals: false).run()
            #expect(killed.ending == .signaled(signal: SIGKILL) && killed.status == 137)
            let terminated = try ChildProcess(["/bin/sh", "-c", "kill -TERM $$"], forwardsSignals: false)
                .run()
            #expect(terminated.status == 143)
        }

        @Test func extraVariablesJoinOurEnvironment() throws {
            let ours = ProcessInfo.processInfo.environment
            let (exit, output) = try runChild(
                [
                    "/bin/sh", "-c",
                    #"printf '%s|%s|%s|%s' "$POTTERY_LOCK_KEY" "$POTTERY_LOCK_TOKEN" "$HOME" "$PATH""#,
                ],
                environment: [
                    "POTTERY_LOCK_KEY": "jobs:nightly", "POTTERY_LOCK_TOKEN": "t 1", "HOME": "/override",
                ])
            #expect(exit.status == 0)
            #expect(text(output) == "jobs:nightly|t 1|/override|\(ours["PATH"] ?? "")")
        }

        @Test func argumentsArePassedLiterallyWithoutAShell() throws {
            let directory = temporaryDirectory()
            let marker = directory.appendingPathComponent("marker").path
            let arguments = [
                "a b", "\"double\"", "'single'", "$(touch \(marker))", "`touch \(marker)`", "*", "$HOME", "",
            ]
            let (exit, output) = try runChild(["printf", "%s\\n"] + arguments)
            #expect(exit.status == 0)
            #expect(text(output) == arguments.map { $0 + "\n" }.joined())
            #expect(!FileManager.default.fileExists(atPath: marker))
        }

        @Test func argumentBytesNeedNotBeUTF8() throws {
            var output: [UInt8] = []
            let child = ChildProcess(
                argumentBytes: [Array("printf".utf8), Array("%s".utf8), [0xFF, 0xFE, 0x41]],
                standardOutput: .capture { output.append(contentsOf: $0) }, forwardsSignals: false)
            #expect(try child.run().status == 0)
            #expect(output == [0xFF, 0xFE, 0x41])
        }

        @Test func commandNotFoundIs127() {
            for command in ["pottery-no-such-command-\(UUID().uuidString)", "/nonexistent/dir/cmd"] {
                #expect {
                    try ChildProcess([command], forwardsSignals: false).spawn()
                } throws: { error in
                    guard let error = error as? ChildProcessError else { return false }
                    return error.code == .notFound && error.exitStatus.rawValue == 127
                        && error.description.hasPrefix(command + ": ")
                }
            }
            let bare = ChildProcessError(.notFound, command: "nosuch", errno: .init(ENOENT))
            #expect(bare.description == "nosuch: command not found")
        }

        @Test func notExecutableIs126() throws {
            let directory = temporaryDirectory()
            let file = directory.appendingPathComponent("data.txt")
            try Data("echo hi\n".utf8).write(to: file)
            for command in [file.path, directory.path] {
                #expect {
                    try ChildProcess([command], forwardsSignals: false).spawn()
                } throws: { error in
                    guard let error = error as? ChildProcessError else { return false }
                    return error.code == .notExecutable && error.exitStatus.rawValue == 126
                        && error.description.contains("Permission denied")
                }
            }
        }

        @Test func emptyCommandIsAUsageError() {
            #expect(throws: ChildProcessError(.emptyCommand, command: "")) {
                try ChildProcess([String](), forwardsSignals: false).spawn()
            }
            #expect(ChildProcessError(.emptyCommand, command: "").exitStatus == .usage)
        }

        @Test func everyByteValueRoundTripsThroughStdinAndStdout() throws {
            let bytes = (0..<4).flatMap { _ in (0...255).map { UInt8($0) } }
            let (exit, output) = try runChild(["cat"], input: bytes)
            #expect(exit.status == 0 && exit.inputError == nil)
            #expect(output == bytes)
        }

        @Test func largeInputAndOutputDoNotDeadlock() throws {
            let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let (exit, output) = try runChild(["cat"], input: bytes)
            #expect(exit.status == 0)
            #expect(output.count == bytes.count && output == bytes)
        }

        @Test func emptyInputIsEndOfFile() throws {
            let (exit, output) = try runChild(["/bin/sh", "-c", "wc -c"], input: [])
            #expect(exit.status == 0 && text(output).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }

        @Test func aChildThatIgnoresItsInputDoesNotKillUs() throws {
            let bytes = [UInt8](repeating: 0x61, count: 1 << 20)
            let (exit, _) = try runChild(["/bin/sh", "-c", "exec 0<&-; exit 3"], input: bytes)
            #expect(exit.status == 3)
            #expect(exit.inputError == nil || exit.inputError == EPIPE)
        }

        @Test func teeAndCaptureEveryByte() throws {
            let bytes = (0...255).map { UInt8($0) }
            let teePipe = try #require(try? Pipe.make().get())
            defer { close(teePipe.readEnd) }
            let captured = CapturedOutput(limit: 1 << 20, teeTo: teePipe.writeEnd)
            let child = ChildProcess(
                ["cat"], standardInput: .bytes(bytes), standardOutput: .capture(captured.consume),
                forwardsSignals: false)
            #expect(try child.run().status == 0)
            close(teePipe.writeEnd)
            #expect(captured.bytes == bytes && !captured.overflowed && captured.total == 256)
            #expect(readAll(teePipe.readEnd) == bytes)
        }

        @Test func captureStopsPastTheLimitButPassThroughGoesOn() throws {
            let teePipe = try #require(try? Pipe.make().get())
            defer { close(teePipe.readEnd) }
            let captured = CapturedOutput(limit: 1000, teeTo: teePipe.writeEnd)
            let child = ChildProcess(
                ["/bin/sh", "-c", "head -c 10000 /dev/zero"], standardOutput: .capture(captured.consume),
                forwardsSignals: false)
            #expect(try child.run().status == 0)
            close(teePipe.writeEnd)
            #expect(captured.overflowed && captured.bytes.isEmpty && captured.total == 10000)
            #expect(readAll(teePipe.readEnd) == [UInt8](repeating: 0, count: 10000))
        }

        @Test func aClosedTeeIsRememberedNotFatal() throws {
            let teePipe = try #require(try? Pipe.make().get())
            close(teePipe.readEnd)
            defer { close(teePipe.writeEnd) }
            let captured = CapturedOutput(teeTo: teePipe.writeEnd)
            let child = ChildProcess(
                ["printf", "hello"], standardOutput: .capture(captured.consume), forwardsSignals: false)
            #expect(try child.run().status == 0)
            #expect(captured.teeError == EPIPE && captured.bytes == Array("hello".utf8))
        }

        /// `captureWhile`: once passing through fails, the child meets the broken pipe too, as
        /// `yes | head` does, instead of writing forever into a capture nobody reads.
        @Test func aClosedTeeStopsAWriterThatNeverEnds() throws {
            let teePipe = try #require(try? Pipe.make().get())
            close(teePipe.readEnd)
            defer { close(teePipe.writeEnd) }
            let captured = CapturedOutput(limit: 1 << 20, teeTo: teePipe.writeEnd)
            let child = ChildProcess(
                ["yes"], standardOutput: .captureWhile(captured.take), forwardsSignals: false)
            let exit = try child.run()
            #expect(exit.ending == .signaled(signal: SIGPIPE) && exit.status == 141)
            #expect(captured.teeError == EPIPE && captured.total < 1 << 20)
        }

        /// Captured output is read until every writer has closed it, as `$(...)` does: a background
        /// grandchild's later output is part of it (it was cut at the child's exit before).
        @Test func captureReadsUntilEveryWriterHasClosedTheOutput() throws {
            let (exit, output) = try runChild(["/bin/sh", "-c", "echo start; (sleep 0.5; echo late) &"])
            #expect(exit.status == 0)
            #expect(text(output) == "start\nlate\n")
        }

        /// A background descendant that does not hold the output does not hold a plain wait; with
        /// `waitsForGroup`, the wait (and its ticks) lasts until the group is gone.
        @Test func waitsForGroupLastsUntilTheBackgroundDescendantsAreGone() throws {
            let directory = temporaryDirectory()
            let marker = directory.appendingPathComponent("late").path
            let script = "(sleep 1; touch \(marker)) >/dev/null & echo $!"
            let (plain, _) = try runChild(["/bin/sh", "-c", script])
            #expect(plain.status == 0 && !FileManager.default.fileExists(atPath: marker))
            #expect(eventually { FileManager.default.fileExists(atPath: marker) })
            try FileManager.default.removeItem(atPath: marker)
            var ticks = 0
            let (grouped, _) = try runChild(
                ["/bin/sh", "-c", script + "; exit 4"], waitsForGroup: true, tick: 0.1,
                onTick: {
                    ticks += 1
                    return .keepRunning
                })
            #expect(grouped.status == 4 && grouped.stop == nil)
            #expect(FileManager.default.fileExists(atPath: marker))
            #expect(ticks >= 2)  // the ticks (the lease) went on after the shell itself had exited
        }

        /// A lost lease while only a background descendant is left terminates it too.
        @Test func aLostLeaseTerminatesWhatIsLeftOfTheGroup() throws {
            var ticks = 0
            let started = MonotonicClock.now()
            let (exit, output) = try runChild(
                ["/bin/sh", "-c", "sleep 60 >/dev/null & echo $!"], waitsForGroup: true, tick: 0.1,
                onTick: {
                    ticks += 1
                    return ticks >= 2 ? .terminate : .keepRunning
                })
            let grandchild = pid_t(text(output).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            #expect(exit.status == 0 && exit.stop == .terminated)
            #expect(grandchild > 0 && eventually { isDeadOrZombie(grandchild) })
            #expect(MonotonicClock.now() - started < 20)
        }

        @Test func nothingIsEndOfFileAtOnce() throws {
            var output: [UInt8] = []
            let child = ChildProcess(
                ["/bin/sh", "-c", "readlink /proc/self/fd/0; wc -c"], standardInput: .nothing,
                standardOutput: .capture { output.append(contentsOf: $0) }, forwardsSignals: false,
                handsOverTerminal: false)
            #expect(try child.run().status == 0)
            #expect(
                text(output).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } == [
                    "/dev/null", "0",
                ])
        }

        /// Values of added variables are bytes: a key that is not UTF-8 reaches the child exactly
        /// (it was decoded as UTF-8 before, turning 0xFF into U+FFFD).
        @Test func environmentValuesPassByteForByte() throws {
            let value: [UInt8] = [0x6B, 0xFF, 0xFE, 0x20, 0x3D, 0x0A, 0xC3]
            var output: [UInt8] = []
            let child = ChildProcess(
                ["/bin/sh", "-c", "printf %s \"$POTTERY_LOCK_KEY\""],
                environment: ["POTTERY_LOCK_KEY": value],
                standardOutput: .capture { output.append(contentsOf: $0) }, forwardsSignals: false,
                handsOverTerminal: false)
            #expect(try child.run().status == 0)
            #expect(output == value)
        }

        @Test func pidfdIsUsedWhenTheSystemHasOne() throws {
            #expect(GlibcExtensions.pidfdOpen != nil)  // glibc 2.36+ on Linux 5.3+: this machine
            let running = try ChildProcess(["true"], forwardsSignals: false).spawn()
            #expect(running.exitDescriptor >= 0)
            #expect(running.wait().status == 0)
        }

        @Test(arguments: [true, false]) func thePollingFallbackWorksToo(usesPidfd: Bool) throws {
            let (exit, output) = try runChild(
                ["/bin/sh", "-c", "cat; exit 5"], input: Array("in".utf8), usesPidfd: usesPidfd)
            #expect(exit.status == 5 && output == Array("in".utf8))
            var ticks = 0
            let (lost, _) = try runChild(
                ["/bin/sh", "-c", "trap '' TERM; sleep 60 >/dev/null; echo unreachable"],
                usesPidfd: usesPidfd,
                tick: 0.05, killAfter: 0.3,
                onTick: {
                    ticks += 1
                    return ticks >= 3 ? .terminate : .keepRunning
                })
            #expect(ticks == 3 && lost.stop == .killed && lost.status == 137)
        }

        @Test func tickScheduleSkipsMissedPeriods() {
            var schedule = TickSchedule(period: 0.5, start: 10)
            #expect(schedule.next == 10.5 && !schedule.isDue(at: 10.4) && schedule.isDue(at: 10.5))
            schedule.advance(past: 10.6)
            #expect(schedule.next == 11)
            schedule.advance(past: 12.2)  // a slow onTick: 11.5 and 12 are not repeated
            #expect(schedule.next == 12.5)
            schedule.stop()
            #expect(schedule.next == nil && !schedule.isDue(at: 100))
            #expect(TickSchedule(period: nil, start: 0).next == nil)
        }

        @Test func noDescriptorOfOursLeaksIntoTheChild() throws {
            let leaky = open("/dev/null", O_RDONLY)  // deliberately without O_CLOEXEC
            defer { close(leaky) }
            Interrupts.install()
            defer { Interrupts.restoreDefaults() }
            let ours = [leaky, Interrupts.wakeDescriptor, SignalState.wakeWriteEnd.load(ordering: .relaxed)]
            #expect(ours.allSatisfy { $0 >= 3 })
            let checks = ours.map { "test -e /proc/$$/fd/\($0) && echo leaked:\($0)" }.joined(separator: "; ")
            let (exit, output) = try runChild(["/bin/sh", "-c", checks + "; echo done"], input: [1, 2, 3])
            #expect(exit.status == 0)
            #expect(text(output) == "done\n")
        }

        @Test func signalMaskIsEmptiedAndDispositionsReset() throws {
            _ = Interrupts.wasIgnoredAtStart(SIGUSR2)  // sample startup dispositions first
            var previous = sigaction()
            var ignore = sigaction()
            ignore.__sigaction_handler = .init(sa_handler: SIG_IGN)
            sigaction(SIGUSR2, &ignore, &previous)
            defer { sigaction(SIGUSR2, &previous, nil) }
            var blocked = sigset_t()
            sigemptyset(&blocked)
            sigaddset(&blocked, SIGUSR1)
            var oldMask = sigset_t()
            pthread_sigmask(SIG_BLOCK, &blocked, &oldMask)
            defer { pthread_sigmask(SIG_SETMASK, &oldMask, nil) }

            let (exit, output) = try runChild([
                "/bin/sh", "-c", "exec grep -E '^Sig(Blk|Ign):' /proc/self/status",
            ])
            #expect(exit.status == 0)
            let fields = Dictionary(
                uniqueKeysWithValues: text(output).split(separator: "\n").map { line in
                    let parts = line.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
                    return (parts[0], UInt64(parts[1], radix: 16) ?? .max)
                })
            #expect(fields["SigBlk"] == 0)
            let usr2 = UInt64(1) << UInt64(SIGUSR2 - 1)
            #expect(fields["SigIgn"].map { $0 & usr2 == 0 } == true)
        }

        @Test func childLeadsItsOwnProcessGroup() throws {
            let (exit, output) = try runChild(["/bin/sh", "-c", "echo $$; ps -o pgid= -p $$"])
            #expect(exit.status == 0)
            let numbers = text(output).split(whereSeparator: \.isWhitespace).map(String.init)
            #expect(numbers.count == 2 && numbers[0] == numbers[1])
            #expect(numbers.first != String(getpgrp()))
        }

        @Test func ticksKeepTheirScheduleWhileTheChildRuns() throws {
            var ticks: [Double] = []
            let started = MonotonicClock.now()
            let (exit, _) = try runChild(
                ["sleep", "1.5"], tick: 0.2,
                onTick: {
                    ticks.append(MonotonicClock.now())
                    return .keepRunning
                })
            let elapsed = MonotonicClock.now() - started
            #expect(exit.status == 0 && exit.stop == nil)
            #expect(ticks.count >= 3 && Double(ticks.count) <= elapsed / 0.2 + 1)
            // On schedule: tick k comes no earlier than k periods after the start.
            #expect(ticks.enumerated().allSatisfy { $1 - started >= Double($0 + 1) * 0.2 - 0.001 })
        }

        @Test func aLostLeaseTerminatesTheGroup() throws {
            var grandchild: pid_t = 0
            var ready = false
            var ticksAfterStop = 0
            var stopped = false
            let (exit, output) = try runChild(
                ["/bin/sh", "-c", "sleep 60 >/dev/null & echo $!; echo ready; wait"], tick: 0.05,
                killAfter: 20,
                onOutput: { output in
                    let lines = text(output).split(separator: "\n")
                    if lines.count >= 2 { grandchild = pid_t(lines[0]) ?? 0; ready = true }
                },
                onTick: {
                    if stopped { ticksAfterStop += 1 }
                    if ready { stopped = true }
                    return ready ? .terminate : .keepRunning
                })
            #expect(text(output).hasSuffix("ready\n"))
            #expect(exit.stop == .terminated && exit.status == 143)
            #expect(ticksAfterStop == 0)
            #expect(grandchild > 0 && eventually { isDeadOrZombie(grandchild) })
        }

        @Test func aChildThatIgnoresTermIsKilledAfterTheGrace() throws {
            var grandchild: pid_t = 0
            var ready = false
            let started = MonotonicClock.now()
            var terminatedAt = 0.0
            let (exit, _) = try runChild(
                ["/bin/sh", "-c", "trap '' TERM; sleep 60 >/dev/null & echo $!; echo ready; wait"],
                tick: 0.05,
                killAfter: 0.5,
                onOutput: { output in
                    let lines = text(output).split(separator: "\n")
                    if lines.count >= 2 { grandchild = pid_t(lines[0]) ?? 0; ready = true }
                },
                onTick: {
                    if ready { terminatedAt = MonotonicClock.now() }
                    return ready ? .terminate : .keepRunning
                })
            #expect(exit.stop == .killed && exit.ending == .signaled(signal: SIGKILL) && exit.status == 137)
            #expect(terminatedAt > started && MonotonicClock.now() - terminatedAt >= 0.49)
            #expect(grandchild > 0 && eventually { isDeadOrZombie(grandchild) })
        }
    }
}

/// Everything left in `fd` until end of file.
func readAll(_ fd: Int32) -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = read(fd, &buffer, buffer.count)
        if count > 0 {
            result += buffer[0..<count]
        } else if count < 0 && errno == EINTR {
            continue
        } else {
            return result
        }
    }
}

@Suite struct ChildProcessErrorRenderingTests {
    @Test func rendersAsAShellWould() {
        let notFound = ErrorRenderer.render(
            ChildProcessError(.notFound, command: "deploy.sh", errno: .init(ENOENT)), context: "lock run jobs"
        )
        #expect(notFound.line == "pottery: lock run jobs: deploy.sh: command not found")
        #expect(notFound.status.rawValue == 127)
        let denied = ErrorRenderer.render(
            ChildProcessError(.notExecutable, command: "./x", errno: .init(EACCES)), context: "cache run k")
        #expect(
            denied.line == "pottery: cache run k: ./x: Permission denied" && denied.status.rawValue == 126)
        let interrupted = ErrorRenderer.render(
            ChildProcessError(.interrupted(signal: SIGINT), command: "make"), context: "lock run k")
        #expect(interrupted.status.rawValue == 130)
    }
}
