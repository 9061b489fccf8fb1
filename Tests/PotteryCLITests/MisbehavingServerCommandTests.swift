import Foundation
import RedisTestSupport
import Testing

/// A server that answers with the wrong shape, never ends a SCAN, or goes silent (SPEC §10): the
/// command exits 3 with one line, never a wrong answer and never a hang.
@Suite struct MisbehavingServerCommandTests {
    /// Runs pottery against a fake server answering `respond` (the handshake gets `+OK`).
    /// `processTimeout` bounds the whole run (then pottery is killed).
    func run(
        _ argv: [String], timeout: String = "2", processTimeout: Double = 60,
        measuresPeakMemory: Bool = false,
        _ respond: @escaping @Sendable (String) -> FakeRedisServer.Reply
    )
        throws -> ProcessResult
    {
        let server = try FakeRedisServer { arguments in
            let name = String(decoding: arguments.first ?? [], as: UTF8.self).uppercased()
            return name == "CLIENT" ? .ok : respond(name)
        }
        defer { server.stop() }
        return PotteryBinary.run(
            argv, server: nil, url: server.url, environment: ["POTTERY_TIMEOUT": timeout],
            timeout: processTimeout, measuresPeakMemory: measuresPeakMemory)
    }

    func expectProtocolFailure(_ result: ProcessResult, _ what: String) {
        #expect(result.status == 3, "\(what): \(result.stdoutText) \(result.stderrText)")
        #expect(!result.timedOut, "\(what)")
        let lines = result.stderrText.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("pottery: "), "\(what): \(result.stderrText)")
    }

    @Test func wrongShapesAreProtocolErrors() throws {
        // SCARD answered with +PONG used to print 0.
        let len = try run(["set", "len", "k"]) { _ in .simple("PONG") }
        expectProtocolFailure(len, "set len")
        #expect(len.stdoutText.isEmpty)
        let has = try run(["set", "has", "k", "x"]) { _ in .bulk("yes") }
        expectProtocolFailure(has, "set has")
        let get = try run(["dict", "get", "k", "f"]) { _ in .integer(7) }
        expectProtocolFailure(get, "dict get")
        // SMISMEMBER with fewer answers than members asked.
        let many = try run(["set", "contains-many", "k", "a", "b", "c"]) { _ in
            .raw(Array("*2\r\n:1\r\n:0\r\n".utf8))
        }
        expectProtocolFailure(many, "set contains-many")
        #expect(many.stdoutText.isEmpty)
        let ttl = try run(["ttl", "k"]) { _ in .simple("soon") }
        expectProtocolFailure(ttl, "ttl")
    }

    @Test func aScanThatNeverEndsStops() throws {
        // A fresh cursor every round, with members each time: never 0.
        let counter = Counter()
        let members = try run(["set", "members", "k"]) { name in
            if name == "SCARD" { return .integer(3) }
            let next = counter.next()
            return .scan(cursor: String(next), ["m\(next)"])
        }
        expectProtocolFailure(members, "set members")
        let keysCounter = Counter()
        let keys = try run(["keys"]) { name in
            if name == "DBSIZE" { return .integer(1) }
            let next = keysCounter.next()
            return .scan(cursor: String(next), ["k\(next)"])
        }
        expectProtocolFailure(keys, "keys")
        // An HSCAN batch with a field and no value.
        let items = try run(["dict", "items", "k"]) { name in
            name == "HLEN" ? .integer(1) : .scan(cursor: "0", ["\"f\""])
        }
        expectProtocolFailure(items, "dict items")
        #expect(items.stdoutText.isEmpty)
    }

    @Test func aSilentServerTimesOut() throws {
        let result = try run(["dict", "get", "k", "f"], timeout: "0.5") { _ in .silence }
        expectProtocolFailure(result, "silent")
        #expect(result.stderrText.contains("no reply within"))
        let closed = try run(["set", "len", "k"]) { _ in .close }
        expectProtocolFailure(closed, "closed")
    }
}

/// A thread-safe counter for scripted replies.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
