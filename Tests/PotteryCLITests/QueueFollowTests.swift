import Foundation
import RedisTestSupport
import Testing

/// `queue get --follow` into a slow reader (issue 17): it takes an item only once the reader has
/// read the one before, so the stream keeps what no one handled, a second worker shares it, and a
/// worker that dies loses at most the item in its hands and the one in the pipe.
@Suite struct QueueFollowTests {
    let server = RedisServerProcess.shared

    /// A reader that handles one line, then waits for the test's go-signal before it reads the next.
    @Test func aSlowReaderLeavesTheRestInTheStream() throws {
        let key = uniqueKey("follow")
        let total = 600
        let input = (0..<total).map { "\($0)" }.joined(separator: "\n") + "\n"
        #expect(PotteryBinary.run(["queue", "put", key, "-"], stdin: input).status == 0)
        // `until`: a reader that opens the FIFO while the test's last go-writer is still open (the
        // test preempted between its write and its close, under load) reads end-of-file, not a go.
        let pipeline =
            #""$P" queue get "$K" --follow | while read -r job; do echo "$job" >> "$D/handled"; until read -r _ < "$D/go"; do :; done; done"#
        let worker = try SlowWorker(pipeline, key: key, server: server)
        defer { worker.kill() }
        let handledCount = 5
        try worker.awaitHandled(1)
        for step in 2...handledCount {
            try worker.go()
            try worker.awaitHandled(step)
        }
        // The worker holds item 4 and, by now or soon, item 5 in the pipe: nothing more is taken.
        try awaitLength(key, atMost: total - handledCount - 1)
        let left = try length(key)
        #expect(
            left >= total - handledCount - 2,
            "the follower took \(total - left) items for \(handledCount) handled")
        #expect(worker.handled() == (0..<handledCount).map(String.init))

        let second = PotteryBinary.run("queue", "get", key, "--nowait")
        #expect(second.status == 0 && !second.stdout.isEmpty, "\(second.stderrText)")
        #expect(try length(key) == left - 1)
        // A second follower shares the queue: it gets the next item, not the first worker's.
        let other = try SlowWorker(pipeline, key: key, server: server, name: "second")
        defer { other.kill() }
        try other.awaitHandled(1)
        #expect(other.handled() == ["\(total - left + 1)"])

