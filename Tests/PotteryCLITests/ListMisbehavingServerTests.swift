import Foundation
import RedisTestSupport
import Testing

/// list and deque against a server that answers with the wrong shape (SPEC §10): exit 3 with one
/// line, never a wrong answer, never a hang.
@Suite struct ListMisbehavingServerTests {
    func run(_ argv: [String], _ respond: @escaping @Sendable (String) -> FakeRedisServer.Reply) throws
        -> ProcessResult
    {
        let server = try FakeRedisServer { arguments in
            let name = String(decoding: arguments.first ?? [], as: UTF8.self).uppercased()
            return name == "CLIENT" ? .ok : respond(name)
        }
        defer { server.stop() }
        return PotteryBinary.run(
            argv, server: nil, url: server.url, environment: ["POTTERY_TIMEOUT": "2"], timeout: 60)
    }

    func expectProtocolFailure(_ result: ProcessResult, _ what: String) {
        #expect(result.status == 3, "\(what): \(result.stdoutText) \(result.stderrText)")
        #expect(!result.timedOut, "\(what)")
        #expect(result.stdoutText.isEmpty, "\(what)")
        let lines = result.stderrText.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("pottery: "), "\(what): \(result.stderrText)")
    }

    @Test func wrongShapesAreProtocolErrors() throws {
        expectProtocolFailure(try run(["list", "len", "k"]) { _ in .simple("PONG") }, "list len")
        expectProtocolFailure(try run(["list", "get", "k", "0"]) { _ in .integer(7) }, "list get")
        expectProtocolFailure(try run(["list", "pop", "k", "3"]) { _ in .integer(7) }, "list pop")
        expectProtocolFailure(try run(["list", "insert", "k", "1", "v"]) { _ in .bulk("x") }, "list insert")
        expectProtocolFailure(try run(["deque", "popleft", "k"]) { _ in .integer(1) }, "deque popleft")
        let items = try run(["list", "items", "k"]) { name in name == "LLEN" ? .integer(2) : .bulk("1") }
        expectProtocolFailure(items, "list items")
    }

    @Test func aWindowLongerThanAskedIsAnError() throws {
        // LLEN says 2; LRANGE answers with five items.
        let result = try run(["list", "items", "k"]) { name in
            name == "LLEN"
                ? .integer(2)
                : .raw(Array("*5\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n4\r\n$1\r\n5\r\n".utf8))
        }
        expectProtocolFailure(result, "list items")
        #expect(result.stderrText.contains("LRANGE"))
    }
}
