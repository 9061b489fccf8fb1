import Foundation
import RedisTestSupport
import Testing

/// Connection profiles from `$XDG_CONFIG_HOME/pottery/config`: picked by `-p NAME` or
/// `POTTERY_PROFILE`, below the command line's flags and above the environment; a file that
/// others may read is refused when it holds a password; a command that names no profile never
/// reads the file.
@Suite struct ProfileCommandTests {
    let server = RedisServerProcess.shared

    private func config(_ text: String, mode: mode_t = 0o600) throws -> String {
        let home = NSTemporaryDirectory() + "pottery-profiles-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home + "/pottery", withIntermediateDirectories: true)
        try text.write(toFile: home + "/pottery/config", atomically: true, encoding: .utf8)
        chmod(home + "/pottery/config", mode)
        return home
    }

    @Test func aProfileSitsBetweenTheFlagsAndTheEnvironment() throws {
        let key = uniqueKey("profile")
        let dead = "redis://127.0.0.1:1/0"
        let home = try config(
            """
            # two servers
            [profile here]
            url = \(server.url)
            values = string
              timeout = 2

            [profile gone]
            url = \(dead)
            """)
        // The profile's URL beats POTTERY_URL; its value mode reads the arguments.
        let env = ["XDG_CONFIG_HOME": home]
        let set = PotteryBinary.run(
            ["-p", "here", "dict", "set", key, "n", "42"], url: dead, environment: env)
        #expect(set.status == 0, "\(set.stderrText)")
        #expect(try server.cli("HGET", key, "\"n\"") == "\"42\"")  // a string, as -s would store it
        // POTTERY_PROFILE picks one; -p beats it; -u and -j beat the profile.
        #expect(
            PotteryBinary.run(
                ["ping"], url: dead, environment: env.merging(["POTTERY_PROFILE": "here"]) { $1 }
            ).status == 0)
        let flagWins = PotteryBinary.run(
            ["-p", "gone", "ping"], server: nil, environment: env.merging(["POTTERY_PROFILE": "here"]) { $1 })
        #expect(flagWins.status == 3 && flagWins.stderrText.contains("127.0.0.1:1"))
        #expect(
            PotteryBinary.run(["-p", "gone", "-u", server.url, "ping"], server: nil, environment: env).status
                == 0)
        _ = PotteryBinary.run(
            ["-p", "here", "-j", "dict", "set", key, "\"m\"", "42"], server: nil, environment: env)
        #expect(try server.cli("HGET", key, "\"m\"") == "42")
        // status says where the URL came from.
        let status = PotteryBinary.run(["-p", "here", "status"], server: nil, environment: env)
        #expect(status.stdoutText.contains("(profile here)") && status.stdoutText.contains("values: string"))
        #expect(status.stdoutText.contains("timeout: 2.0 s"))
    }

    @Test func mistakesAreUsageErrorsAndWriteNothing() throws {
        let key = uniqueKey("profile")
        let home = try config("[profile ok]\nurl = \(server.url)\n")
        let env = ["XDG_CONFIG_HOME": home]
        let unknown = PotteryBinary.run(["-p", "nope", "dict", "set", key, "a", "1"], environment: env)
        #expect(
            unknown.status == 2 && unknown.stderrText.contains("no profile 'nope'")
                && unknown.stderrText.contains("(it has: ok)"))
        #expect(try server.cli("EXISTS", key) == "0")
        let bad = try config("[profile x]\nurl = \(server.url)\ncolour = red\n")
        let badLine = PotteryBinary.run(["-p", "x", "ping"], environment: ["XDG_CONFIG_HOME": bad])
        #expect(
            badLine.status == 2 && badLine.stderrText.contains("pottery/config:3: unknown setting 'colour'"))
        // A password others may read is refused, as ssh refuses such a key; mode 600 is fine.
        let secret = "[profile s]\nurl = redis://:hunter2@127.0.0.1:\(server.port)/0\n"
        let open = PotteryBinary.run(
            ["-p", "s", "ping"], environment: ["XDG_CONFIG_HOME": try config(secret, mode: 0o644)])
        #expect(open.status == 2 && open.stderrText.contains("holds a password and others may read it"))
        #expect(!open.stderrText.contains("hunter2"))
        let closed = PotteryBinary.run(
            ["-p", "s", "ping"], environment: ["XDG_CONFIG_HOME": try config(secret)])
        // Read, and used: the test server has no password, so AUTH fails (3).
        #expect(closed.status == 3 && !closed.stderrText.contains("others may read"))
        // No profile named: the file is never read, not even a broken one.
        let broken = try config("this is not a profile file\n", mode: 0o644)
        #expect(PotteryBinary.run(["ping"], environment: ["XDG_CONFIG_HOME": broken]).status == 0)
    }
}
