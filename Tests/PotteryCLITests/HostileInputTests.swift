import Foundation
import RedisTestSupport
import Testing

@testable import PotteryCLI

/// Hostile surroundings (SPEC §10): closed standard streams, a full disk, a reader that goes away, a
/// password in the process title, and argv fuzzed through every verb of the table.
@Suite struct HostileInputTests {
    /// Runs a shell script with `$P` the pottery binary and `$POTTERY_URL` the given server.
    func shell(_ script: String, server: RedisServerProcess, timeout: Double = 60) -> ProcessResult {
        runProcess(
            "/bin/bash", ["-c", script],
            environment: ["PATH": "/usr/bin:/bin", "P": PotteryBinary.path, "POTTERY_URL": server.url],
            timeout: timeout)
    }

    /// With standard output closed, the socket used to become fd 1 and every printed value went to
    /// Redis as a command: a member `FLUSHALL` flushed the database.
    @Test func closedStandardStreamsNeverReachRedis() throws {
        let server = try RedisServerProcess.start()
        defer { server.stop() }
        _ = try server.cli("SET", "sentinel", "1")
        _ = try server.cli("SADD", "s", "FLUSHALL", "\"FLUSHALL\"", "DEL sentinel")
        for redirect in [">&-", "2>&-", ">&- 2>&-", "<&- >&- 2>&-"] {
            let result = shell("\"$P\" set members s \(redirect)", server: server)
            // A closed stdout: `set members` prints, so it refuses (74) rather than print into nothing.
            #expect(result.status == (redirect.hasPrefix("2") ? 0 : 74), "\(redirect): \(result.stderrText)")
            #expect(try server.cli("EXISTS", "sentinel") == "1", "\(redirect)")
        }
        // With standard input closed, '-' reads nothing rather than pottery's own socket.
        let added = shell("\"$P\" set add fromstdin - <&-", server: server)
        #expect(added.status == 0, "\(added.stderrText)")
        #expect(try server.cli("EXISTS", "fromstdin") == "0")
        #expect(try server.cli("EXISTS", "sentinel") == "1")
    }