        worker.kill()
        other.kill()
        // What nobody handled is still in the stream: at most the item in each pipe is lost.
        let lost = total - handledCount - 1 - 1 - (try length(key))
        #expect(lost >= 0 && lost <= 2, "lost \(lost)")
    }

    /// The README's worker, exactly as written there, over 30 jobs; `handle` leaves after ten, which
    /// ends the pipeline (pottery sees its reader gone: 141).
    @Test func theReadmeWorkerRecipeRunsAsWritten() throws {
        let readme = try String(
            contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
                .path,
            encoding: .utf8)
        let recipe = try #require(
            readme.split(separator: "\n").first {
                $0.hasPrefix("pottery queue get jobs --follow | while read -r job")
            })
        #expect(recipe.contains("handle \"$job\""))
        // A server of its own: the recipe's key is `jobs`.
        let own = try RedisServerProcess.start()
        defer { own.stop() }
        let input = (1...30).map { "{\"job\": \($0)}" }.joined(separator: "\n") + "\n"
        #expect(PotteryBinary.run(["queue", "put", "jobs", "-"], server: own, stdin: input).status == 0)
        let directory = NSTemporaryDirectory() + "/" + uniqueKey("recipe")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = """
            handle() { echo "$1" >> "$D/handled"; [ "$(wc -l < "$D/handled")" -lt 10 ] || exit 0; }
            \(recipe)
            echo "${PIPESTATUS[0]}"
            """
        let binDirectory = URL(fileURLWithPath: PotteryBinary.path).deletingLastPathComponent().path
        let result = runProcess(
            "/bin/bash", ["-c", script],
            environment: ["PATH": "\(binDirectory):/usr/bin:/bin", "POTTERY_URL": own.url, "D": directory],
            timeout: 60)
        #expect(result.stdoutText == "141\n", "\(result.stderrText)")
        let handled = try String(contentsOfFile: directory + "/handled", encoding: .utf8)
        #expect(handled == (1...10).map { "{\"job\": \($0)}\n" }.joined())
        // Jobs 11 and later stay queued, but for the one that may have waited in the pipe.
        let left = Int(try own.cli("XLEN", "jobs")) ?? -1
        #expect(left >= 19 && left <= 20, "\(left) left")
    }

    /// A reader that reads nothing: pottery writes one item and waits for it to be read; Ctrl-C
    /// abandons that wait with 130 and takes nothing more.
    @Test func ctrlCWhileTheReaderLagsTakesNothingMore() throws {
        let key = uniqueKey("follow")
        #expect(PotteryBinary.run("queue", "put", key, "1", "2", "3").status == 0)
        let following = try BlockedPottery(["queue", "get", key, "--follow"], server: server)
        try awaitLength(key, atMost: 2)
        following.process.interrupt()
        let (status, output) = following.finish()
        #expect(status == 130 && output == "1\n", "\(following.errors())")
        #expect(try length(key) == 2)
    }

    /// `--batch N` takes up to N at a time and still delivers everything in order.
    @Test func batchTakesSeveralAtATime() throws {
        let key = uniqueKey("follow")
        let input = (0..<50).map { "\($0)" }.joined(separator: "\n") + "\n"
        #expect(PotteryBinary.run(["queue", "put", key, "-"], stdin: input).status == 0)
        let drained = runProcess(
            "/bin/bash", ["-c", #""$P" queue get "$K" --follow --nowait --batch 7 | cat"#],
            environment: [
                "PATH": "/usr/bin:/bin", "P": PotteryBinary.path, "POTTERY_URL": server.url, "K": key,
            ])
        #expect(drained.status == 0 && drained.stdoutText == input, "\(drained.stderrText)")
        for argv in [
            ["queue", "get", key, "--batch", "2"], ["queue", "get", key, "--follow", "--batch", "0"],
        ] {
            #expect(PotteryBinary.run(argv).status == 2, "\(argv)")
        }
    }

    func length(_ key: String) throws -> Int { Int(try server.cli("XLEN", key)) ?? -1 }

    /// Polls until the stream holds at most `limit` entries (bounded).
    func awaitLength(_ key: String, atMost limit: Int, timeout: Double = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try length(key) > limit {
            guard Date() < deadline else { throw TestSupportError("the stream stayed above \(limit)") }
            usleep(1000)
        }
    }
}

/// A shell pipeline in a process group of its own (Foundation's `Process` makes its child a group
/// leader), killed as a whole, with `$P` pottery, `$K` the key,
/// `$D` a directory holding `handled` (a line per job handled) and `go`, a FIFO the reader waits on.
final class SlowWorker {
    let process = Process()
    let directory: String

    init(_ pipeline: String, key: String, server: RedisServerProcess, name: String = "worker") throws {
        directory = NSTemporaryDirectory() + "/" + key + "." + name
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard mkfifo(directory + "/go", 0o600) == 0 else { throw TestSupportError("mkfifo failed") }
        _ = FileManager.default.createFile(atPath: directory + "/handled", contents: nil)
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", pipeline]
        process.environment = [
            "PATH": "/usr/bin:/bin", "P": PotteryBinary.path, "POTTERY_URL": server.url, "K": key,
            "D": directory,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func handled() -> [String] {
        let text = (try? String(contentsOfFile: directory + "/handled", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Polls until `count` jobs were handled (bounded).
    func awaitHandled(_ count: Int, timeout: Double = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while handled().count < count {
            guard Date() < deadline, process.isRunning else {
                throw TestSupportError("the worker handled \(handled().count) of \(count)")
            }
            usleep(1000)
        }
    }

    /// Lets the reader take its next line: writes to the FIFO once the reader waits on it.
    func go(timeout: Double = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var fd: Int32 = -1
        while fd < 0 {
            fd = open(directory + "/go", O_WRONLY | O_NONBLOCK)
            if fd < 0 {
                guard errno == ENXIO, Date() < deadline else {
                    throw TestSupportError("the reader never waited")
                }
                usleep(1000)
            }
        }
        defer { close(fd) }
        _ = write(fd, "go\n", 3)
    }

    /// Kills the whole pipeline (its process group) and reaps it.
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(-process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
