import Foundation
import PotteryCore
import RedisTestSupport
import Testing

/// `pottery cache ...` as a user runs it: real processes against a real server. A child counts its
/// runs by appending a line to a file, so "the child ran once" is a line count.
@Suite struct CacheCommandTests {
    let server = RedisServerProcess.shared

    /// A fresh directory, and a counting child: `sh -c SCRIPT COUNTFILE` appends to COUNTFILE first.
    struct Workbench {
        let directory: String
        var counter: String { directory + "/runs" }

        init() throws {
            directory = NSTemporaryDirectory() + "pottery-cache-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }

        /// `sh -c 'echo x >> "$0"; SCRIPT' COUNTFILE`.
        func child(_ script: String) -> [String] { ["sh", "-c", "echo x >> \"$0\"; " + script, counter] }

        var runs: Int {
            ((try? String(contentsOfFile: counter, encoding: .utf8)) ?? "").split(separator: "\n").count
        }
    }

    func stats(_ key: String) -> [String: Double] {
        let result = PotteryBinary.run("cache", "stats", key)
        let object = try? JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Double]
        return object ?? [:]
    }

    @Test func memoizesOutputAndStatus() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let command = ["cache", "run", key, "--"] + bench.child("echo hello; echo note >&2")
        let miss = PotteryBinary.run(command)
        #expect(miss.status == 0 && miss.stdoutText == "hello\n" && miss.stderrText == "note\n")
        let hit = PotteryBinary.run(command)
        // stderr is not cached
        #expect(hit.status == 0 && hit.stdoutText == "hello\n" && hit.stderrText == "")
        #expect(bench.runs == 1)
        #expect(
            PotteryBinary.run("cache", "stats", key).stdoutText
                == "{\"hits\": 1, \"misses\": 1, \"currsize\": 1, \"ttl\": 60}\n")
        let ttl = Int(try server.cli("PTTL", key)) ?? 0
        #expect(ttl > 50_000 && ttl <= 60_000)
        // Without `--`, the command starts at its first word.
        #expect(
            PotteryBinary.run(["cache", "run", key] + bench.child("echo hello; echo note >&2")).stderrText
                == "")
        #expect(bench.runs == 1)
    }

    @Test func binaryOutputRoundTrips() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let bytes = (0..<4).flatMap { _ in (0...255).map(UInt8.init) }
        let file = bench.directory + "/bytes"
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        let miss = PotteryBinary.run(["cache", "run", key, "--", "cat", file])
        let hit = PotteryBinary.run(["cache", "run", key, "--", "cat", file])
        #expect(miss.status == 0 && miss.stdout == bytes)
        #expect(hit.status == 0 && hit.stdout == bytes)
        #expect(stats(key)["hits"] == 1)
        // Empty output is an entry like any other.
        #expect(PotteryBinary.run(["cache", "run", key, "--"] + bench.child("true")).stdout.isEmpty)
        #expect(PotteryBinary.run(["cache", "run", key, "--"] + bench.child("true")).status == 0)
        #expect(bench.runs == 1)
    }

    @Test func failuresAreNotCachedUnlessAsked() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let failing = bench.child("echo partial; exit 3")
        for _ in 0..<2 {
            let result = PotteryBinary.run(["cache", "run", key, "--"] + failing)
            #expect(result.status == 3 && result.stdoutText == "partial\n")
        }
        #expect(bench.runs == 2)
        #expect(stats(key)["misses"] == 2 && stats(key)["currsize"] == 0)
        for _ in 0..<2 {
            let result = PotteryBinary.run(["cache", "run", key, "--cache-failures", "--"] + failing)
            #expect(result.status == 3 && result.stdoutText == "partial\n")
        }
        #expect(bench.runs == 3)
        // A cached failure is a hit for a run without --cache-failures too.
        #expect(PotteryBinary.run(["cache", "run", key, "--"] + failing).status == 3)
        #expect(bench.runs == 3)
    }

    @Test func childKilledBySignalPassesItsStatusAndIsNotCached() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let dying = bench.child("echo partial; kill -TERM $$")
        for _ in 0..<2 {
            let result = PotteryBinary.run(["cache", "run", key, "--cache-failures", "--"] + dying)
            #expect(result.status == 143 && result.stdoutText == "partial\n")
        }
        #expect(bench.runs == 2)
        #expect(try server.cli("EXISTS", key) == "0")
    }

    @Test func bypassForgetAndClear() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        // The child prints how many times it ran, so a fresh output differs from a cached one.
        let counting = bench.child("wc -l < \"$0\" | tr -d ' '")
        #expect(PotteryBinary.run(["cache", "run", key, "--"] + counting).stdoutText == "1\n")
        let bypassed = PotteryBinary.run(["cache", "bypass", key, "--"] + counting)
        #expect(bypassed.status == 0 && bypassed.stdoutText == "2\n")
        #expect(PotteryBinary.run(["cache", "run", key, "--"] + counting).stdoutText == "2\n")
        #expect(PotteryBinary.run(["cache", "bypass", key, "--", "sh", "-c", "exit 9"]).status == 9)
        #expect(PotteryBinary.run(["cache", "forget", key, "--"] + counting).status == 0)
        #expect(PotteryBinary.run(["cache", "forget", key, "--"] + counting).status == 1)
        #expect(PotteryBinary.run(["cache", "run", key, "--"] + counting).stdoutText == "3\n")
        #expect(bench.runs == 3)
        #expect(stats(key)["misses"] == 4 && stats(key)["hits"] == 1)
        #expect(PotteryBinary.run("cache", "clear", key).status == 0)
        #expect(try server.cli("EXISTS", key, "{" + key + "}:cache-stats") == "0")
        #expect(
            PotteryBinary.run("cache", "stats", key).stdoutText
                == "{\"hits\": 0, \"misses\": 0, \"currsize\": 0, \"ttl\": 60}\n")
        #expect(PotteryBinary.run(["cache", "run", key, "--"] + counting).stdoutText == "4\n")
    }

    @Test func statsAreSharedAcrossProcesses() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let command = ["cache", "run", key, "--ttl", "30", "--"] + bench.child("echo shared")
        #expect(PotteryBinary.run(command).status == 0)
        let group = DispatchGroup()
        let statuses = Collected<[Int32]>([])
        for _ in 0..<6 {
            DispatchQueue.global().async(group: group) {
                let result = PotteryBinary.run(command)
                statuses.withLock { $0.append(result.stdoutText == "shared\n" ? result.status : -1) }
            }
        }
        group.wait()
        #expect(statuses.withLock { $0 } == Array(repeating: 0, count: 6))
        #expect(bench.runs == 1)
        #expect(stats(key) == ["hits": 6, "misses": 1, "currsize": 1, "ttl": 30])
    }

    @Test func ttlExpiresAndRestartsOnEveryAccess() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let command = ["cache", "run", key, "--ttl", "0.3", "--"] + bench.child("echo soon")
        #expect(PotteryBinary.run(command).status == 0)
        #expect(stats(key)["ttl"] == 0.3)
        // Await the expiry (bounded), rather than sleeping a fixed time.
        let deadline = Date().addingTimeInterval(20)
        while try server.cli("EXISTS", key) == "1", Date() < deadline { usleep(20_000) }
        #expect(try server.cli("EXISTS", key) == "0")
        #expect(stats(key)["currsize"] == 0 && stats(key)["misses"] == 1)
        #expect(PotteryBinary.run(command).stdoutText == "soon\n")
        #expect(bench.runs == 2)

        // A hit restarts the ttl: shorten it by hand, hit, and it is whole again.
        let long = ["cache", "run", key, "--ttl", "100", "--"] + bench.child("echo long")
        #expect(PotteryBinary.run(long).status == 0)
        _ = try server.cli("PEXPIRE", key, "20000")
        #expect(PotteryBinary.run(long).stdoutText == "long\n")
        #expect((Int(try server.cli("PTTL", key)) ?? 0) > 90_000)
        // --ttl 0: no expiry.
        #expect(
            PotteryBinary.run(["cache", "run", key, "--ttl", "0", "--"] + bench.child("echo long")).status
                == 0)
        #expect(try server.cli("PTTL", key) == "-1")
        #expect(stats(key)["ttl"] == 0)
        #expect(bench.runs == 3)
    }

    @Test func standardInputIsPartOfTheKeyWithStdin() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let command = ["cache", "run", key, "--stdin", "--"] + bench.child("tr a-z A-Z")
        #expect(PotteryBinary.run(command, stdin: "abc\n").stdoutText == "ABC\n")
        #expect(PotteryBinary.run(command, stdin: "xyz\n").stdoutText == "XYZ\n")
        #expect(PotteryBinary.run(command, stdin: "abc\n").stdoutText == "ABC\n")
        #expect(bench.runs == 2)
        // Without --stdin the same argv is another entry, and the child reads our stdin itself.
        let plain = ["cache", "run", key, "--"] + bench.child("tr a-z A-Z")
        #expect(PotteryBinary.run(plain, stdin: "abc\n").stdoutText == "ABC\n")
        #expect(PotteryBinary.run(plain, stdin: "other\n").stdoutText == "ABC\n")
        #expect(bench.runs == 3)
        #expect(
            PotteryBinary.run(
                ["cache", "forget", key, "--stdin", "--"] + bench.child("tr a-z A-Z"), stdin: "xyz\n"
            ).status == 0)
        #expect(PotteryBinary.run(command, stdin: "xyz\n").stdoutText == "XYZ\n")
        #expect(bench.runs == 4)
        // Standard input larger than --max-bytes is refused before anything runs.
        let big = PotteryBinary.run(
            ["cache", "run", key, "--stdin", "--max-bytes", "3", "--"] + bench.child("cat"), stdin: "abcd")
        #expect(big.status == 2 && bench.runs == 4)
    }

    @Test func outputOverTheLimitPassesThroughUncached() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let command = ["cache", "run", key, "--max-bytes", "5", "--"] + bench.child("echo 123456")
        for _ in 0..<2 {
            let result = PotteryBinary.run(command)
            #expect(result.status == 0 && result.stdoutText == "123456\n")
            #expect(result.stderrText.contains("not cached"))
        }
        #expect(bench.runs == 2)
        #expect(
            PotteryBinary.run(["cache", "run", key, "--max-bytes", "7", "--"] + bench.child("echo 123456"))
                .status == 0)
        #expect(
            PotteryBinary.run(["cache", "run", key, "--max-bytes", "7", "--"] + bench.child("echo 123456"))
                .stderrText == "")
        #expect(bench.runs == 3)
    }

    @Test func timeOnAHitPrintsOneLine() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let command = ["cache", "run", key, "--"] + bench.child("echo timed")
        _ = PotteryBinary.run(command)
        let hit = PotteryBinary.run(["--time"] + command)
        #expect(hit.status == 0 && hit.stdoutText == "timed\n")
        let line = hit.stderrText
        #expect(line.wholeMatch(of: /pottery: cache run: [0-9]+\.[0-9]{3} ms\n/) != nil, "\(line)")
        #expect(bench.runs == 1)
    }

    @Test func lockComputesAMissOnce() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let command = ["cache", "run", key, "--lock", "--"] + bench.child("sleep 0.5; echo computed")
        let group = DispatchGroup()
        let outputs = Collected<[String]>([])
        for _ in 0..<4 {
            DispatchQueue.global().async(group: group) {
                let result = PotteryBinary.run(command)
                outputs.withLock { $0.append("\(result.status) \(result.stdoutText)") }
            }
        }
        group.wait()
        #expect(outputs.withLock { $0 } == Array(repeating: "0 computed\n", count: 4))
        #expect(bench.runs == 1)
        #expect(stats(key)["misses"] == 1 && stats(key)["hits"] == 3)
        #expect(try server.cli("KEYS", "redlock:cache-lock:" + key + "*") == "")
    }

    /// A process waiting for another's --lock ends on a signal (128+n) without running the command.
    @Test func lockWaitEndsOnASignal() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let child = bench.child("echo never")
        let field = CacheEntryID(arguments: child.map { Array($0.utf8) }).description
        let script = """
            redis-cli -u "$POTTERY_URL" SET "redlock:cache-lock:$1:$2" someone PX 60000 >/dev/null
            shift 2
            "$P" cache run "$KEY" --lock -- "$@" & pid=$!
            for i in $(seq 500); do
                [ "$(redis-cli -u "$POTTERY_URL" EXISTS "{$KEY}:cache-stats")" = 1 ] && break; sleep 0.02
            done
            kill -TERM $pid; wait $pid; echo "status=$?"
            """
        // Test threads block most signals and children inherit the mask: unblock them for bash.
        let result = withInterruptSignalsUnblocked {
            runProcess(
                "/bin/bash", ["-c", script, "bash", key, field] + child,
                environment: [
                    "PATH": "/usr/bin:/bin", "P": PotteryBinary.path, "POTTERY_URL": server.url, "KEY": key,
                ],
                timeout: 30)
        }
        #expect(!result.timedOut && result.stdoutText == "status=143\n", "\(result.stderrText)")
        #expect(bench.runs == 0)
        _ = try server.cli("DEL", "redlock:cache-lock:\(key):\(field)")
    }

    /// In batch mode standard input holds the commands: a child reads end of file, never our commands.
    @Test func batchModeKeepsTheCommandsFromTheChild() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        let line = "cache run \(key) -- sh -c 'echo x >> \"$0\"; cat; echo one' \(bench.counter)\n"
        let result = PotteryBinary.run([], stdin: line + line + "cache stats \(key)\n")
        #expect(result.status == 0)
        #expect(result.stdoutText == "one\none\n{\"hits\": 1, \"misses\": 1, \"currsize\": 1, \"ttl\": 60}\n")
        #expect(bench.runs == 1)
        #expect(PotteryBinary.run([], stdin: "cache run \(key) --stdin -- cat\n").status == 2)
    }

    @Test func brokenPipeStopsTheChildAndCachesNothing() throws {
        let key = uniqueKey("cache")
        let result = runProcess(
            "/bin/bash",
            [
                "-c", "\"$0\" cache run \"$1\" -- yes | head -c 4 >/dev/null; echo ${PIPESTATUS[0]}",
                PotteryBinary.path, key,
            ],
            environment: ["PATH": "/usr/bin:/bin", "POTTERY_URL": server.url], timeout: 30)
        #expect(!result.timedOut && result.stdoutText == "141\n")
        #expect(try server.cli("EXISTS", key) == "0")
    }

    @Test func badInputAndDeadServers() throws {
        let bench = try Workbench()
        let key = uniqueKey("cache")
        for arguments in [
            ["cache", "run", key, "--ttl", "-1", "--"], ["cache", "run", key, "--ttl", "x", "--"],
            ["cache", "run", key, "--max-bytes", "-1", "--"],
            ["cache", "run", key, "--max-bytes", "99999999999999999999", "--"],
        ] {
            let result = PotteryBinary.run(arguments + bench.child("echo no"))
            #expect(result.status == 2 && result.stdout.isEmpty, "\(arguments)")
        }
        #expect(PotteryBinary.run("cache", "run", key).status == 2)
        #expect(PotteryBinary.run("cache", "run", key, "--").status == 2)
        #expect(bench.runs == 0)
        #expect(try server.cli("EXISTS", key) == "0")
        // A dead server: exit 3, and the command never runs.
        let dead = PotteryBinary.run(
            ["cache", "run", key, "--"] + bench.child("echo no"), url: "redis://127.0.0.1:1/0")
        #expect(dead.status == 3 && dead.stdout.isEmpty && bench.runs == 0)
        // A command that cannot start: 127, as shells; a miss is still counted.
        #expect(
            PotteryBinary.run("cache", "run", key, "--", "no-such-command-\(UUID().uuidString)").status == 127
        )
        _ = try server.cli("SET", key, "a string")
        #expect(PotteryBinary.run(["cache", "run", key, "--"] + bench.child("echo no")).status == 3)
        #expect(bench.runs == 0)
        _ = try server.cli("DEL", key)
    }
}

/// Results gathered from concurrent runs.
private final class Collected<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
