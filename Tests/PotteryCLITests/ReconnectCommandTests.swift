import Foundation
import RedisTestSupport
import Testing

@testable import PotteryCLI

/// Long-lived commands outlive a dropped connection (issue 16, items 2 and 3): the lock's watchdog
/// and release, `cache run`'s store, `queue get --follow`, batch mode and the REPL reopen it and
/// carry on. Each test has a server of its own, since it kills every normal client there.
@Suite struct ReconnectCommandTests {
    /// Kills pottery's connections (every normal client but redis-cli's own) from another client.
    private func killClients(_ server: RedisServerProcess) throws {
        _ = try server.cli("CLIENT", "KILL", "TYPE", "normal")
    }

    private func env(_ server: RedisServerProcess) -> [String: String] { ["POTTERY_URL": server.url] }

    /// `CLIENT KILL` while CMD runs: the watchdog's next extension reopens the connection and
    /// succeeds, so CMD is not stopped (it was, with 76, at the first extension after the kill).
    @Test func lockRunSurvivesClientKill() throws {
        let server = try RedisServerProcess.start()
        let started = temporaryPath("started")
        let run = try Background(
            ["lock", "run", "ck", "--ttl", "3", "--", "sh", "-c", "touch \(started); exec sleep 5"],
            environment: env(server))
        #expect(eventually { FileManager.default.fileExists(atPath: started) })
        try killClients(server)
        #expect(run.finish() == 0, "\(run.text)")
        #expect(try server.cli("EXISTS", "redlock:ck") == "0")
    }

    /// The server's idle `timeout` closes the connection between two extensions (every 2 s).
    @Test func lockRunOutlastsTheServersIdleTimeout() throws {
        let server = try RedisServerProcess.start(extraArguments: ["--timeout", "1"])
        let run = try Background(
            ["lock", "run", "idle", "--ttl", "6", "--", "sleep", "7"], environment: env(server))
        #expect(run.finish() == 0, "\(run.text)")
        #expect(try server.cli("EXISTS", "redlock:idle") == "0")
    }

    /// Redis stopped across an extension: that extension times out (`--timeout 1`) and leaves the
    /// connection broken; the next tick, while the lease surely lasts, reopens it and extends.
    @Test func lockRunRidesOutAStoppedServer() throws {
        let server = try RedisServerProcess.start()
        let started = temporaryPath("started")
        let run = try Background(
            [
                "lock", "run", "stopped", "--ttl", "12", "--timeout", "1", "--", "sh", "-c",
                "touch \(started); exec sleep 10",
            ], environment: env(server))
        #expect(eventually { FileManager.default.fileExists(atPath: started) })
        kill(server.pid, SIGSTOP)
        // The fault itself: the server stays stopped across the first extension (at 4 s), then
        // answers again before the second (at 8 s).
        usleep(6_000_000)
        kill(server.pid, SIGCONT)
        #expect(run.finish() == 0, "\(run.text)")
        #expect(try server.cli("EXISTS", "redlock:stopped") == "0")
    }

    /// CMD kills pottery's connection and succeeds: the release reopens it and deletes the key at
    /// once (it used to fail, warn that the lock was no longer held, and leave the key for the TTL).
    @Test func releaseAfterTheChildKilledTheConnection() throws {
        let server = try RedisServerProcess.start()
        let result = PotteryBinary.run(
            [
                "lock", "run", "rk", "--ttl", "30", "--", "redis-cli", "-p", "\(server.port)", "CLIENT",
                "KILL", "TYPE", "normal",
            ],
            server: server)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(!result.stderrText.contains("no longer held"), "\(result.stderrText)")
        #expect(try server.cli("EXISTS", "redlock:rk") == "0")
    }

    /// A command longer than the server's idle `timeout` is cached: the store reopens the connection
    /// the server closed while the command ran (it exited 3 and cached nothing).
    @Test func cacheRunStoresAfterTheServersIdleTimeout() throws {
        let server = try RedisServerProcess.start(extraArguments: ["--timeout", "1"])
        let command = ["cache", "run", "idle", "--", "sh", "-c", "sleep 3; echo report"]
        let first = PotteryBinary.run(command, server: server)
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText == "report\n")
        let second = PotteryBinary.run(command, server: server)
        #expect(second.status == 0 && second.stdoutText == "report\n")
        let stats = PotteryBinary.run(["cache", "stats", "idle"], server: server).stdoutText
        #expect(stats.hasPrefix("{\"hits\": 1, \"misses\": 1, \"currsize\": 1"), "\(stats)")
    }

    /// `queue get --follow` killed while it waits: it reopens its connection, waits again and
    /// receives the item put afterwards (it exited 3).
    @Test func followSurvivesClientKillWhileWaiting() throws {
        let server = try RedisServerProcess.start()
        let follower = try Background(
            ["queue", "get", "jobs", "--follow", "--wait", "5"], environment: env(server))
        func blockedFollowers() throws -> Int {
            try server.cli("CLIENT", "LIST").split(separator: "\n").filter {
                $0.contains("name=pottery") && $0.contains("cmd=xread")
            }.count
        }
        #expect(try eventually { try blockedFollowers() == 1 })
        try killClients(server)
        #expect(try eventually { try blockedFollowers() == 1 })
        #expect(PotteryBinary.run(["queue", "put", "jobs", "after-the-kill"], server: server).status == 0)
        // Read before waiting: into a pipe, a follower takes nothing more until its reader has read.
        #expect(follower.text == "\"after-the-kill\"\n")
        #expect(follower.finish() == 0)
    }

    /// Batch mode: a line whose child kills every pottery connection (the quorum's and the
    /// session's); the lock is still released and the next line runs on a fresh connection.
    @Test func batchLinesCarryOnAfterAChildKilledTheConnections() throws {
        let server = try RedisServerProcess.start()
        let kill = "redis-cli -p \(server.port) CLIENT KILL TYPE normal"
        let script = """
            set add members a
            lock run batch -- \(kill)
            set add members b
            cache run killer -- \(kill)
            set add members c
            """
        let result = PotteryBinary.run([], server: server, stdin: script + "\n")
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.isEmpty, "\(result.stderrText)")
        #expect(try server.cli("SCARD", "members") == "3")
        #expect(try server.cli("EXISTS", "redlock:batch") == "0")
        #expect(try server.cli("HLEN", "killer") == "1")
    }

    /// The REPL: the server killed the session's idle connection; the next line runs on a fresh
    /// one instead of failing with "the server closed the connection".
    @Test func replNextLineAfterClientKillRunsOnAFreshConnection() throws {
        let server = try RedisServerProcess.start()
        let captured = try CapturedSession(url: server.url)
        let repl = Repl(
            dispatcher: Dispatcher(table: .standard, session: captured.session), settings: Settings(),
            editor: ScriptedEditor([]), history: nil)
        #expect(repl.runLine(Array("set add members a".utf8)) == .next)
        try killClients(server)
        #expect(repl.runLine(Array("set add members b".utf8)) == .next)
        #expect(captured.err.isEmpty, "\(captured.err)")
        #expect(try server.cli("SCARD", "members") == "2")
    }
}
