import Foundation
import RedisTestSupport
import Testing

/// `lock run` keeps its promise under faults (issue 16): two holders never run at once, a lease
/// not held to the end is 76 whatever CMD's status, and busy (75 or `-E N`) is not "Redis is down" (3).
@Suite struct LockLeaseTests {
    /// Records in LOG whether another holder's marker HELD exists when a holder starts.
    static let holder = """
        log=$1; held=$2; name=$3; hold=$4
        if [ -e "$held" ]; then echo "overlap $name" >> "$log"; fi
        : > "$held"; echo "start $name $(date +%s.%N)" >> "$log"
        trap 'rm -f "$held"; exit 143' TERM
        [ "$hold" = 0 ] || sleep "$hold"
        rm -f "$held"; echo "end $name $(date +%s.%N)" >> "$log"
        """

    func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    /// `lock run KEY --ttl TTL` of a child that writes its pid to `pid` and exits 0 once `go`
    /// exists; returns when the child runs.
    func runUntilGo(_ key: String, ttl: String) throws -> (run: Background, pid: String, go: String) {
        let pid = temporaryPath("pid")
        let go = temporaryPath("go")
        let script = "echo $$ > \(pid).tmp; mv \(pid).tmp \(pid); while [ ! -e \(go) ]; do sleep 0.02; done"
        let run = try Background(
            ["lock", "run", key, "--ttl", ttl, "--", "sh", "-c", script],
            environment: ["POTTERY_URL": RedisServerProcess.shared.url])
        #expect(eventually { FileManager.default.fileExists(atPath: pid) })
        return (run, text(pid).trimmingCharacters(in: .whitespacesAndNewlines), go)
    }

    /// Item 1: one of three masters paused for writes. The first `lock run` must not start its
    /// child on a lease that lapses before its first extension (it used to wait the whole 5 s
    /// timeout for the paused master, start the child at 5 s on a lease set at 0 that ended at 6 s,
    /// and notice at 7 s); a second `lock run --nowait`, tried again and again while the first
    /// child runs, must never run beside it.
    @Test func aPausedMasterNeverLetsTwoHoldersOverlap() throws {
        let servers = try (0..<3).map { _ in try RedisServerProcess.start() }
        defer { servers.forEach { $0.stop() } }
        let masters = servers.map(\.url).joined(separator: ",")
        let key = uniqueKey("ov")
        // An earlier run, as cron's last one: the masters have pottery's scripts cached.
        let earlier = PotteryBinary.run(
            ["lock", "run", key, "--", "true"], server: nil, environment: ["POTTERY_MASTERS": masters])
        #expect(earlier.status == 0)
        _ = try servers[2].cli("CLIENT", "PAUSE", "20000", "WRITE")
        defer { _ = try? servers[2].cli("CLIENT", "UNPAUSE") }
        let log = temporaryPath("log")
        let held = temporaryPath("held")
        let first = try Background(
            ["lock", "run", key, "--ttl", "6", "--", "sh", "-c", Self.holder, "sh", log, held, "first", "4"],
            environment: ["POTTERY_MASTERS": masters, "POTTERY_TIMEOUT": "5"])
        #expect(eventually(timeout: 30) { FileManager.default.fileExists(atPath: held) })
        var statuses: [Int32] = []
        while first.process.isRunning, FileManager.default.fileExists(atPath: held) {
            let second = PotteryBinary.run(
                [
                    "lock", "run", key, "--nowait", "--", "sh", "-c", Self.holder, "sh", log, held, "second",
                    "0",
                ],
                server: nil, environment: ["POTTERY_MASTERS": masters, "POTTERY_TIMEOUT": "0.3"])
            statuses.append(second.status)
        }
        #expect(first.finish() == 0, "\(first.text)")
        #expect(!statuses.isEmpty)
        #expect(!text(log).contains("overlap"), "\(text(log))")
        #expect(text(log).contains("end first"), "\(text(log))")
    }