    /// Destructive reads into a closed stdout exited 0 and lost what they took (issue 17): a verb that
    /// prints now fails with 74 and one line before it changes or sends anything; a verb that prints
    /// nothing (or a predicate under -q) still runs.
    @Test func aClosedStdoutRefusesEveryPrintingVerbBeforeItChangesAnything() throws {
        let server = try RedisServerProcess.start()
        defer { server.stop() }
        _ = try server.cli("XADD", "q", "*", "item", "1")
        _ = try server.cli("SADD", "s", "1")
        _ = try server.cli("RPUSH", "l", "1")
        _ = try server.cli("RPUSH", "d", "1")
        _ = try server.cli("HSET", "h", "\"f\"", "1")
        for command in [
            "queue get q", "queue get q --follow --nowait", "set pop s", "list pop l", "deque pop d",
            "lock acquire L", "dict get h f", "nextid next n", "set has s 1",
        ] {
            let result = shell("\"$P\" \(command) >&-", server: server)
            #expect(result.status == 74, "\(command): \(result.stderrText)")
            #expect(
                result.stderrText.hasSuffix(
                    "standard output is closed; nothing was done (redirect it to /dev/null to discard)\n"),
                "\(command): \(result.stderrText)")
            #expect(result.stderrText.split(separator: "\n").count == 1, "\(command)")
        }
        #expect(try server.cli("XLEN", "q") == "1")
        #expect(try server.cli("SCARD", "s") == "1")
        #expect(try server.cli("LLEN", "l") == "1")
        #expect(try server.cli("LLEN", "d") == "1")
        #expect(try server.cli("EXISTS", "redlock:L", "nextid:n") == "0")
        // Nothing to print: these run.
        #expect(shell("\"$P\" dict set h g 2 >&-", server: server).status == 0)
        #expect(try server.cli("HGET", "h", "\"g\"") == "2")
        #expect(shell("\"$P\" -q set has s 1 >&-", server: server).status == 0)
        // A batch runs each line on its own: the first that would print stops it, before it acts.
        let batch = shell(
            "printf 'dict set h a 1\\nset pop s\\ndict set h b 1\\n' | \"$P\" --keep-going >&-",
            server: server)
        #expect(batch.status == 74, "\(batch.stderrText)")
        #expect(try server.cli("HEXISTS", "h", "\"a\"") == "1")
        #expect(try server.cli("SCARD", "s") == "1")
        #expect(try server.cli("HEXISTS", "h", "\"b\"") == "0")
        #expect(shell("\"$P\" --version >&-", server: server).status == 74)
    }

    /// A full disk must never report success: status 74 and a message.
    @Test func aFullDiskIsAnError() throws {
        let server = RedisServerProcess.shared
        let key = uniqueKey("full")
        _ = PotteryBinary.run(["set", "add", key] + (0..<5000).map(String.init))
        _ = PotteryBinary.run(["dict", "set", key + "d", "f", "v"])
        for command in [
            "set members \(key)", "dict get \(key)d f", "--help", "set len \(key)", "dict items \(key)d",
        ] {
            let result = shell("\"$P\" \(command) > /dev/full", server: server)
            #expect(result.status == 74, "\(command)")
            #expect(result.stderrText.contains("No space left on device"), "\(command): \(result.stderrText)")
            #expect(result.stderrText.split(separator: "\n").count == 1, "\(command)")
        }
    }

    /// With SIGPIPE ignored (as Python's subprocess and some shells leave it), a reader that goes away
    /// stops the scan at once with 141, as SIGPIPE itself would.
    @Test func aClosedPipeStopsTheCommand() throws {
        let server = try RedisServerProcess.start()
        defer { server.stop() }
        let input = (0..<200_000).map { "\($0)" }.joined(separator: "\n")
        #expect(PotteryBinary.run(["set", "add", "big", "-"], server: server, stdin: input).status == 0)
        _ = try server.cli("CONFIG", "RESETSTAT")
        let result = shell(
            "trap '' PIPE; \"$P\" set members big | head -n 1 >/dev/null; echo ${PIPESTATUS[0]}",
            server: server)
        #expect(result.stdoutText == "141\n", "\(result.stderrText)")
        #expect(result.stderrText.isEmpty)
        // 200,000 members take about 200 SSCAN rounds; an early stop takes a few.
        let stats = try server.cli("INFO", "commandstats")
        var calls = 0
        for line in stats.split(whereSeparator: \.isNewline) where line.hasPrefix("cmdstat_sscan:calls=") {
            calls = Int(line.dropFirst("cmdstat_sscan:calls=".count).prefix { $0.isNumber }) ?? 0
        }
        #expect(calls > 0 && calls < 50, "SSCAN ran \(calls) times: \(stats)")
    }

    /// `ps` shows argv: a password in a URL option is overwritten as soon as pottery starts, with a
    /// warning.
    @Test func thePasswordLeavesTheProcessTitle() {
        let script = #"""
            rm -f "$T.fifo"; mkfifo "$T.fifo"
            "$P" -u "redis://:hunter2secret@127.0.0.1:1/0" --master "redis://u:pw2secret@h/0" <"$T.fifo" 2>"$T" &
            pid=$!
            exec 3>"$T.fifo"
            for i in $(seq 500); do
                title=$(tr '\0' ' ' < /proc/$pid/cmdline)
                case "$title" in *secret*) sleep 0.01 ;; *) break ;; esac
            done
            echo "$title"
            exec 3>&-
            wait $pid
            cat "$T"; rm -f "$T" "$T.fifo"
            """#
        let file = NSTemporaryDirectory() + "/pottery-title-\(getpid())"
        let result = runProcess(
            "/bin/bash", ["-c", script],
            environment: ["PATH": "/usr/bin:/bin", "P": PotteryBinary.path, "T": file], timeout: 60)
        #expect(!result.stdoutText.contains("secret"), "\(result.stdoutText)")
        #expect(result.stdoutText.contains("redis://:*************@127.0.0.1:1/0"))
        #expect(result.stdoutText.contains("redis://u:*********@h/0"))
        #expect(result.stdoutText.contains("warning: a password on the command line"))
    }

    /// Key names are bytes: a name that is not UTF-8 is neither repaired nor refused.
    @Test func keysAreBytes() throws {
        let server = try RedisServerProcess.start()
        defer { server.stop() }
        let result = shell(
            #"""
            redis-cli -u "$POTTERY_URL" SET $'k\xff' v >/dev/null
            "$P" type $'k\xff'; echo "type=$?"
            "$P" set add $'s\xff' x; echo "add=$?"
            redis-cli -u "$POTTERY_URL" EXISTS $'s\xff'
            redis-cli -u "$POTTERY_URL" EXISTS $'s\xef\xbf\xbd'
            "$P" -j set add j $'\xff'; echo "strict=$?"
            redis-cli -u "$POTTERY_URL" EXISTS j
            "$P" set members $'nope\xff\n'; echo "absent=$?"
            "$P" set add v $'a\xffb' && redis-cli -u "$POTTERY_URL" SMEMBERS v
            "$P" set members -r v | od -An -tx1
            """#, server: server)
        #expect(
            result.stdoutText
                == "string\ntype=0\nadd=0\n1\n0\nstrict=2\n0\nabsent=0\n\"a\\udcffb\"\n 61 ff 62 0a\n",
            "\(result.stderrText)")
        #expect(result.stderrText.contains("pottery: set add: V is not valid JSON (-j)"))
    }

    /// Random and hostile words in every argument and option of every verb: the only outcomes are
    /// 0, 1, 2 or 3, and a failure is one line on stderr. Never a crash or a trap.
    @Test func fuzzedArgvNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let hostile = [
            "", "-", "--", "-1", "0", "1", "1e999", "-1e999", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "1e20", "0.0001", "1e-400", "0x10", "NaN", "nan", "inf", "-Infinity",
            "1_000", "+5", ".5", "5.", "1e", "'", "\"", "$(touch /tmp/pottery-fuzz-pwned)", "`id`", "{",
            "[[[",
            String(repeating: "[", count: 3000), "{\"a\": [1, 2, {\"b\": null}]}", "é", "\u{FFFF}", "😀",
            String(repeating: "x", count: 100_000), "%s%n%x", "*", "?", "[a-", "\\", "fuzz:key", "-3:",
            "::-1",
            "1:2:3:4", "redis://", "unix:///nope", "--timeout", "-u", "--url=", "--json", "-rqsj", "--help=1",
        ]
        func word() -> String {
            Int.random(in: 0..<4, using: &generator) == 0
                ? "fuzz:\(UInt32.random(in: 0...UInt32.max, using: &generator))"
                : hostile.randomElement(using: &generator)!
        }
        for (group, verb) in CommandTable.standard.allVerbs {
            let prefix = group.isTopLevel ? [verb.name] : [group.name, verb.name]
            for _ in 0..<10 {
                var argv = prefix
                for argument in verb.arguments {
                    let count = argument.arity.maximum > 1 ? Int.random(in: 0...3, using: &generator) : 1
                    for _ in 0..<count { argv.append(word()) }
                }
                // A verb that may block waits without bound unless told not to.
                let noWait = verb.traits.contains(.mayBlock) && verb.option(long: "nowait") != nil
                if noWait { argv.append("--nowait") }
                let waits = Set(verb.exclusive.filter { $0.contains("nowait") }.joined())
                for option in verb.options + GlobalOptions.all where Bool.random(using: &generator) {
                    if ["help", "version", "time", "keep-going"].contains(option.long) { continue }
                    if noWait && waits.contains(option.long)
                        && verb.options.contains(where: { $0.long == option.long })
                    {
                        continue
                    }
                    argv.append("--\(option.long)")
                    if option.takesValue { argv.append(word()) }
                }
                let result = PotteryBinary.run(argv, stdin: "", timeout: 60)
                // A verb that runs a child also ends with 75 (another holder has the lock) or the child's
                // 126/127 (a fuzzed word is seldom a command).
                let allowed: Set<Int32> =
                    verb.traits.contains(.runsChild) ? [0, 1, 2, 3, 75, 126, 127] : [0, 1, 2, 3]
                #expect(allowed.contains(result.status), "\(argv.map { String($0.prefix(40)) })")
                if result.status >= 2 {
                    // Warnings (--insecure) may come first; the failure itself is one line.
                    let lines = result.stderrText.split(separator: "\n").filter {
                        !$0.hasPrefix("pottery: warning:")
                    }
                    #expect(
                        lines.count == 1 && lines[0].hasPrefix("pottery: "),
                        "\(argv.map { $0.prefix(40) }): \(result.stderrText.prefix(300))")
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/pottery-fuzz-pwned"))
    }
}

/// Nesting like Python's json read from a script: 995 levels are a value, 996 are not JSON.
@Suite struct NestingDepthCommandTests {
    @Test func pythonsDepthLimit() throws {
        let key = uniqueKey("deep")
        let deep = String(repeating: "[", count: 995) + String(repeating: "]", count: 995)
        let tooDeep = "[" + deep + "]"
        #expect(PotteryBinary.run(["-j", "set", "add", key, deep]).status == 0)
        #expect(try RedisServerProcess.shared.cli("SISMEMBER", key, deep) == "1")
        let strict = PotteryBinary.run(["-j", "set", "add", key, tooDeep])
        #expect(strict.status == 2 && strict.stderrText.contains("995"), "\(strict.stderrText)")
        // In auto mode, text that is not JSON is a string.
        #expect(PotteryBinary.run(["set", "add", key, tooDeep]).status == 0)
        #expect(PotteryBinary.run(["set", "has", "-s", key, tooDeep]).stdoutText == "true\n")
    }
}
