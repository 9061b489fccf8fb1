import Testing
import RedisTestSupport

@Suite struct DequeCommandTests {
    let server = RedisServerProcess.shared

    @Test func maxlenTrimsTheSideCollectionsDequeTrims() throws {
        let key = uniqueKey("deque")
        #expect(
            PotteryBinary.run("deque", "append", key, "1", "2", "3", "4", "5", "--maxlen", "3").status == 0)
        #expect(PotteryBinary.run("deque", "items", key).lines == ["3", "4", "5"])
        #expect(PotteryBinary.run("deque", "appendleft", key, "a", "--maxlen", "3").status == 0)
        #expect(PotteryBinary.run("deque", "items", key, "-r").lines == ["a", "3", "4"])
        #expect(PotteryBinary.run("deque", "extendleft", key, "x", "y").status == 0)
        #expect(PotteryBinary.run("deque", "items", key, "-r").lines == ["y", "x", "a", "3", "4"])
        #expect(PotteryBinary.run("deque", "extend", key, "z", "--maxlen", "0").status == 0)
        #expect(try server.cli("EXISTS", key) == "0")
        #expect(PotteryBinary.run("deque", "append", key, "v", "--maxlen", "-1").status == 2)
        // A bound at the 64-bit limit is no bound, never a Lua number Redis refuses.
        #expect(PotteryBinary.run("deque", "append", key, "v", "--maxlen", "9223372036854775807").status == 0)
        #expect(PotteryBinary.run("deque", "appendleft", key, "u", "--maxlen", "100000000000000").status == 0)
        #expect(PotteryBinary.run("deque", "items", key, "-r").lines == ["u", "v"])
    }

    @Test func extendFromStandardInputStaysWithinMaxlen() throws {
        let key = uniqueKey("deque")
        let input = (0..<10000).map { "\($0)" }.joined(separator: "\n") + "\n"
        #expect(
            PotteryBinary.run(["deque", "extend", key, "-", "--maxlen", "100"], stdin: input).status == 0)
        #expect(PotteryBinary.run("deque", "items", key).lines == (9900..<10000).map(String.init))
        let left = uniqueKey("deque")
        #expect(
            PotteryBinary.run(["deque", "extendleft", left, "-", "--maxlen", "5"], stdin: input).status == 0)
        #expect(PotteryBinary.run("deque", "items", left).lines == ["9999", "9998", "9997", "9996", "9995"])
        let strict = PotteryBinary.run(
            ["deque", "extend", left, "-", "-j", "--maxlen", "5"], stdin: "1\nnope\n")
        #expect(strict.status == 2)
        #expect(PotteryBinary.run("deque", "len", left).stdoutText == "5\n")
    }

    @Test func popRotateGet() throws {
        let key = uniqueKey("deque")
        _ = PotteryBinary.run("deque", "extend", key, "1", "2", "3", "4", "5")
        #expect(PotteryBinary.run("deque", "rotate", key).status == 0)
        #expect(PotteryBinary.run("deque", "items", key).lines == ["5", "1", "2", "3", "4"])
        #expect(PotteryBinary.run("deque", "rotate", key, "-2").status == 0)
        #expect(PotteryBinary.run("deque", "items", key).lines == ["2", "3", "4", "5", "1"])
        #expect(PotteryBinary.run("deque", "rotate", key, "-9223372036854775808").status == 0)
        // 2^63 mod 5 == 3: three steps to the left.
        #expect(PotteryBinary.run("deque", "items", key).lines == ["5", "1", "2", "3", "4"])
        #expect(PotteryBinary.run("deque", "get", key, "-1").stdoutText == "4\n")
        #expect(PotteryBinary.run("deque", "get", key, "5").status == 1)
        #expect(PotteryBinary.run("deque", "get", key, "1:3").lines == ["1", "2"])
        #expect(PotteryBinary.run("deque", "get", key, "1:x").status == 2)
        #expect(PotteryBinary.run("deque", "pop", key).stdoutText == "4\n")
        #expect(PotteryBinary.run("deque", "popleft", key).stdoutText == "5\n")
        #expect(PotteryBinary.run("deque", "len", key).stdoutText == "3\n")
        _ = PotteryBinary.run("deque", "clear", key)
        #expect(PotteryBinary.run("deque", "pop", key).status == 1)
        #expect(PotteryBinary.run("deque", "popleft", key).status == 1)
        #expect(PotteryBinary.run("deque", "rotate", key, "3").status == 0)
    }
}
