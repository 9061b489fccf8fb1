import Foundation
import RedisTestSupport
import Testing

@Suite struct GeneralCommandTests {
    let server = RedisServerProcess.shared

    @Test func pingKeysTypeDelExpireTTL() throws {
        #expect(PotteryBinary.run("ping").stdoutText == "PONG\n")
        let prefix = uniqueKey("general")
        _ = PotteryBinary.run("set", "add", prefix + ":s", "1")
        _ = PotteryBinary.run("dict", "set", prefix + ":d", "a", "1")
        #expect(Set(PotteryBinary.run("keys", prefix + ":*").lines) == [prefix + ":s", prefix + ":d"])
        #expect(PotteryBinary.run("type", prefix + ":s").stdoutText == "set\n")
        #expect(PotteryBinary.run("type", prefix + ":d").stdoutText == "hash\n")
        let none = PotteryBinary.run("type", prefix + ":none")
        #expect(none.status == 1 && none.stdoutText == "none\n")

        #expect(PotteryBinary.run("ttl", prefix + ":s").stdoutText == "-1\n")
        #expect(PotteryBinary.run("expire", prefix + ":s", "100").status == 0)
        let ttl = Int(PotteryBinary.run("ttl", prefix + ":s").stdoutText.dropLast()) ?? -9
        #expect(ttl > 90 && ttl <= 100)
        #expect(PotteryBinary.run("expire", prefix + ":none", "5").status == 1)
        #expect(PotteryBinary.run("ttl", prefix + ":none").status == 1)
        #expect(PotteryBinary.run("expire", prefix + ":s", "soon").status == 2)
        #expect(PotteryBinary.run("expire", prefix + ":s", "-1").status == 2)
        #expect(PotteryBinary.run("expire", prefix + ":s", "0.0004").status == 2)
        // persist removes the time to live; a key without one, or none, answers 1.
        #expect(PotteryBinary.run("persist", prefix + ":s").status == 0)
        #expect(PotteryBinary.run("ttl", prefix + ":s").stdoutText == "-1\n")
        #expect(PotteryBinary.run("persist", prefix + ":s").status == 1)
        #expect(PotteryBinary.run("persist", prefix + ":none").status == 1)
        // expire 0 deletes the key at once, as Redis' EXPIRE k 0 does.
        _ = PotteryBinary.run("set", "add", prefix + ":gone", "1")
        #expect(PotteryBinary.run("expire", prefix + ":gone", "0").status == 0)
        #expect(PotteryBinary.run("type", prefix + ":gone").stdoutText == "none\n")

        #expect(PotteryBinary.run("del", prefix + ":s", prefix + ":none").status == 1)
        #expect(PotteryBinary.run("del", prefix + ":d").status == 0)
        #expect(PotteryBinary.run("keys", prefix + ":*").stdoutText.isEmpty)
    }

    @Test func usageErrorsAreOneLineAndExitTwo() {
        for argv in [
            ["nope"], ["dict", "get", "k"], ["dict", "get", "k", "f", "--bogus"], ["set", "frobnicate", "k"],
        ] {
            let result = PotteryBinary.run(argv)
            #expect(result.status == 2, "\(argv)")
            #expect(result.stderrText.hasPrefix("pottery: "), "\(argv)")
            #expect(result.stderrText.split(separator: "\n").count == 1, "\(argv)")
            #expect(result.stdoutText.isEmpty)
        }
    }

    @Test func batchModeRunsLinesAndStopsAtFailure() throws {
        let key = uniqueKey("batch")
        let script = """
            # a comment line
            dict set \(key) name 'jack sprat'
            dict get \(key) name -r
            dict nope \(key)
            dict set \(key) after 1
            """
        let result = PotteryBinary.run([], stdin: script)
        #expect(result.status == 2)
        #expect(result.stdoutText == "jack sprat\n")
        #expect(try server.cli("HEXISTS", key, "\"after\"") == "0")
        let kept = PotteryBinary.run(["--keep-going"], stdin: script)
        #expect(kept.status == 2)
        #expect(try server.cli("HEXISTS", key, "\"after\"") == "1")
    }

    /// A name that would retitle and clear the terminal is shown escaped there, and written exactly
    /// to a pipe; `-r` strings on a terminal likewise, keeping their newlines.
    @Test func controlCharactersAreEscapedOnATerminalOnly() throws {
        let prefix = uniqueKey("hostile")
        let hostile = prefix + ":\u{1B}]0;PWNED\u{07}\u{1B}[2J"
        _ = try server.cli("SET", hostile, "1")
        let shown = PotteryBinary.runOnTerminal(["keys", prefix + ":*"])
        #expect(shown.status == 0, "\(shown.stderrText)")
        #expect(!shown.stdout.contains(0x1B) && !shown.stdout.contains(0x07))
        #expect(shown.stdoutText == prefix + ":\\x1b]0;PWNED\\x07\\x1b[2J\r\n")
        #expect(PotteryBinary.run("keys", prefix + ":*").stdout == Array((hostile + "\n").utf8))

        _ = PotteryBinary.run("dict", "set", prefix + ":d", "a", "x\u{1B}[2Jy\nz")
        let raw = PotteryBinary.runOnTerminal(["dict", "get", "-r", prefix + ":d", "a"])
        #expect(raw.stdoutText == "x\\x1b[2Jy\r\nz\r\n")
        #expect(PotteryBinary.run("dict", "get", "-r", prefix + ":d", "a").stdoutText == "x\u{1B}[2Jy\nz\n")
    }

    /// `keys -0` ends each name with a NUL: split there, the names are exactly the keys' bytes, a
    /// newline inside one included.
    @Test func keysNullSeparatesExactNames() throws {
        let prefix = uniqueKey("null")
        let names = [prefix + ":a", prefix + ":x\nimportant", prefix + ": spaced \\ 'quoted'"]
        for name in names { _ = try server.cli("SET", name, "1") }
        for flag in ["-0", "--null"] {
            let result = PotteryBinary.run("keys", flag, prefix + ":*")
            #expect(result.status == 0 && result.stdout.last == 0, "\(result.stderrText)")
            let split = result.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            #expect(Set(split) == Set(names) && split.count == names.count)
        }
        #expect(PotteryBinary.run("keys", "--", "-0").status == 0)
    }

    /// The README's recipe, run exactly as written, deletes the session keys and only them: the
    /// name `session:x` + newline + `important` used to make `xargs -d '\n'` delete `important`.
    @Test func readmeXargsRecipeDeletesOnlyTheSessionKeys() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let recipe = try #require(
            readme.split(separator: "\n").first { $0.hasPrefix("pottery keys") && $0.contains("| xargs") })
        let manPage = try String(contentsOf: root.appendingPathComponent("man/pottery.1"), encoding: .utf8)
        #expect(manPage.contains(recipe.replacingOccurrences(of: "-", with: "\\-")))

        let own = try RedisServerProcess.start()
        defer { own.stop() }
        for name in ["session:a", "session:x\nimportant", "important", "other"] {
            _ = try own.cli("SET", name, "1")
        }
        let binDirectory = URL(fileURLWithPath: PotteryBinary.path).deletingLastPathComponent().path
        let result = runProcess(
            "/bin/sh", ["-c", String(recipe)],
            environment: [
                "PATH": binDirectory + ":/usr/bin:/bin", "POTTERY_URL": own.url,
                "HOME": NSTemporaryDirectory(),
            ])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try own.cli("EXISTS", "session:a", "session:x\nimportant") == "0")
        #expect(try own.cli("EXISTS", "important", "other") == "2")
    }
}
