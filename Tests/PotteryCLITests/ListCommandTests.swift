import Testing
import RedisTestSupport

@Suite struct ListCommandTests {
    let server = RedisServerProcess.shared

    @Test func appendStoresCanonicalItemsInOrder() throws {
        let key = uniqueKey("list")
        #expect(
            PotteryBinary.run("list", "append", key, "jack", "02139", "4098", "{\"b\":1,\"a\":1e3}").status
                == 0)
        #expect(PotteryBinary.run("list", "extend", key, "-s", "4098").status == 0)
        let raw = try server.cli("LRANGE", key, "0", "-1").split(separator: "\n").map(String.init)
        #expect(raw == ["\"jack\"", "\"02139\"", "4098", "{\"a\": 1000.0, \"b\": 1}", "\"4098\""])
        #expect(PotteryBinary.run("list", "len", key).stdoutText == "5\n")
        #expect(
            PotteryBinary.run("list", "items", key, "-r").lines == [
                "jack", "02139", "4098", "{\"a\": 1000.0, \"b\": 1}", "4098",
            ])
    }

    @Test func getPrintsValueOrSliceAndStatusOneOutOfRange() throws {
        let key = uniqueKey("list")
        _ = PotteryBinary.run(["list", "append", key] + (0..<10).map(String.init))
        #expect(PotteryBinary.run("list", "get", key, "-1").stdoutText == "9\n")
        #expect(PotteryBinary.run("list", "get", key, "-3:").lines == ["7", "8", "9"])
        #expect(PotteryBinary.run("list", "get", key, "::-4").lines == ["9", "5", "1"])
        #expect(PotteryBinary.run("list", "get", key, "1:3").lines == ["1", "2"])
        let out = PotteryBinary.run("list", "get", key, "10")
        #expect(out.status == 1 && out.stdoutText.isEmpty && out.stderrText.isEmpty)
        #expect(PotteryBinary.run("list", "get", key, "20:").status == 0)
        #expect(PotteryBinary.run("list", "get", uniqueKey("absent"), "0").status == 1)
    }

    @Test func badSubscriptsExitTwoBeforeConnecting() throws {
        for text in ["::0", "a", "1:2:3:4", "1.5", "0x1", "1e3"] {
            let result = PotteryBinary.run(["list", "get", "k", text], url: "redis://127.0.0.1:1/0")
            #expect(result.status == 2, "\(text)")
            #expect(result.stderrText.hasPrefix("pottery: list get"), "\(text)")
        }
        let del = PotteryBinary.run(["list", "del", "k", "::0"], url: "redis://127.0.0.1:1/0")
        #expect(del.status == 2 && del.stderrText.contains("step cannot be zero"))
        #expect(PotteryBinary.run(["list", "pop", "k", "1:2"], url: "redis://127.0.0.1:1/0").status == 2)
        #expect(
            PotteryBinary.run(["list", "insert", "k", "x", "v"], url: "redis://127.0.0.1:1/0").status == 2)
    }

    @Test func mutationsFollowPythonAndReportOutOfRange() throws {
        let key = uniqueKey("list")
        _ = PotteryBinary.run("list", "append", key, "a", "b", "c", "d")
        #expect(PotteryBinary.run("list", "insert", key, "-1", "x").status == 0)
        #expect(PotteryBinary.run("list", "items", key, "-r").lines == ["a", "b", "c", "x", "d"])
        #expect(PotteryBinary.run("list", "set", key, "-5", "A").status == 0)
        let outOfRange = PotteryBinary.run("list", "set", key, "5", "Z")
        #expect(outOfRange.status == 1)
        #expect(PotteryBinary.run("list", "pop", key, "1", "-r").stdoutText == "b\n")
        #expect(PotteryBinary.run("list", "pop", key, "-r").stdoutText == "d\n")
        #expect(PotteryBinary.run("list", "del", key, "7").status == 1)
        #expect(PotteryBinary.run("list", "del", key, "-1").status == 0)
        #expect(PotteryBinary.run("list", "items", key, "-r").lines == ["A", "c"])
        #expect(PotteryBinary.run("list", "remove", key, "c").status == 0)
        #expect(PotteryBinary.run("list", "remove", key, "c").status == 1)
        #expect(PotteryBinary.run("list", "pop", key).status == 0)
        #expect(PotteryBinary.run("list", "pop", key).status == 1)
        #expect(PotteryBinary.run("list", "pop", key, "0").status == 1)
    }

    @Test func removeUsesPythonEquality() throws {
        let key = uniqueKey("list")
        _ = PotteryBinary.run("list", "append", key, "x", "true", "1.0", "1", "[1, \"a\"]", "[1.0, \"a\"]")
        #expect(PotteryBinary.run("list", "remove", key, "1").status == 0)  // true == 1 in Python
        #expect(PotteryBinary.run("list", "remove", key, "[true, \"a\"]").status == 0)
        #expect(
            try server.cli("LRANGE", key, "0", "-1").split(separator: "\n") == [
                "\"x\"", "1.0", "1", "[1.0, \"a\"]",
            ])
    }

    @Test func delSliceRemovesWhatPythonRemoves() throws {
        let key = uniqueKey("list")
        _ = PotteryBinary.run(["list", "append", key] + (0..<20).map(String.init))
        #expect(PotteryBinary.run("list", "del", key, "::3").status == 0)
        #expect(PotteryBinary.run("list", "del", key, "-2:").status == 0)
        #expect(PotteryBinary.run("list", "del", key, ":2").status == 0)
        #expect(PotteryBinary.run("list", "del", key, "5:1:-2").status == 0)
        var model = Array(0..<20)
        model = model.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
        model.removeLast(2)
        model.removeFirst(2)
        model.remove(at: 5)
        model.remove(at: 3)
        #expect(PotteryBinary.run("list", "items", key).lines == model.map(String.init))
    }

    @Test func sortOrdersAsPythonAndRefusesMixedKinds() throws {
        let key = uniqueKey("list")
        _ = PotteryBinary.run(
            "list", "append", key, "3", "1.5", "-2", "true", "0", "1e30", "1000000000000000000000000000000")
        #expect(PotteryBinary.run("list", "sort", key).status == 0)
        #expect(
            PotteryBinary.run("list", "items", key).lines == [
                "-2", "0", "true", "1.5", "3", "1000000000000000000000000000000", "1e+30",
            ])
        #expect(PotteryBinary.run("list", "sort", key, "--reverse").status == 0)
        #expect(PotteryBinary.run("list", "get", key, "0").stdoutText == "1e+30\n")
        _ = PotteryBinary.run("list", "append", key, "word")
        let before = try server.cli("LRANGE", key, "0", "-1")
        let mixed = PotteryBinary.run("list", "sort", key)
        #expect(mixed.status == 2 && mixed.stderrText.contains("not supported between instances"))
        #expect(try server.cli("LRANGE", key, "0", "-1") == before)
    }

    @Test func appendFromStandardInputAndStrictMode() throws {
        let key = uniqueKey("list")
        let input = (0..<30000).map { "\($0)" }.joined(separator: "\n") + "\n"
        #expect(PotteryBinary.run(["list", "append", key, "-"], stdin: input).status == 0)
        #expect(try server.cli("LLEN", key) == "30000")
        #expect(try server.cli("LINDEX", key, "-1") == "29999")
        let items = PotteryBinary.run("list", "items", key).lines
        #expect(items == (0..<30000).map(String.init))
        let strict = PotteryBinary.run(["list", "append", key, "-", "-j"], stdin: input + "oops\n")
        #expect(strict.status == 2 && strict.stderrText.contains("line 30001"))
        #expect(try server.cli("LLEN", key) == "30000")
    }

    @Test func wrongTypeExitsThree() throws {
        let key = uniqueKey("list")
        try server.cli("SET", key, "x")
        for verb in [
            ["get", key, "0"], ["del", key, "::2"], ["pop", key], ["insert", key, "0", "v"], ["sort", key],
            ["items", key],
        ] {
            let result = PotteryBinary.run(["list"] + verb)
            #expect(result.status == 3, "\(verb)")
            #expect(result.stderrText.contains("WRONGTYPE"), "\(verb)")
        }
    }

    @Test func clearDeletesTheKey() throws {
        let key = uniqueKey("list")
        _ = PotteryBinary.run("list", "append", key, "a")
        #expect(PotteryBinary.run("list", "clear", key).status == 0)
        #expect(try server.cli("EXISTS", key) == "0")
    }
}
