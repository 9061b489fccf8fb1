import PotteryProcess
import Foundation
import RedisTestSupport
import Testing

@Suite struct QueueCommandTests {
    let server = RedisServerProcess.shared

    @Test func putGetSizeEmpty() throws {
        let key = uniqueKey("queue")
        #expect(PotteryBinary.run("queue", "empty", key).stdoutText == "true\n")
        #expect(PotteryBinary.run("queue", "put", key, "jack", "4098", "{\"b\":1,\"a\":2}").status == 0)
        let raw = try server.cli("XRANGE", key, "-", "+").split(separator: "\n").map(String.init)
        #expect(raw.filter { $0 == "item" }.count == 3 && raw.contains("{\"a\": 2, \"b\": 1}"))
        #expect(PotteryBinary.run("queue", "size", key).stdoutText == "3\n")
        #expect(PotteryBinary.run("queue", "empty", key).status == 1)
        #expect(PotteryBinary.run("queue", "get", key).stdoutText == "\"jack\"\n")
        #expect(PotteryBinary.run("queue", "get", key, "--nowait").stdoutText == "4098\n")
        #expect(
            PotteryBinary.run("queue", "get", key, "--timeout", "1").stdoutText == "{\"a\": 2, \"b\": 1}\n")
        let none = PotteryBinary.run("queue", "get", key, "--nowait")
        #expect(none.status == 1 && none.stdout.isEmpty && none.stderr.isEmpty)
        #expect(PotteryBinary.run("queue", "get", key, "--wait", "0.2").status == 1)
        #expect(PotteryBinary.run("--timeout", "2", "queue", "get", key, "--timeout", "0.1").status == 1)
        #expect(PotteryBinary.run("queue", "empty", "-q", key).stdout.isEmpty)
    }

    @Test func putFromStandardInputKeepsOrder() throws {
        let key = uniqueKey("queue")
        let input = (0..<5000).map { "\($0)" }.joined(separator: "\n") + "\n"
        #expect(PotteryBinary.run(["queue", "put", key, "-"], stdin: input).status == 0)
        #expect(try server.cli("XLEN", key) == "5000")
        let drained = PotteryBinary.run("queue", "get", key, "--follow", "--nowait")
        #expect(drained.status == 0 && drained.lines == (0..<5000).map(String.init))
        #expect(PotteryBinary.run("queue", "get", key, "--follow", "--timeout", "0.1").status == 1)
    }

    @Test func badInputExitsTwoAndWritesNothing() throws {
        let key = uniqueKey("queue")
        for argv in [
            ["queue", "put", "-j", key, "jack"], ["queue", "get", key, "--timeout", "soon"],
            ["queue", "get", key, "--timeout", "-1"], ["queue", "get", key, "--nowait", "--wait", "1"],
            ["queue", "put", key], ["queue", "get", key, "extra"],
        ] {
            let result = PotteryBinary.run(argv)
            #expect(result.status == 2, "\(argv)")
        }
        let strict = PotteryBinary.run(["queue", "put", key, "-", "-j"], stdin: "1\n2\nnope\n")
        #expect(strict.status == 2 && strict.stderrText.contains("line 3"))
        #expect(try server.cli("EXISTS", key) == "0")
        _ = try server.cli("SET", key, "x")
        #expect(PotteryBinary.run("queue", "get", key, "--nowait").status == 3)
        #expect(PotteryBinary.run("queue", "get", key).status == 3)
        #expect(PotteryBinary.run("queue", "put", key, "a").status == 3)
    }

    /// An entry without an `item` field, written by someone else, made `--follow --nowait` print three
    /// items, exit 3 and XDEL six it never printed (issue 17). It is left where it is now, with one
    /// warning, and every item around it is delivered in order.
    @Test func aForeignEntryStaysAndTheItemsAroundItAreDelivered() throws {
        for follow in [true, false] {
            let key = uniqueKey("queue")
            #expect(PotteryBinary.run("queue", "put", key, "a1", "a2", "a3").status == 0)
            let foreign = try server.cli("XADD", key, "*", "other", "x")
            #expect(PotteryBinary.run(["queue", "put", key] + (1...6).map { "b\($0)" }).status == 0)
            let expected = ["a1", "a2", "a3"] + (1...6).map { "b\($0)" }
            var printed: [String] = []
            var warnings: [String] = []
            if follow {
                let drained = PotteryBinary.run("queue", "get", key, "--follow", "--nowait", "-r")
                #expect(drained.status == 0)
                printed = drained.lines
                warnings = drained.stderrText.split(separator: "\n").map(String.init)
            } else {
                for _ in expected {
                    let one = PotteryBinary.run("queue", "get", key, "-r")
                    #expect(one.status == 0)
                    printed += one.lines
                    warnings += one.stderrText.split(separator: "\n").map(String.init)
                }
                let none = PotteryBinary.run("queue", "get", key, "--nowait")
                #expect(none.status == 1 && none.stdout.isEmpty)
            }
            #expect(printed == expected, "follow: \(follow)")
            #expect(
                warnings.allSatisfy {
                    $0.contains("warning: passed over 1 stream entry without an item field")
                })
            #expect(follow ? warnings.count == 1 : warnings.count >= 1, "\(warnings)")
            #expect(try server.cli("XLEN", key) == "1")
            #expect(try server.cli("XRANGE", key, "-", "+") == "\(foreign)\nother\nx")
        }
    }

    /// Also with only a foreign entry in the stream: the wait is an XREAD after that entry, not a
    /// spin that returns at once.
    @Test(arguments: [false, true]) func aPutWakesABlockedGet(pastAForeignEntry: Bool) throws {
        let key = uniqueKey("queue")
        if pastAForeignEntry { _ = try server.cli("XADD", key, "*", "other", "x") }
        let waiting = try BlockedPottery(["queue", "get", key], server: server)
        try waiting.waitUntilBlocked()
        #expect(PotteryBinary.run("queue", "put", key, "wake").status == 0)
        let (status, output) = waiting.finish()
        #expect(status == 0 && output == "\"wake\"\n")
        #expect(try server.cli("XLEN", key) == (pastAForeignEntry ? "1" : "0"))
    }

    @Test func ctrlCWhileWaitingExits130AndTakesNothing() throws {
        // A server of its own: on the shared one, another test's pottery blocked in XREAD would look
        // like this one, and Ctrl-C would come before this one installed its handlers (a flake seen
        // once under a full parallel run).
        let own = try RedisServerProcess.start()
        defer { own.stop() }
        let key = uniqueKey("queue")
        let waiting = try BlockedPottery(["queue", "get", key], server: own)
        try waiting.waitUntilBlocked()
        waiting.process.interrupt()
        let (status, output) = waiting.finish()
        #expect(status == 130 && output.isEmpty)
        #expect(waiting.errors().isEmpty)
        #expect(PotteryBinary.run(["queue", "put", key, "a", "b"], server: own).status == 0)
        #expect(try own.cli("XLEN", key) == "2")
        #expect(PotteryBinary.run(["queue", "get", key], server: own).stdoutText == "\"a\"\n")
        #expect(try own.cli("XLEN", key) == "1")
    }

    @Test func followStreamsUntilInterrupted() throws {
        let key = uniqueKey("queue")
        _ = PotteryBinary.run("queue", "put", key, "1", "2")
        let following = try BlockedPottery(["queue", "get", key, "--follow"], server: server)
        // Into a pipe, the next item is taken only once this reader has read the one before.
        #expect(following.readLines(2) == "1\n2\n")
        try following.waitUntilBlocked()
        _ = PotteryBinary.run("queue", "put", key, "3")
        #expect(following.readLines(1) == "3\n")
        following.process.interrupt()
        let (status, output) = following.finish()
        #expect(status == 130 && output.isEmpty)
        _ = PotteryBinary.run("queue", "put", key, "4")
        #expect(try server.cli("XLEN", key) == "1")
    }

    @Test func aServerThatDiesDuringTheWaitIsExitThree() throws {
        let own = try RedisServerProcess.start()
        let waiting = try BlockedPottery(["queue", "get", "q"], server: own)
        try waiting.waitUntilBlocked()
        own.stop()
        let (status, output) = waiting.finish()
        #expect(status == 3 && output.isEmpty)
        #expect(waiting.errors().hasPrefix("pottery: queue get q ("))
    }

    @Test func fourConsumersReceiveEachItemExactlyOnce() throws {
        let key = uniqueKey("queue")
        let input = (0..<1000).map { "\($0)" }.joined(separator: "\n") + "\n"
        #expect(PotteryBinary.run(["queue", "put", key, "-"], stdin: input).status == 0)
        let script = """
            for c in 1 2 3 4; do
              ( while "$P" queue get "$K" --nowait; do :; done > "$D/out$c" ) &
            done
            wait
            cat "$D"/out*
            """
        let directory = NSTemporaryDirectory() + "/" + key
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = runProcess(
            "/bin/bash", ["-c", script],
            environment: [
                "PATH": "/usr/bin:/bin", "P": PotteryBinary.path, "POTTERY_URL": server.url, "K": key,
                "D": directory,
            ], timeout: 240)
        let received = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(received.count == 1000 && Set(received) == Set((0..<1000).map(String.init)))
        #expect(try server.cli("XLEN", key) == "0")
    }
}

