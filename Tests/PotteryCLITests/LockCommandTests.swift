import PotteryProcess
import Foundation
import RedisTestSupport
import Testing

/// Runs pottery in the background (a `lock run` that other commands race against).
final class Background {
    let process = Process()
    let output = Pipe()

    init(_ arguments: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: PotteryBinary.path)
        process.arguments = arguments
        var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = output
        process.standardError = output
        // Test threads block SIGTERM and friends, and a child inherits the mask: unblock them
        // around the spawn so the child can be signalled as from a shell.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &signals, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    /// Waits for the end (killing it after `timeout` seconds) and returns its exit status.
    func finish(timeout: Double = 60) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var text: String { String(decoding: output.fileHandleForReading.availableData, as: UTF8.self) }
}

/// Waits until `condition` holds (polling), for at most `timeout` seconds.
func eventually(timeout: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}

func temporaryPath(_ name: String) -> String {
    NSTemporaryDirectory() + "/pottery-lock-\(UUID().uuidString)-" + name
}

@Suite struct LockCommandTests {
    let server = RedisServerProcess.shared
    var env: [String: String] { ["POTTERY_URL": server.url] }

    @Test func acquireStatusExtendReleaseOnOneMaster() throws {
        let key = uniqueKey("lock")
        let acquired = PotteryBinary.run("lock", "acquire", key, "--ttl", "30")
        #expect(acquired.status == 0)
        let token = acquired.stdoutText.trimmingCharacters(in: .newlines)
        #expect(token.count == 36)
        #expect(try server.cli("GET", "redlock:\(key)") == token)
        #expect(PotteryBinary.run("lock", "acquire", key, "--nowait").status == 1)
        #expect(PotteryBinary.run("lock", "acquire", key, "--wait", "0.3").status == 1)
        let status = PotteryBinary.run("lock", "status", key)
        #expect(status.status == 0)
        #expect(status.stdoutText.hasPrefix("{\"locked\": true, \"ttl_ms\": "))
        #expect(PotteryBinary.run("lock", "extend", key, "nobody").status == 1)
        #expect(PotteryBinary.run("lock", "extend", key, token, "--ttl", "100").status == 0)
        #expect((Int(try server.cli("PTTL", "redlock:\(key)")) ?? 0) > 90_000)
        #expect(PotteryBinary.run("lock", "release", key, "nobody").status == 1)
        #expect(PotteryBinary.run("lock", "release", key, token).status == 0)
        #expect(PotteryBinary.run("lock", "release", key, token).status == 1)
        let free = PotteryBinary.run("lock", "status", key)
        #expect(free.status == 1 && free.stdoutText == "{\"locked\": false, \"ttl_ms\": 0}\n")
    }