    /// Item 5: the key deleted by another client while CMD runs, and CMD exits 0 before the next
    /// tick: the release finds no lease, so 76 (it used to exit 0 with a warning).
    @Test func aLeaseDeletedBeforeCommandEndsIsSeventySixEvenBeforeTheNextTick() throws {
        let server = RedisServerProcess.shared
        let key = uniqueKey("gone")
        let (run, _, go) = try runUntilGo(key, ttl: "30")
        _ = try server.cli("DEL", "redlock:\(key)")
        _ = FileManager.default.createFile(atPath: go, contents: nil)
        #expect(run.finish() == 76)
        #expect(run.text.contains("the lease was lost"), "\(run.text)")
    }

    /// Item 5: pottery stopped (SIGSTOP) past the lease while another holder took the lock, and CMD
    /// ended meanwhile: on SIGCONT the release finds another token, so 76 (it used to exit with
    /// CMD's 0), and the other holder's lock is left alone.
    @Test func aLeaseThatExpiredWhilePotteryWasStoppedIsSeventySix() throws {
        let server = RedisServerProcess.shared
        let key = uniqueKey("expired")
        let (run, child, go) = try runUntilGo(key, ttl: "1")
        kill(run.process.processIdentifier, SIGSTOP)
        #expect(eventually { (try? server.cli("EXISTS", "redlock:\(key)")) == "0" })
        let thief = PotteryBinary.run("lock", "acquire", key, "--ttl", "60")
        #expect(thief.status == 0)
        _ = FileManager.default.createFile(atPath: go, contents: nil)
        // CMD has ended (a zombie: its parent is stopped) before pottery runs again.
        #expect(eventually { text("/proc/\(child)/stat").split(separator: " ").dropFirst(2).first == "Z" })
        kill(run.process.processIdentifier, SIGCONT)
        #expect(run.finish() == 76, "\(run.text)")
        #expect(run.text.contains("the lease was lost"), "\(run.text)")
        #expect(
            try server.cli("GET", "redlock:\(key)") == thief.stdoutText.trimmingCharacters(in: .newlines))
    }

    /// Item 8: 75 (or `-E N`) only when another holder has the lock; no master answering (refused,
    /// or silent past the timeout) is 3 with its message; a bad `-E` is a usage error.
    @Test func busyIsTheConflictStatusAndNoQuorumIsThree() throws {
        let key = uniqueKey("busy")
        let marker = temporaryPath("ran")
        let token = PotteryBinary.run("lock", "acquire", key, "--ttl", "60").stdoutText
            .trimmingCharacters(in: .newlines)
        defer { _ = PotteryBinary.run("lock", "release", key, token) }
        #expect(PotteryBinary.run(["lock", "run", key, "--nowait", "--", "touch", marker]).status == 75)
        #expect(
            PotteryBinary.run(["lock", "run", key, "--nowait", "-E", "9", "--", "touch", marker]).status == 9)
        #expect(
            PotteryBinary.run([
                "lock", "run", key, "--wait", "0.2", "--conflict-exit-code", "0", "--", "touch", marker,
            ])
            .status == 0)
        for bad in ["256", "-1", "x"] {
            let result = PotteryBinary.run(["lock", "run", key, "-E", bad, "--", "touch", marker])
            #expect(result.status == 2, "-E \(bad)")
            #expect(result.stderrText.contains("conflict-exit-code"), "\(result.stderrText)")
        }
        let refused = PotteryBinary.run(
            ["lock", "run", key, "--nowait", "-E", "9", "--", "touch", marker], server: nil,
            url: "redis://127.0.0.1:1/0")
        #expect(refused.status == 3)
        #expect(refused.stderrText.hasPrefix("pottery: lock run \(key) (redis://127.0.0.1:1/0): "))
        let silent = try FakeRedisServer { arguments in
            String(decoding: arguments.first ?? [], as: UTF8.self).uppercased() == "CLIENT" ? .ok : .silence
        }
        defer { silent.stop() }
        let timedOut = PotteryBinary.run(
            ["lock", "run", key, "--nowait", "--", "touch", marker], server: nil,
            environment: ["POTTERY_MASTERS": silent.url, "POTTERY_TIMEOUT": "0.5"])
        #expect(timedOut.status == 3, "\(timedOut.stderrText)")
        #expect(timedOut.stderrText.hasPrefix("pottery: lock run \(key) "), "\(timedOut.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
