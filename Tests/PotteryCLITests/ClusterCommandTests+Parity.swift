import Foundation
import RedisTestSupport
import Testing

/// One script of commands, every structure, run against a single server and against the cluster:
/// each command's exit status and standard output are the same on both (key names mapped back to
/// placeholders; streams whose order Redis does not define compared as sorted lines).
extension ClusterCommandTests {
    /// A command of the script: arguments with `K0`, `K1`, `K2` for the keys, standard input, and
    /// whether its output lines come in no defined order.
    struct ScriptLine {
        var arguments: [String]
        var stdin: String? = nil
        var unordered = false
        /// Standard output that differs by nature (a lock token): only the status is compared.
        var statusOnly = false
    }

    static let script: [ScriptLine] = {
        func line(_ words: String..., stdin: String? = nil) -> ScriptLine {
            ScriptLine(arguments: words, stdin: stdin)
        }
        func unordered(_ words: String...) -> ScriptLine { ScriptLine(arguments: words, unordered: true) }
        let numbers = (0..<2000).map { "\($0)\n" }.joined()
        return [
            line("ping"),
            line("set", "add", "K0", "a", "b", "c", "1", "2"), line("set", "add", "K1", "b", "c", "d"),
            line("set", "add", "K2", "c"), line("set", "add", "K2:big", "-", stdin: numbers),
            line("set", "len", "K0"), line("set", "has", "K0", "a"), line("set", "has", "K0", "zz"),
            line("set", "contains-many", "K0", "a", "zz", "1"), unordered("set", "members", "K0"),
            unordered("set", "union", "K0", "K1", "K2"), unordered("set", "intersection", "K0", "K1", "K2"),
            unordered("set", "difference", "K0", "K1"), line("set", "issubset", "K2", "K1"),
            line("set", "issubset", "K1", "K2"), line("set", "issuperset", "K0", "K2"),
            line("set", "isdisjoint", "K0", "K1"), line("set", "isdisjoint", "K2", "K2:none"),
            unordered("set", "intersection", "K2:big", "K0"), line("set", "remove", "K0", "a", "zz"),
            line("set", "discard", "K0", "zz"), line("set", "add", "-j", "K0", "-", stdin: "1\nnope\n"),
            line("set", "len", "K2:big"),
            line("dict", "set", "K0:d", "name", "jack", "zip", "02139", "n", "4098"),
            line("dict", "get", "K0:d", "zip"), line("dict", "get", "K0:d", "nope"),
            line("dict", "has", "K0:d", "n"), line("dict", "len", "K0:d"), unordered("dict", "keys", "K0:d"),
            unordered("dict", "values", "K0:d"), unordered("dict", "items", "K0:d"),
            line("dict", "del", "K0:d", "n", "missing"),
            line("dict", "update", "K1:d", "-", stdin: "[\"a\", 1]\n{\"b\": [2]}\n"),
            unordered("dict", "items", "K1:d"), line("dict", "get", "K0", "x"),
            line("list", "append", "K1:l", "a", "b", "c", "d"), line("list", "get", "K1:l", "1:3"),
            line("list", "insert", "K1:l", "-1", "x"), line("list", "set", "K1:l", "0", "A"),
            line("list", "set", "K1:l", "9", "Z"), line("list", "pop", "K1:l", "1"),
            line("list", "del", "K1:l", "::2"),
            line("list", "remove", "K1:l", "x"), line("list", "extend", "K1:l", "-", stdin: "3\n1\n2\n"),
            line("list", "sort", "K1:l"), line("list", "items", "K1:l"), line("list", "len", "K1:l"),
            line("list", "get", "K1:l", "-9"),
            line("deque", "append", "K2:q", "1", "2", "3", "4", "--maxlen", "3"),
            line("deque", "appendleft", "K2:q", "a"),
            line("deque", "extendleft", "K2:q", "x", "y", "--maxlen", "4"),
            line("deque", "rotate", "K2:q", "-1"), line("deque", "get", "K2:q", "0"),
            line("deque", "pop", "K2:q"),
            line("deque", "popleft", "K2:q"), line("deque", "items", "K2:q"), line("deque", "len", "K2:q"),
            line("counter", "incr", "K0:c", "jack", "5"), line("counter", "update", "K0:c", "a", "b", "a"),
            line("counter", "subtract", "K0:c", "b", "b"), line("counter", "get", "K0:c", "a"),
            line("counter", "most-common", "K0:c"), line("counter", "elements", "K0:c"),
            unordered("counter", "items", "K0:c"), line("counter", "len", "K0:c"),
            line("counter", "total", "K0:c"),
            line("counter", "del", "K0:c", "jack"), line("counter", "total", "K0:c"),
            line("queue", "empty", "K1:u"), line("queue", "put", "K1:u", "jack", "{\"b\":1,\"a\":2}"),
            line("queue", "size", "K1:u"), line("queue", "get", "K1:u", "--nowait"),
            line("queue", "get", "K1:u", "--follow", "--nowait"), line("queue", "get", "K1:u", "--nowait"),
            line("cached-dict", "set", "K2:o", "1", "one", "2", "two"),
            line("cached-dict", "get", "K2:o", "2", "3", "1"),
            line("cached-dict", "misses", "K2:o", "1", "3"),
            line("bf", "add", "K0:b", "rajiv", "--capacity", "100", "--error-rate", "0.01"),
            line("bf", "contains", "K0:b", "rajiv"), line("bf", "contains", "K0:b", "raj"),
            line("bf", "contains-many", "K0:b", "rajiv", "raj"), line("bf", "len", "K0:b"),
            line("bf", "info", "K0:b"),
            line("bf", "clear", "K0:b"), line("bf", "len", "K0:b"),
            line("hll", "add", "K1:h", "a", "b", "c"), line("hll", "add", "K2:h", "c", "d"),
            line("hll", "contains", "K1:h", "a"), line("hll", "contains-many", "K1:h", "a", "zz"),
            line("hll", "merge", "K0:h", "K1:h", "K2:h"), line("hll", "count", "K0:h"),
            line("nextid", "next", "K0", "--count", "3"), line("nextid", "current", "K0"),
            line("nextid", "reset", "K0"),
            line("nextid", "current", "K0"), line("lock", "status", "K1"),
            ScriptLine(arguments: ["lock", "acquire", "K1"], statusOnly: true),
            line("lock", "acquire", "K1", "--nowait"),
            line(
                "lock", "run", "K2", "--", "sh", "-c", "echo $POTTERY_LOCK_KEY $POTTERY_FENCING_TOKEN; exit 4"
            ),
            line("cache", "run", "K2:x", "--", "echo", "hi"),
            line("cache", "run", "K2:x", "--", "echo", "hi"),
            line("cache", "stats", "K2:x"), line("cache", "forget", "K2:x", "--", "echo", "hi"),
            line("cache", "clear", "K2:x"),
            line("type", "K0"), line("type", "K0:d"), line("type", "K0:none"), line("ttl", "K0"),
            line("expire", "K0", "100"), line("expire", "K0:none", "100"), line("ttl", "K0:none"),
            unordered("keys", "K*"), line("del", "K0", "K1", "K2"), line("del", "K0", "K0:d"),
            unordered("keys", "K*"),
        ]
    }()

