import Foundation
import RedisTestSupport
import Testing

/// The child of `lock run` and `cache run` under the conditions of issue 16: a batch file, a
/// background descendant, a wrapper killed with `kill -9`, a key that is not UTF-8. Real processes
/// against a real server.
@Suite struct ChildLifecycleTests {
    let server = RedisServerProcess.shared

    /// In batch mode the child's standard input is `/dev/null`: it reads nothing, and every command
    /// after it runs (the child ate a line, and garbled one at the 64 KiB read boundary, before).
    @Test func batchModeLockRunChildReadsNothing() throws {
        let lockKey = uniqueKey("lock")
        let setKey = uniqueKey("set")
        var script = "lock run \(lockKey) -- sh -c 'read x; echo \"got:$x\"'\n"
        for index in 0..<5000 { script += "set add \(setKey) e\(index)\n" }
        let result = PotteryBinary.run([], stdin: script, timeout: 120)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "got:\n")
        #expect(try server.cli("SCARD", setKey) == "5000")
    }

    /// `lock run` holds the lock until CMD's process group is gone: a background descendant still
    /// runs under the lock (the lock was released when the shell exited, before).
    @Test func lockRunHoldsTheLockUntilBackgroundDescendantsEnd() throws {
        let key = uniqueKey("lock")
        let marker = temporaryPath("late")
        let script =
            "(sleep 1; pottery_ttl=$(redis-cli -p \(server.port) PTTL redlock:\(key)); "
            + "echo \"$pottery_ttl\" > \(marker)) >/dev/null 2>&1 &"
        let result = PotteryBinary.run(["lock", "run", key, "--", "sh", "-c", script])
        #expect(result.status == 0, "\(result.stderrText)")
        // The descendant had finished when pottery exited, and it saw the lock still held.
        let seen = (try? String(contentsOfFile: marker, encoding: .utf8)) ?? ""
        #expect((Int(seen.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1) > 0, "PTTL seen: \(seen)")
        #expect(try server.cli("EXISTS", "redlock:\(key)") == "0")
    }

    /// `cache run` reads CMD's output until every writer has closed it, as `$(...)`: what a
    /// background subshell writes later is passed through and cached too (only `start` was, before).
    @Test func cacheRunCapturesOutputUntilEveryWriterHasClosedIt() throws {
        let key = uniqueKey("cache")
        let command = ["cache", "run", key, "--", "sh", "-c", "echo start; (sleep .5; echo late) &"]
        let first = PotteryBinary.run(command)
        #expect(first.status == 0 && first.stdoutText == "start\nlate\n", "\(first.stderrText)")
        let hit = PotteryBinary.run(command)
        #expect(hit.status == 0 && hit.stdoutText == "start\nlate\n")
    }

    /// `kill -9` of pottery takes CMD and its background descendant with it (the kernel's death
    /// signal, and the guardian of the group); a second `lock run` after the lease lapsed never
    /// overlaps them (both ran on, without the lock, before).
    @Test func killNineOfPotteryTakesTheChildAndItsGroup() throws {
        let key = uniqueKey("lock")
        let pids = temporaryPath("pids")
        let script = "sleep 30 & echo $! > \(pids).tmp; echo $$ >> \(pids).tmp; mv \(pids).tmp \(pids); wait"
        let first = try Background(
            ["lock", "run", key, "--ttl", "2", "--", "sh", "-c", script],
            environment: ["POTTERY_URL": server.url])
        #expect(eventually { FileManager.default.fileExists(atPath: pids) })
        let children = ((try? String(contentsOfFile: pids, encoding: .utf8)) ?? "").split(separator: "\n")
            .compactMap { pid_t($0) }
        #expect(children.count == 2)
        kill(first.process.processIdentifier, SIGKILL)
        _ = first.finish()
        #expect(eventually(timeout: 10) { children.allSatisfy(isDeadOrZombie) })
        // The next holder, once the lease has lapsed, finds none of them running.
        let check = children.map { "! kill -0 \($0) 2>/dev/null" }.joined(separator: " && ")
        let second = PotteryBinary.run(["lock", "run", key, "--wait", "20", "--", "sh", "-c", check])
        #expect(second.status == 0, "\(second.stderrText)")
        for pid in children where !isDeadOrZombie(pid) { kill(pid, SIGKILL) }
    }

    /// `POTTERY_LOCK_KEY` carries the key's bytes: with a key that is not UTF-8 the child can extend
    /// the lock with it (it got `k` + U+FFFD, which names another key, before).
    @Test func lockKeyVariableCarriesTheKeysBytes() throws {
        let suffix = uniqueKey("lock")
        let saved = temporaryPath("key")
        // argv with a 0xFF byte: through sh, since Process takes Strings.
        let inner =
            "printf %s \"$POTTERY_LOCK_KEY\" > \(saved) && \"$POTTERY_UNDER_TEST\" lock extend "
            + "\"$POTTERY_LOCK_KEY\" \"$POTTERY_LOCK_TOKEN\" --ttl 50"
        let result = runProcess(
            "/bin/sh",
            [
                "-c",
                "exec \"$POTTERY_UNDER_TEST\" lock run \"$(printf 'k\\377')\(suffix)\" -- sh -c '\(inner)'",
            ],
            environment: [
                "PATH": "/usr/bin:/bin", "POTTERY_URL": server.url, "POTTERY_UNDER_TEST": PotteryBinary.path,
            ])
        #expect(result.status == 0, "\(result.stderrText)")
        let bytes = FileManager.default.contents(atPath: saved).map { [UInt8]($0) } ?? []
        #expect(bytes == [0x6B, 0xFF] + Array(suffix.utf8))
    }
}
