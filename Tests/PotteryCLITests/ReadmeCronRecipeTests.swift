import Foundation
import RedisTestSupport
import Testing

/// The README's crontab lines for `lock run`, run as cron runs them (`sh -c` with the command part
/// of the line), the report program being the only thing replaced: by a stub that says it started
/// and waits for a go-ahead. One machine's run holds the lock; the next round's `--nowait` skips
/// with 75, the `-E 0` line skips with 0, and the same line with Redis down fails with 3 (so cron
/// mails it) instead of skipping as if busy.
@Suite struct ReadmeCronRecipeTests {
    static let reportPath = "/usr/local/bin/report"

    /// The command part (after the five time fields) of the README's `lock run` crontab lines.
    static func crontabCommands() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        return readme.split(separator: "\n").filter { $0.hasPrefix("*/5 * * * *") && $0.contains("lock run") }
            .map { line in
                var fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
                return String(fields.removeLast()).trimmingCharacters(in: .whitespaces)
            }
    }

    @Test func theCrontabLinesSkipWhenBusyAndFailWhenRedisIsDown() throws {
        let commands = try Self.crontabCommands().filter { $0.contains(Self.reportPath) }
        try #require(commands.count == 2, "\(commands)")
        let (skip, skipQuietly) = (commands[0], commands[1])
        #expect(skip.contains("--nowait") && !skip.contains("-E 0"))
        #expect(skipQuietly.contains("--nowait -E 0"))
        #expect(skip.contains(Self.reportPath) && skipQuietly.contains(Self.reportPath))

        let own = try RedisServerProcess.start()
        defer { own.stop() }
        let directory = NSTemporaryDirectory() + "/" + uniqueKey("cron")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let stub = directory + "/report"
        try """
        #!/bin/sh
        echo "$$" >> "\(directory)/started"
        i=0
        while [ ! -e "\(directory)/go" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done
        """.write(toFile: stub, atomically: true, encoding: .utf8)
        chmod(stub, 0o755)
        func asCron(_ command: String) -> String {
            command.replacingOccurrences(of: Self.reportPath, with: stub)
        }
        let binDirectory = URL(fileURLWithPath: PotteryBinary.path).deletingLastPathComponent().path
        func environment(_ url: String) -> [String: String] {
            ["PATH": binDirectory + ":/usr/bin:/bin", "POTTERY_URL": url, "HOME": directory]
        }
        func starts() -> Int {
            ((try? String(contentsOfFile: directory + "/started", encoding: .utf8)) ?? "")
                .split(separator: "\n").count
        }

        // This machine's round: holds the lock while the report runs.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", asCron(skip)]
        holder.environment = environment(own.url)
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        #expect(eventually { starts() == 1 })

        // Another machine's round meanwhile: skipped, with 75 or with 0 (-E 0); the report never starts.
        let busy = runProcess("/bin/sh", ["-c", asCron(skip)], environment: environment(own.url))
        #expect(busy.status == 75, "\(busy.stderrText)")
        let quiet = runProcess("/bin/sh", ["-c", asCron(skipQuietly)], environment: environment(own.url))
        #expect(quiet.status == 0 && quiet.stderrText.isEmpty, "\(quiet.stderrText)")
        #expect(starts() == 1)

        // Redis down: not a skip. Status 3 and a line for cron to mail, even with -E 0.
        let down = runProcess(
            "/bin/sh", ["-c", asCron(skipQuietly)],
            environment: environment("redis://127.0.0.1:\(freeLoopbackPort())/0"))
        #expect(down.status == 3, "\(down.stderrText)")
        #expect(down.stderrText.hasPrefix("pottery: "), "\(down.stderrText)")
        #expect(starts() == 1)

        #expect(FileManager.default.createFile(atPath: directory + "/go", contents: nil))
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        #expect(try own.cli("EXISTS", "redlock:nightly-report") == "0")
    }

    /// The README's flock line converted to pottery (`-n -E 0 KEY -c 'a | pipeline'`), run as cron
    /// runs it with stubs for `report` and `mail` first on PATH: the pipeline runs through sh -c
    /// while the lock is free, and is skipped with 0 while another holder has it.
    @Test func theFlockLineConvertedRunsItsShellPipeline() throws {
        let line = try #require(try Self.crontabCommands().first { $0.contains(" -c '") })
        #expect(line.hasPrefix("pottery lock run -n -E 0 "))
        let own = try RedisServerProcess.start()
        defer { own.stop() }
        // A PATH entry: no ':' in it.
        let directory =
            NSTemporaryDirectory() + "/" + uniqueKey("flock").replacingOccurrences(of: ":", with: "-")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, body) in [("report", "echo \"report $*\""), ("mail", "cat >> \"\(directory)/mailed\"")] {
            try "#!/bin/sh\n\(body)\n".write(
                toFile: directory + "/" + name, atomically: true, encoding: .utf8)
            chmod(directory + "/" + name, 0o755)
        }
        let binDirectory = URL(fileURLWithPath: PotteryBinary.path).deletingLastPathComponent().path
        let environment = ["PATH": "\(directory):\(binDirectory):/usr/bin:/bin", "POTTERY_URL": own.url]
        let mailed = { (try? String(contentsOfFile: directory + "/mailed", encoding: .utf8)) ?? "" }

        let free = runProcess("/bin/sh", ["-c", line], environment: environment)
        #expect(free.status == 0 && free.stderrText.isEmpty, "\(free.stderrText)")
        #expect(mailed() == "report --since yesterday\n")
        let held = runProcess(
            PotteryBinary.path, ["lock", "acquire", "report", "--ttl", "60"], environment: environment)
        #expect(held.status == 0)
        let busy = runProcess("/bin/sh", ["-c", line], environment: environment)
        #expect(busy.status == 0 && busy.stderrText.isEmpty && mailed() == "report --since yesterday\n")
        let verbose = runProcess(
            "/bin/sh", ["-c", line.replacingOccurrences(of: " -n ", with: " -n --verbose ")],
            environment: environment)
        #expect(verbose.status == 0 && verbose.stderrText.contains("held by another holder; CMD not started"))
        // flock's -w with --verbose: a lease of 1 s held elsewhere is waited for, and said.
        let short = runProcess(
            PotteryBinary.path, ["lock", "acquire", "waited", "--ttl", "1"], environment: environment)
        #expect(short.status == 0)
        let waited = runProcess(
            PotteryBinary.path, ["lock", "run", "-w", "20", "--verbose", "waited", "-c", "echo ran"],
            environment: environment)
        #expect(waited.status == 0 && waited.stdoutText == "ran\n")
        #expect(waited.stderrText.contains("held by another holder; waiting at most 20.0 s"))
        #expect(waited.stderrText.contains("acquired after "))
    }
}
