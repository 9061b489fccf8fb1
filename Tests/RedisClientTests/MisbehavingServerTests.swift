import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// A broken Redis (played by FakeRedisServer) gives errors, never a wrong answer or a hang.
@Suite struct MisbehavingServerTests {
    func connection(to fake: FakeRedisServer, timeout: Double = 2) throws -> RedisConnection {
        try RedisConnection(url: RedisURL(parsing: fake.url), options: .init(timeout: timeout))
    }

    func name(_ arguments: [[UInt8]]) -> String { String(decoding: arguments[0], as: UTF8.self) }

    @Test func cursorThatRepeatsItselfStops() throws {
        let fake = try FakeRedisServer { _ in .scan(cursor: "17", ["a"]) }
        defer { fake.stop() }
        let redis = try connection(to: fake)
        var cursor = redis.sscan(b("k"))
        #expect(try cursor.nextBatch() == [b("a")])
        let error = #expect(throws: RedisError.self) { _ = try cursor.nextBatch() }
        #expect(error?.kind == .protocolViolation)
        #expect(error?.command == "SSCAN")
        #expect(error?.message.contains("no progress") == true)
        #expect(try cursor.nextBatch() == nil)
    }

    @Test func cursorThatNeverEndsStopsAtTheLimit() throws {
        let round = Counter()
        let fake = try FakeRedisServer { _ in
            let next = round.next()
            return .scan(cursor: "\(next)", ["e\(next)"])
        }
        defer { fake.stop() }
        let redis = try connection(to: fake)
        var cursor = redis.sscan(b("k"))
        cursor.limit = 50
        var seen = 0
        let error = #expect(throws: RedisError.self) {
            while let batch = try cursor.nextBatch() { seen += batch.count }
        }
        #expect(error?.kind == .protocolViolation)
        #expect(error?.message.contains("more than the collection can hold (50)") == true)
        #expect(seen == 50)
        #expect(!redis.isUsable)
    }

    @Test func emptyRoundsForeverStopAtTheRoundCap() throws {
        let round = Counter()
        let fake = try FakeRedisServer { _ in .scan(cursor: "\(round.next())", []) }
        defer { fake.stop() }
        let redis = try connection(to: fake)
        var cursor = redis.scan()
        cursor.limit = 2
        let error = #expect(throws: RedisError.self) { _ = try cursor.collect() }
        #expect(error?.kind == .protocolViolation)
        #expect(error?.message.contains("did not end") == true)
        #expect(cursor.rounds <= 2 * 16 + 1024 + 1)
    }

    @Test func oddHscanBatchIsAViolation() throws {
        let fake = try FakeRedisServer { _ in .scan(cursor: "0", ["f1", "v1", "f2"]) }
        defer { fake.stop() }
        let redis = try connection(to: fake)
        for prefetch in [false, true] {
            let redis = prefetch ? try connection(to: fake) : redis
            var cursor = redis.hscan(b("h"))
            cursor.prefetch = prefetch
            let error = #expect(throws: RedisError.self) { _ = try cursor.collect() }
            #expect(error?.kind == .protocolViolation)
            #expect(error?.command == "HSCAN")
            #expect(error?.message.contains("odd number of elements (3)") == true)
        }
        var zscan = try connection(to: fake).zscan(b("z"))
        #expect(throws: RedisError.self) { _ = try zscan.collect() }
    }

    /// A prefetching cursor asks for the next batch from the reply's first bytes: a server that
    /// sends only the head of its reply (and never the rest) still gets the next request, and
    /// the client gives up on the unfinished reply at its timeout.
    @Test func prefetchAsksForTheNextCursorBeforeTheReplyEnds() throws {
        let fake = try FakeRedisServer { arguments in
            arguments[2] == b("0") ? .raw(b("*2\r\n$2\r\n42\r\n*2\r\n$1\r\na\r\n")) : .silence
        }
        defer { fake.stop() }
        let redis = try connection(to: fake, timeout: 0.5)
        var cursor = redis.hscan(b("h"))
        cursor.prefetch = true
        let error = #expect(throws: RedisError.self) { _ = try cursor.nextBatch() }
        #expect(error?.kind == .timeout)
        #expect(fake.commands.map { $0.prefix(3) } == [["HSCAN", "h", "0"], ["HSCAN", "h", "42"]])
        #expect(!redis.isUsable)
    }

    @Test func malformedCursorIsAViolation() throws {
        let fake = try FakeRedisServer { _ in .scan(cursor: "-1", ["a"]) }
        defer { fake.stop() }
        var cursor = try connection(to: fake).sscan(b("k"))
        let error = #expect(throws: RedisError.self) { _ = try cursor.collect() }
        #expect(error?.kind == .protocolViolation)
    }

    @Test func closeMidReply() throws {
        let fake = try FakeRedisServer { _ in .rawThenClose(b("$10\r\nhal")) }
        defer { fake.stop() }
        let redis = try connection(to: fake)
        let error = #expect(throws: RedisError.self) {
            _ = try redis.call([b("GET"), b("k")], as: [UInt8]?.self)
        }
        #expect(error?.kind == .connectionLost)
        #expect(error?.message.contains("in the middle of a reply") == true)
        #expect(!redis.isUsable)
    }

    @Test func closeWithoutReply() throws {
        let fake = try FakeRedisServer { _ in .close }
        defer { fake.stop() }
        let redis = try connection(to: fake)
        let error = #expect(throws: RedisError.self) { _ = try redis.call("PING") }
        #expect(error?.kind == .connectionLost)
    }

    @Test func neverReplyTimesOut() throws {
        let fake = try FakeRedisServer { _ in .silence }
        defer { fake.stop() }
        let redis = try connection(to: fake, timeout: 0.3)
        var error: RedisError?
        let seconds = elapsed {
            error = #expect(throws: RedisError.self) { _ = try redis.call("PING") }
        }
        #expect(error?.kind == .timeout)
        #expect(seconds >= 0.29 && seconds < 5, "took \(seconds) s")
        #expect(fake.commands == [["PING"]])
    }

    @Test func handshakeRepliesAreScripted() throws {
        let fake = try FakeRedisServer { [self] arguments in name(arguments) == "CLIENT" ? .ok : .integer(7) }
        defer { fake.stop() }
        let redis = try RedisConnection(
            url: RedisURL(parsing: fake.url), options: .init(timeout: 2, clientName: "tester"))
        #expect(try redis.call([b("SCARD"), b("k")], as: Int.self) == 7)
        #expect(fake.commands == [["CLIENT", "SETNAME", "tester"], ["SCARD", "k"]])
        #expect(fake.connectionCount == 1)
    }

    @Test func stopsCleanlyWithClientsConnected() throws {
        let fake = try FakeRedisServer { _ in .silence }
        let redis = try connection(to: fake, timeout: 5)
        redis.enqueue("PING")
        try redis.flush()
        let seconds = elapsed { fake.stop() }
        #expect(seconds < 5)
        // The server closed our connection as it stopped.
        let error = #expect(throws: RedisError.self) { _ = try redis.readReply() }
        #expect(error?.kind == .connectionLost)
        fake.stop()
    }
}

/// A thread-safe counter for scripted replies.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// 1, 2, 3, ...
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