    /// Runs the script with `keys` for K0, K1, K2 (all starting with `base`) through `run`; each
    /// command's status and output with the key names mapped back.
    func runScript(base: String, keys: [String], _ run: ([String], String?) -> ProcessResult) -> [String] {
        // Longest first, so that no key is replaced inside a longer one.
        let names = keys.enumerated().map { ("K\($0.offset)", $0.element) }.sorted { $0.1.count > $1.1.count }
        return Self.script.map { line in
            let arguments = line.arguments.map { argument in
                if argument == "K*" { return base + "*" }
                var text = argument
                for (placeholder, key) in names.sorted(by: { $0.0 > $1.0 }) {
                    text = text.replacingOccurrences(of: placeholder, with: key)
                }
                return text
            }
            let result = run(arguments, line.stdin)
            var output = line.statusOnly ? "" : result.stdoutText
            for (placeholder, key) in names {
                output = output.replacingOccurrences(of: key, with: placeholder)
            }
            if line.unordered { output = output.split(separator: "\n").sorted().joined(separator: "\n") }
            return "\(line.arguments.joined(separator: " ")) -> \(result.status): \(output)"
        }
    }

    @Test func everyCommandAnswersAsOnASingleServer() throws {
        let single = RedisServerProcess.shared
        let singleBase = uniqueKey("parity")
        let clusterBase = uniqueKey("parity")
        let clusterKeys = fixture.spread(clusterBase)
        let expected = runScript(base: singleBase, keys: (0..<3).map { "\(singleBase):\($0)" }) {
            arguments, stdin in
            PotteryBinary.run(arguments, server: nil, url: single.url, stdin: stdin)
        }
        let actual = runScript(base: clusterBase, keys: clusterKeys) { arguments, stdin in
            fixture.run(arguments, stdin: stdin)
        }
        #expect(actual.count == expected.count && actual.count > 100)
        for (cluster, server) in zip(actual, expected) { #expect(cluster == server) }
        try fixture.expectNoRedirections()
    }
}
