import Foundation
import RedisTestSupport
import Testing

/// `pottery redis ...` prints every kind of reply exactly as redis-cli 7 does, on a terminal and
/// to a pipe: the same command sent by both, the outputs compared byte for byte.
@Suite struct RawCommandTests {
    static let script =
        "return {1, {2, 'x', {}}, redis.call('LRANGE', KEYS[1], 0, -1), false, 'caf\\195\\169\\n\"q\"', "
        + "{err = 'WRONGTYPE nested'}, {ok = 'FINE'}}"

    static func commands(_ key: String) -> [[String]] {
        [
            ["PING"], ["SET", key + ":s", "caf\u{E9}\t\"quoted\"\\"], ["GET", key + ":s"],
            ["GET", key + ":none"],
            ["RPUSH", key + ":l"] + (1...12).map { "item \($0)" }, ["LRANGE", key + ":l", "0", "-1"],
            ["LRANGE", key + ":none", "0", "-1"], ["INCRBY", key + ":n", "-7"], ["NOSUCHCOMMAND", "x"],
            ["EVAL", script, "1", key + ":l"], ["HGET", key + ":l", "f"],
        ]
    }

    static func quoted(_ words: [String]) -> String {
        words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    }

    @Test func repliesPrintAsRedisCliPrintsThem() throws {
        let server = RedisServerProcess.shared
        let key = uniqueKey("raw")
        let env = [
            "PATH": "/usr/bin:/bin", "TERM": "dumb", "POTTERY_URL": server.url,
            "HOME": NSTemporaryDirectory(),
        ]
        for words in Self.commands(key) {
            // Each command runs once per side: the pottery side first, on a key of its own.
            let mine = words.map { $0.replacingOccurrences(of: key, with: key + ":p") }
            let theirs = words.map { $0.replacingOccurrences(of: key, with: key + ":c") }
            let pipe = PotteryBinary.run(["redis"] + mine)
            let cli = runProcess("redis-cli", ["-p", "\(server.port)"] + theirs, environment: env)
            if words[0] == "NOSUCHCOMMAND" || words[0] == "HGET" {
                // An error reply is an error: one line on stderr, status 3; redis-cli prints it.
                let said = cli.stdoutText.split(separator: "\n").first.map(String.init) ?? "?"
                #expect(
                    pipe.status == 3 && pipe.stdout.isEmpty && pipe.stderrText.hasPrefix("pottery: redis "))
                #expect(pipe.stderrText.contains(said), "\(pipe.stderrText) vs \(said)")
                continue
            }
            #expect(
                pipe.stdoutText.replacingOccurrences(of: key + ":p", with: key)
                    == cli.stdoutText.replacingOccurrences(of: key + ":c", with: key), "\(words)")
            #expect(pipe.status == 0, "\(words)")
        }
        // On a terminal, data written once (by redis-cli) and read by both.
        let writes: Set = ["SET", "RPUSH", "INCRBY"]
        for words in Self.commands(key + ":tty") where writes.contains(words[0]) {
            _ = runProcess("redis-cli", ["-p", "\(server.port)"] + words, environment: env)
        }
        for words in Self.commands(key + ":tty")
        where !writes.contains(words[0]) && words[0] != "NOSUCHCOMMAND"
            && words[0] != "HGET"
        {
            let tty = PotteryBinary.runOnTerminal(["redis"] + words)
            let cli = runProcess(
                "/usr/bin/script",
                ["-qec", "exec redis-cli -p \(server.port) " + Self.quoted(words), "/dev/null"],
                environment: env)
            #expect(tty.stdoutText == cli.stdoutText, "\(words)")
        }
    }
}
