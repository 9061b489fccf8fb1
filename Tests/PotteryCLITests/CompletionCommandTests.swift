import Foundation
import RedisTestSupport
import Testing

/// The hidden `pottery __complete` command, run as the scripts run it, against a real server.
@Suite struct CompletionCommandTests {
    let server = RedisServerProcess.shared

    /// Creates keys named `prefix + suffix` (sets); Lua builds names no argv can carry.
    func makeKeys(_ prefix: String, _ suffixes: [String]) throws {
        for suffix in suffixes { try server.cli("SADD", prefix + suffix, "m") }
    }

    func complete(_ words: [String], shell: String, url: String? = nil) -> ProcessResult {
        PotteryBinary.run(["__complete", "--shell", shell, "--"] + words, url: url)
    }

    @Test func keyNamesInEachShellsFormat() throws {
        let prefix = uniqueKey("compl") + ":"
        try makeKeys(prefix, ["plain", "with space", "$(touch x)", "tab\tx", "nl\nx", "it's", "`b`"])
        try server.cli("EVAL", "return redis.call('SADD', ARGV[1] .. string.char(255), 'm')", "0", prefix)
        try server.cli(
            "EVAL", "return redis.call('SADD', ARGV[1] .. 'nul' .. string.char(0), 'm')", "0", prefix)
        let representable = ["plain", "with space", "$(touch x)", "tab\tx", "it's", "`b`"].map { prefix + $0 }

        let zsh = complete(["set", "members", prefix], shell: "zsh")
        #expect(zsh.status == 0 && zsh.stderrText.isEmpty)
        #expect(Set(zsh.lines) == Set(representable.map { "\t" + $0 }))

        let fish = complete(["set", "members", prefix], shell: "fish")
        #expect(Set(fish.lines) == Set(representable.filter { !$0.contains("\t") }))

        let bash = complete(["set", "members", prefix], shell: "bash")
        let quoted = ["plain", "with\\ space", "\\$\\(touch\\ x\\)", "tab\\\tx", "it\\'s", "\\`b\\`"]
        #expect(Set(bash.lines) == Set(quoted.map { prefix + $0 }))
        #expect(bash.lines == bash.lines.sorted())
    }

    @Test func bashWordsAreUnquotedAndRepliesFollowAnOpenQuote() throws {
        let prefix = uniqueKey("complq") + ":"
        try makeKeys(prefix, ["my key", "it's", "$x"])
        let single = complete(["set", "members", "'" + prefix + "my"], shell: "bash")
        #expect(single.lines == [prefix + "my key"])
        let open = complete(["set", "members", "'" + prefix + "it"], shell: "bash")
        #expect(open.lines == [prefix + "it'\\''s"])
        let double = complete(["set", "members", "\"" + prefix + "\\$"], shell: "bash")
        #expect(double.lines == [prefix + "\\$x"])
        let escaped = complete(["set", "members", prefix + "my\\ k"], shell: "bash")
        #expect(escaped.lines == [prefix + "my\\ key"])
        let quotedVerb = complete(["s'e't", "mem"], shell: "bash")
        #expect(quotedVerb.lines == ["members"])
    }

    @Test func globMetacharactersInThePrefixAreLiteral() throws {
        let prefix = uniqueKey("complg") + ":"
        try makeKeys(prefix, ["star*x", "starYx", "q?", "qZ", "[br]", "b", "back\\slash", "backXslash"])
        func texts(_ typed: String) -> Set<String> {
            Set(
                complete(["ttl", prefix + typed], shell: "fish").lines.map {
                    String($0.dropFirst(prefix.count))
                })
        }
        #expect(texts("star*") == ["star*x"])
        #expect(texts("q?") == ["q?"])
        #expect(texts("[b") == ["[br]"])
        #expect(texts("back\\") == ["back\\slash"])
        #expect(texts("") == ["star*x", "starYx", "q?", "qZ", "[br]", "b", "back\\slash", "backXslash"])
    }

    @Test func theURLOnTheLineIsUsedAndTheLookupIsBounded() throws {
        let prefix = uniqueKey("complb") + ":"
        try server.cli(
            "EVAL", "for i = 1, 700 do redis.call('SET', ARGV[1] .. i, 'v') end return 1", "0", prefix)
        let dead = "redis://127.0.0.1:1/0"
        #expect(complete(["ttl", prefix], shell: "fish", url: dead).lines.isEmpty)
        let found = complete(["-u", server.url, "--timeout", "5", "ttl", prefix], shell: "fish", url: dead)
        #expect(found.lines.count == 500)
        #expect(found.lines.allSatisfy { $0.hasPrefix(prefix) })
        let inline = complete(["ttl", "--url=" + server.url, prefix + "7"], shell: "fish", url: dead)
        #expect(Set(inline.lines) == Set((["7", "700"] + (70...79).map(String.init)).map { prefix + $0 }))
    }

    @Test func aServerThatNeverAnswersCostsAtMostASecond() throws {
        // A socket that listens but never accepts: the connection is made, the handshake never answered.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        #expect(bound && listen(fd, 16) == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let started = Date()
        let result = complete(
            ["--timeout", "30", "set", "members", "x"], shell: "bash", url: "redis://127.0.0.1:\(port)/0")
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty)
        #expect(elapsed < 10, "took \(elapsed) s")
        #expect(!result.timedOut)
    }

    @Test func commandWordsNeedNoServerAndMalformedCallsAreUsageErrors() {
        let words = complete(["se"], shell: "fish", url: "redis://127.0.0.1:1/0")
        #expect(words.lines == ["set\ta Python set in a Redis set"])
        let zsh = complete(["dict", "g"], shell: "zsh", url: "redis://127.0.0.1:1/0")
        #expect(zsh.lines == ["read fields\tget"])
        let bare = PotteryBinary.run(["__complete", "--", "set", "--ra"], server: nil)
        #expect(bare.lines == ["--raw"])
        for malformed in [
            ["__complete"], ["__complete", "set"], ["__complete", "--shell", "tcsh", "--", "x"],
        ] {
            let result = PotteryBinary.run(malformed, server: nil)
            #expect(result.status == 2 && result.stdout.isEmpty, "\(malformed)")
        }
    }
}
