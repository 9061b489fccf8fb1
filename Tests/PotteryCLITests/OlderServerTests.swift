import Foundation
import RedisTestSupport
import Testing

/// A verb that uses a command newer than Redis 6.2 falls back to an equivalent when the server does
/// not know it, with the same output, statuses and errors. Here a server whose SINTERCARD is renamed
/// away answers "unknown command" as Redis 6.2 does (scripts/test also runs the suites on a real 6.2).
@Suite struct OlderServerTests {
    static let lines = [
        "set issubset a b", "set issubset b a", "set issuperset b a", "set isdisjoint a b",
        "set isdisjoint a c", "set issubset nokey b", "set isdisjoint nokey c", "set issubset a h",
        "set issubset h a", "set isdisjoint a h",
    ]

    /// A server without SINTERCARD: this one with it renamed away, or, when the suites run on Redis
    /// 6.2 (scripts/test), a plain one.
    static func startOlderServer() throws -> RedisServerProcess {
        try RedisServerProcess.start(
            extraArguments: RedisServerProcess.version >= (7, 0)
                ? ["--rename-command", "SINTERCARD", ""] : [])
    }

    /// Each line alone: its stdout, stderr without the server's address, and status.
    static func answers(on server: RedisServerProcess) -> [String] {
        let seed = "set add a 1 2\nset add b 1 2 3\nset add c 9\ndict set h x 1\n"
        #expect(PotteryBinary.run([], server: server, stdin: seed).status == 0)
        return lines.map { line in
            let result = PotteryBinary.run(line.split(separator: " ").map(String.init), server: server)
            let stderr = result.stderrText.replacingOccurrences(of: server.url, with: "SERVER")
            return "\(line): \(result.status) \(result.stdoutText)\(stderr)"
        }
    }

    @Test func setRelationsWithoutSINTERCARDAnswerAsWithIt() throws {
        let current = try RedisServerProcess.start()
        defer { current.stop() }
        let older = try Self.startOlderServer()
        defer { older.stop() }
        let expected = Self.answers(on: current)
        #expect(expected.filter { $0.contains("WRONGTYPE") }.count == 3)
        #expect(Self.answers(on: older) == expected)
    }

    /// In a batch (or the REPL) the refusal is paid once: the connection remembers it, so ten
    /// relations cost the server no more errors than one.
    @Test func theRefusalIsPaidOncePerConnection() throws {
        let older = try Self.startOlderServer()
        defer { older.stop() }
        #expect(PotteryBinary.run([], server: older, stdin: "set add a 1\nset add b 1 2\n").status == 0)
        func errors(_ batch: String) throws -> String {
            try older.cli("CONFIG", "RESETSTAT")
            let result = PotteryBinary.run(["--keep-going"], server: older, stdin: batch)
            #expect(result.status == 1 && result.stdoutText.hasSuffix("false\n"))
            // The script's first EVALSHA is a NOSCRIPT in the first batch only.
            return try older.cli("INFO", "errorstats").split(whereSeparator: \.isNewline).filter {
                !$0.contains("NOSCRIPT")
            }
            .joined(separator: "\n")
        }
        let one = try errors("set issubset a b\nset isdisjoint a b\n")
        let ten = try errors(String(repeating: "set issubset a b\nset isdisjoint a b\n", count: 5))
        #expect(one.contains("errorstat_ERR") && one == ten, "\(one) vs \(ten)")
    }
}