    @Test func badInputExitsTwoAndTakesNothing() throws {
        let key = uniqueKey("lock")
        for arguments in [
            ["lock", "acquire", key, "--wait", "1", "--nowait"],
            ["lock", "acquire", key, "--ttl", "0"],
            ["lock", "acquire", key, "--ttl", "soon"],
            ["lock", "acquire", key, "--ttl", "1e300"],
            ["lock", "acquire", key, "--ttl", "0.002"],
            ["lock", "run", key, "--ttl", "0.001", "--", "true"],
            // As the message says, 3 ms is not above 0.003 s: no lease of it is worth starting on.
            ["lock", "run", key, "--ttl", "0.003", "--", "true"],
            ["lock", "release", key],
            ["lock", "run", key, "--max-extensions", "-1", "--", "true"],
            ["lock", "run", key],
            ["nextid", "next", key, "--count", "0"],
            ["nextid", "next", key, "--count", "99999999999999999999"],
        ] {
            let result = PotteryBinary.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderrText)")
            #expect(result.stderrText.hasPrefix("pottery: "), "\(arguments)")
        }
        #expect(try server.cli("EXISTS", "redlock:\(key)", "nextid:\(key)") == "0")
    }

    @Test func runGivesTheChildItsTokensAndExitsWithItsStatus() throws {
        let key = uniqueKey("lock")
        let script = "echo $POTTERY_LOCK_KEY $POTTERY_LOCK_TOKEN $POTTERY_FENCING_TOKEN; exit 7"
        let first = PotteryBinary.run(["lock", "run", key, "--", "sh", "-c", script])
        #expect(first.status == 7)
        let words = first.stdoutText.split(separator: " ").map {
            String($0.trimmingCharacters(in: .newlines))
        }
        #expect(words.count == 3 && words[0] == key && words[1].count == 36)
        #expect(try server.cli("EXISTS", "redlock:\(key)") == "0")
        // lock acquire advances the fencing token too.
        let token = PotteryBinary.run("lock", "acquire", key).stdoutText.trimmingCharacters(in: .newlines)
        #expect(PotteryBinary.run("lock", "release", key, token).status == 0)
        let second = PotteryBinary.run(["lock", "run", key, "sh", "-c", "echo $POTTERY_FENCING_TOKEN"])
        #expect(second.status == 0)
        #expect(Int(second.stdoutText.trimmingCharacters(in: .newlines)) == (Int(words[2]) ?? 0) + 2)
        #expect(PotteryBinary.run(["lock", "run", key, "--", "no-such-command-xyz"]).status == 127)
        #expect(try server.cli("EXISTS", "redlock:\(key)") == "0")
    }

    @Test func runWaitsOrExitsSeventyFiveWithoutStartingTheCommand() throws {
        let key = uniqueKey("lock")
        let token = PotteryBinary.run("lock", "acquire", key, "--ttl", "60").stdoutText
            .trimmingCharacters(in: .newlines)
        let marker = temporaryPath("ran")
        let started = Date()
        let result = PotteryBinary.run(["lock", "run", key, "--wait", "0.5", "--", "touch", marker])
        #expect(result.status == 75)
        #expect(Date().timeIntervalSince(started) >= 0.45)
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(PotteryBinary.run(["lock", "run", key, "--nowait", "--", "touch", marker]).status == 75)
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(PotteryBinary.run("lock", "release", key, token).status == 0)
        #expect(PotteryBinary.run(["lock", "run", key, "--nowait", "--", "touch", marker]).status == 0)
        #expect(FileManager.default.fileExists(atPath: marker))
        try FileManager.default.removeItem(atPath: marker)
        // A master that cannot be reached: a Redis error (3), and the command never starts either.
        let dead = PotteryBinary.run(
            ["lock", "run", key, "--", "touch", marker], server: nil, url: "redis://127.0.0.1:1/0")
        #expect(dead.status == 3)
        #expect(dead.stderrText.hasPrefix("pottery: lock run \(key) (redis://127.0.0.1:1/0): "))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func sixProcessesTimesTenReadModifyWritesLoseNothing() throws {
        let key = uniqueKey("lock")
        let counter = temporaryPath("counter")
        try "0".write(toFile: counter, atomically: true, encoding: .utf8)
        let step = "n=$(cat \"$1\"); sleep 0.01; echo $((n + 1)) > \"$1\""
        let loop =
            "for i in 1 2 3 4 5 6 7 8 9 10; do \"$0\" lock run \(key) --ttl 5 -- sh -c '\(step)' sh \"$1\" || exit 1; done"
        let workers = try (0..<6).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", loop, PotteryBinary.path, counter]
            process.environment = ["PATH": "/usr/bin:/bin", "POTTERY_URL": server.url]
            try process.run()
            return process
        }
        for worker in workers {
            worker.waitUntilExit()
            #expect(worker.terminationStatus == 0)
        }
        let total = try String(contentsOfFile: counter, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(total == "60")
    }

    @Test func watchdogKeepsTheLockForTheWholeRun() throws {
        let key = uniqueKey("lock")
        let started = temporaryPath("started")
        let run = try Background(
            ["lock", "run", key, "--ttl", "1", "--", "sh", "-c", "touch \(started); exec sleep 3"],
            environment: env)
        #expect(eventually { FileManager.default.fileExists(atPath: started) })
        let begin = Date()
        var attempts = 0
        while Date().timeIntervalSince(begin) < 2.4 {
            let other = PotteryBinary.run("lock", "acquire", key, "--nowait", "--ttl", "1")
            #expect(
                other.status == 1,
                "acquired while lock run held it, after \(Date().timeIntervalSince(begin)) s")
            attempts += 1
            usleep(100_000)
        }
        #expect(attempts >= 5)
        #expect(run.finish() == 0)
        #expect(try server.cli("EXISTS", "redlock:\(key)") == "0")
    }

    @Test func sigtermReachesTheChildAndTheLockIsReleased() throws {
        let key = uniqueKey("lock")
        let started = temporaryPath("started")
        let run = try Background(
            ["lock", "run", key, "--", "sh", "-c", "touch \(started); exec sleep 30"], environment: env)
        #expect(eventually { FileManager.default.fileExists(atPath: started) })
        run.process.terminate()
        #expect(run.finish() == 143)
        #expect(run.process.terminationReason == .exit)
        #expect(try server.cli("EXISTS", "redlock:\(key)") == "0")
    }

    @Test func lostLeaseStopsTheChildAndExitsSeventySix() throws {
        let key = uniqueKey("lock")
        let started = temporaryPath("started")
        let stopped = temporaryPath("stopped")
        let script =
            "trap 'echo term > \(stopped); exit 0' TERM; touch \(started); while :; do sleep 0.05; done"
        let run = try Background(
            ["lock", "run", key, "--ttl", "1", "--kill-after", "5", "--", "sh", "-c", script],
            environment: env)
        #expect(eventually { FileManager.default.fileExists(atPath: started) })
        try server.cli("DEL", "redlock:\(key)")
        #expect(run.finish() == 76)
        #expect(run.text.contains("lease was lost"))
        #expect((try? String(contentsOfFile: stopped, encoding: .utf8)) == "term\n")
    }

    @Test func maxExtensionsBoundsTheLease() throws {
        let key = uniqueKey("lock")
        let started = Date()
        let result = PotteryBinary.run([
            "lock", "run", key, "--ttl", "0.6", "--max-extensions", "1", "--kill-after", "0", "--", "sleep",
            "20",
        ])
        #expect(result.status == 76)
        #expect(result.stderrText.contains("--max-extensions"))
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
