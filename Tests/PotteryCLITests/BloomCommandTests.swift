import RedisTestSupport
import Testing

@Suite struct BloomCommandTests {
    let server = RedisServerProcess.shared
    let flags = ["--capacity", "100", "--error-rate", "0.01"]

    @Test func dilbertsAsInPotterysReadme() throws {
        let key = uniqueKey("dilberts")
        #expect(PotteryBinary.run(["bf", "add", key, "rajiv"] + flags).status == 0)
        #expect(try server.cli("STRLEN", key) == "99")
        #expect(try server.cli("GETBIT", key, "183") == "1" && server.cli("GETBIT", key, "711") == "1")
        #expect(try server.cli("BITCOUNT", key) == "7")
        #expect(PotteryBinary.run("bf", "contains", key, "rajiv").stdoutText == "true\n")
        let raj = PotteryBinary.run("bf", "contains", key, "raj")
        #expect(raj.status == 1 && raj.stdoutText == "false\n")
        #expect(PotteryBinary.run("bf", "contains", "-q", key, "dan").stdoutText == "")
        #expect(PotteryBinary.run("bf", "len", key).stdoutText == "1\n")
        #expect(PotteryBinary.run("bf", "add", key, "raj", "dan").status == 0)
        #expect(PotteryBinary.run("bf", "len", key).stdoutText == "3\n")
        #expect(
            PotteryBinary.run("bf", "contains-many", key, "rajiv", "x", "dan").lines == [
                "true", "false", "true",
            ])
        let info = PotteryBinary.run("bf", "info", key)
        #expect(info.stdoutText.hasPrefix(#"{"bits": 959, "bits_set": "#))
        #expect(info.stdoutText.contains(#""capacity": 100, "error_rate": 0.01, "hashes": 7, "len": 3"#))
        #expect(PotteryBinary.run("bf", "clear", key).status == 0)
        #expect(try server.cli("EXISTS", key, "{\(key)}:pottery-bloom") == "0")
        #expect(PotteryBinary.run("bf", "len", key).status == 2)
    }

    /// A server that refuses one of `bf add`'s commands (here an ACL without SET, as Redis 6.2
    /// refused `SET NX GET`) used to have the bits set when the command failed: now nothing is.
    @Test func aRefusedCommandLeavesTheFilterAsItWas() throws {
        let user = "noset" + String(UInt32.random(in: 0...UInt32.max))
        _ = try server.cli("ACL", "SETUSER", user, "on", ">pw", "~*", "&*", "+@all", "-set")
        defer { _ = try? server.cli("ACL", "DELUSER", user) }
        let url = "redis://\(user):pw@127.0.0.1:\(server.port)/0"
        let key = uniqueKey("bf")
        let refused = PotteryBinary.run(["bf", "add", key, "rajiv"] + flags, url: url)
        #expect(refused.status == 3, "\(refused.stderrText)")
        #expect(try server.cli("EXISTS", key, "{\(key)}:pottery-bloom") == "0")
        // Parameters already remembered need no SET: the same user adds bits.
        #expect(PotteryBinary.run(["bf", "add", key, "raj"] + flags).status == 0)
        #expect(PotteryBinary.run(["bf", "add", key, "rajiv"], url: url).status == 0)
        #expect(try server.cli("BITCOUNT", key) != "0")
        #expect(PotteryBinary.run(["bf", "contains", key, "rajiv"]).stdoutText == "true\n")
    }

    @Test func addKeepsTheTimeToLiveAsSetbitDoes() throws {
        let key = uniqueKey("bf")
        #expect(PotteryBinary.run(["bf", "add", key, "a"] + flags).status == 0)
        _ = try server.cli("EXPIRE", key, "1000")
        #expect(PotteryBinary.run(["bf", "add", key, "b", "c"]).status == 0)
        let ttl = Int(try server.cli("TTL", key)) ?? -1
        #expect(ttl > 900 && ttl <= 1000)
        #expect(try server.cli("BITCOUNT", key) != "0")
        #expect(try server.cli("KEYS", "*\(key)*pottery-bloom-*") == "")
    }

    @Test func parametersAreRememberedAndChecked() throws {
        let key = uniqueKey("bf")
        let none = PotteryBinary.run("bf", "add", key, "a")
        #expect(
            none.status == 2 && none.stderrText.contains("--capacity")
                && none.stderrText.contains("--error-rate"))
        let half = PotteryBinary.run("bf", "add", key, "a", "--capacity", "100")
        #expect(half.status == 2 && half.stderrText.contains("--error-rate"))
        #expect(try server.cli("EXISTS", key, "{\(key)}:pottery-bloom") == "0")
        #expect(PotteryBinary.run(["bf", "add", key, "a"] + flags).status == 0)
        #expect(try server.cli("GET", "{\(key)}:pottery-bloom") == #"{"capacity": 100, "error_rate": 0.01}"#)
        #expect(PotteryBinary.run(["bf", "add", key, "b"] + flags).status == 0)
        #expect(PotteryBinary.run(["bf", "add", key, "c", "--error-rate", "1e-2"]).status == 0)
        let before = try server.cli("GET", key)
        for contradiction in [
            ["--capacity", "101"], ["--error-rate", "0.02"], ["--capacity", "100", "--error-rate", "0.1"],
        ] {
            let result = PotteryBinary.run(["bf", "add", key, "zzz"] + contradiction)
            #expect(result.status == 2, "\(contradiction)")
            #expect(result.stderrText.contains("contradicts"))
        }
        #expect(try server.cli("GET", key) == before)
        #expect(PotteryBinary.run(["bf", "contains", key, "c", "--capacity", "5"]).status == 2)
    }

    @Test func badParametersExit2AndWriteNothing() throws {
        let key = uniqueKey("bf")
        let cases: [[String]] = [
            ["--capacity", "0", "--error-rate", "0.1"], ["--capacity", "-3", "--error-rate", "0.1"],
            ["--capacity", "10", "--error-rate", "1.5"], ["--capacity", "10", "--error-rate", "abc"],
            ["--capacity", "10", "--error-rate", "0"], ["--capacity", "10", "--error-rate", "1"],
            ["--capacity", "10", "--error-rate", "nan"], ["--capacity", "1e3", "--error-rate", "0.1"],
            ["--capacity", "99999999999999999999999", "--error-rate", "0.1"],
            ["--capacity", "500000000", "--error-rate", "0.01"],
            ["--capacity", "9007199254740992", "--error-rate", "0.5"],
        ]
        for flags in cases {
            let result = PotteryBinary.run(["bf", "add", key, "x"] + flags)
            #expect(result.status == 2, "\(flags): \(result.stderrText)")
            #expect(result.stderrText.hasPrefix("pottery: bf add"), "\(flags)")
        }
        #expect(try server.cli("KEYS", "*\(key)*") == "")
        // Bad parameters are refused before connecting: no server needed.
        let offline = PotteryBinary.run(
            ["bf", "add", key, "x", "--capacity", "0", "--error-rate", "0.1"], url: "redis://127.0.0.1:1/0")
        #expect(offline.status == 2)
    }

    @Test func standardInputStreamsAndStrictModeWritesNothing() throws {
        let key = uniqueKey("bf")
        let input = (0..<20000).map { "\"user-\($0)\"" }.joined(separator: "\n") + "\n"
        let bigFlags = ["--capacity", "20000", "--error-rate", "0.001"]
        #expect(PotteryBinary.run(["bf", "add", key, "-"] + bigFlags, stdin: input).status == 0)
        let answers = PotteryBinary.run(["bf", "contains-many", key, "-"], stdin: input).lines
        #expect(answers.count == 20000 && answers.allSatisfy { $0 == "true" })
        let fresh = uniqueKey("bf")
        let bad = PotteryBinary.run(["bf", "add", "-j", fresh, "-"] + bigFlags, stdin: input + "not json\n")
        #expect(bad.status == 2 && bad.stderrText.contains("line 20001"))
        #expect(try server.cli("KEYS", "*\(fresh)*") == "")
    }

    @Test func falsePositivesStayWithinTheRequestedRate() throws {
        let key = uniqueKey("bf")
        let members = (0..<5000).map { "\"member-\($0)\"" }.joined(separator: "\n") + "\n"
        let probes = (0..<5000).map { "\"probe-\($0)\"" }.joined(separator: "\n") + "\n"
        #expect(
            PotteryBinary.run(
                ["bf", "add", key, "-", "--capacity", "5000", "--error-rate", "0.01"], stdin: members
            )
            .status == 0)
        let answers = PotteryBinary.run(["bf", "contains-many", key, "-"], stdin: probes).lines
        #expect(answers.count == 5000)
        let positives = answers.filter { $0 == "true" }.count
        // Expected 50 (1% of 5000); 75 is more than three standard deviations above.
        #expect(positives <= 75, "\(positives) false positives in 5000 probes")
    }

    @Test func saturatedFilterAndWrongType() throws {
        let key = uniqueKey("bf")
        // Every bit of a 10-bit filter (m=10 for n=1, p=0.01).
        for bit in 0..<9 { _ = try server.cli("SETBIT", key, "\(bit)", "1") }
        let flags = ["--capacity", "1", "--error-rate", "0.01"]
        #expect(PotteryBinary.run(["bf", "len", key] + flags).stdoutText == "3\n")
        _ = try server.cli("SETBIT", key, "9", "1")
        let info = PotteryBinary.run(["bf", "info", key] + flags)
        #expect(
            info.stdoutText.contains(#""bits": 10, "bits_set": 10"#)
                && info.stdoutText.contains(#""len": null"#))
        let len = PotteryBinary.run(["bf", "len", key] + flags)
        #expect(
            len.status == 3 && len.stdoutText == "" && len.stderrText.contains("every one of the 10 bits"))
        // Python pottery raises ValueError there; its len for 9 of 10 bits is 3 (checked above).
        let hash = uniqueKey("hash")
        _ = try server.cli("HSET", hash, "f", "v")
        let wrong = PotteryBinary.run(["bf", "add", hash, "x"] + flags)
        #expect(wrong.status == 3 && wrong.stderrText.contains("WRONGTYPE"))
        #expect(try server.cli("EXISTS", "{\(hash)}:pottery-bloom") == "0")
        #expect(try server.cli("KEYS", "*\(hash)*") == hash)
        #expect(try server.cli("HGET", hash, "f") == "v")
        #expect(PotteryBinary.run(["bf", "contains", hash, "x"] + flags).status == 3)
        #expect(PotteryBinary.run(["bf", "add", "x", "y"] + flags, url: "redis://127.0.0.1:1/0").status == 3)
    }

    @Test func hostileKeyNamesKeepTheirCompanionInTheirSlot() throws {
        for key in [
            "user:{42}:seen-\(uniqueKey("t"))", "$(rm -rf) '\"; \(uniqueKey("t"))", "a{}b\(uniqueKey("t"))",
        ] {
            #expect(PotteryBinary.run(["bf", "add", key, "v"] + flags).status == 0, "\(key)")
            #expect(PotteryBinary.run(["bf", "contains", key, "v"]).status == 0, "\(key)")
            #expect(PotteryBinary.run(["bf", "clear", key]).status == 0)
            #expect(try server.cli("EXISTS", key) == "0")
        }
        let tagged = "user:{42}:x-\(uniqueKey("t"))"
        _ = PotteryBinary.run(["bf", "add", tagged, "v"] + flags)
        #expect(try server.cli("EXISTS", tagged + ":pottery-bloom") == "1")
        _ = PotteryBinary.run(["bf", "clear", tagged])
    }
}