/// A pottery process that is expected to block in XREAD: started in the background, watched through
/// CLIENT LIST (no sleeps), interrupted or woken by the test.
final class BlockedPottery {
    let process = Process()
    private let output = Pipe()
    private let errorOutput = Pipe()
    private let server: RedisServerProcess
    private var stderrBytes = Data()

    /// `server` is where pottery is expected to block; `url` (default: `server`'s) is the one it is
    /// given (another node of a cluster, say).
    init(_ arguments: [String], server: RedisServerProcess, url: String? = nil) throws {
        self.server = server
        process.executableURL = URL(fileURLWithPath: PotteryBinary.path)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "POTTERY_URL": url ?? server.url]
        process.standardOutput = output
        process.standardError = errorOutput
        process.standardInput = FileHandle.nullDevice
        // The child inherits this thread's signal mask; test threads may block SIGINT.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &signals, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    /// Waits until the server shows a pottery client blocked in XREAD.
    func waitUntilBlocked(timeout: Double = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let list = try server.cli("CLIENT", "LIST")
            let blocked = list.split(separator: "\n").filter {
                $0.contains("name=pottery") && $0.contains("cmd=xread") && $0.contains("flags=b")
            }
            if !blocked.isEmpty { return }
            guard process.isRunning else { throw TestSupportError("pottery exited before blocking") }
        }
        throw TestSupportError("pottery never blocked in XREAD")
    }

    /// Reads standard output until `count` more lines came; returns them.
    func readLines(_ count: Int) -> String {
        var data = Data()
        while data.filter({ $0 == 0x0A }).count < count {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            data += chunk
        }
        return String(decoding: data, as: UTF8.self)
    }

    func finish() -> (Int32, String) {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        stderrBytes = errorOutput.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func errors() -> String { String(decoding: stderrBytes, as: UTF8.self) }
}
