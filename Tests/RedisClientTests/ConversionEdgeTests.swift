import PotterySystem
import RedisTestSupport
import Testing

@testable import RedisClient

/// Out-of-range numbers from callers, URLs and servers throw or clamp; nothing traps.
@Suite struct ConversionEdgeTests {
    @Test(arguments: [
        1e300, Double.infinity, -1, -Double.infinity, Double.nan, 0.000_001, Double.greatestFiniteMagnitude,
    ])
    func anyTimeoutConnectsOrTimesOut(_ timeout: Double) throws {
        let url = try RedisURL(parsing: RedisServerProcess.shared.url)
        do {
            let connection = try RedisConnection(url: url, options: .init(timeout: timeout))
            #expect(try connection.call("PING") == .simpleString(b("PONG")))
            connection.enqueue("PING")
            #expect(try connection.readReply(timeout: timeout) == .simpleString(b("PONG")))
        } catch {
            // Only a microsecond may be too short even on loopback.
            #expect(timeout == 0.000_001 && error.kind == .timeout, "\(error)")
        }
    }

    @Test func deadlinesClampAndNeverOverflow() {
        #expect(Deadline.after(seconds: nil).instant == nil)
        #expect(Deadline.after(seconds: .nan).instant == nil)
        #expect(Deadline.after(seconds: -1).instant == nil)
        #expect(Deadline.after(seconds: .infinity).instant == nil)
        let far = Deadline.after(seconds: 1e300)
        #expect(far.instant != nil)
        #expect(far.pollTimeout == Int32.max)
        #expect(Deadline.after(seconds: 0).pollTimeout == 0)
        #expect(Deadline.never.pollTimeout == -1)
        #expect(Deadline(instant: .now + .seconds(Int64.max / 2)).pollTimeout == Int32.max)
        #expect(Deadline(instant: .now - .seconds(1)).hasPassed)
        #expect(formatSeconds(.nan) == "nan s")
        #expect(formatSeconds(1e300) == "1e+300 s")
        #expect(formatSeconds(-.infinity) == "-inf s")
        #expect(formatSeconds(2) == "2 s")
    }

    @Test(arguments: [
        "redis://host:99999999999999999999999", "redis://host:-1", "redis://host:65536",
        "redis://host/99999999999999999999999", "redis://host/-1", "redis://host/2147483648",
        "unix:///tmp/s?db=99999999999999999999", "redis://host:+1", "redis://host:0x10",
    ])
    func outOfRangeURLNumbersThrow(_ text: String) {
        let error = #expect(throws: RedisError.self) { try RedisURL(parsing: text) }
        #expect(error?.kind == .invalidURL)
    }

    @Test func scanBoundsSaturate() throws {
        #expect(RedisScanCursor.roundCap(.max) == .max)
        #expect(RedisScanCursor.roundCap(.max / 16) == .max)
        #expect(RedisScanCursor.roundCap(-5) == 1024)
        #expect(RedisScanCursor.roundCap(10) == 1184)
        let connection = try connect()
        let key = uniqueKey("edge-scan")
        defer { _ = try? connection.call("DEL", key) }
        _ = try connection.call("SADD", key, "a", "b", "c")
        for (count, limit) in [(Int.max, Int.max), (Int.min, 3), (0, 3)] {
            var cursor = connection.sscan(b(key), count: count)
            cursor.limit = limit
            #expect(try Set(cursor.collect()) == [b("a"), b("b"), b("c")])
        }
        var tooSmall = connection.sscan(b(key), limit: 2)
        let error = #expect(throws: RedisError.self) { _ = try tooSmall.collect() }
        #expect(error?.kind == .protocolViolation)
    }

    @Test func pipelineItemSizesSaturate() throws {
        let connection = try connect()
        let key = uniqueKey("edge-pipe")
        defer { _ = try? connection.call("DEL", key) }
        let keyBytes = b(key)
        let pipeline = RedisPipeline<[UInt8], RedisError>(
            connection: connection, commandName: "SADD", itemsPerCommand: 10, commandBytes: .max,
            itemBytes: { $0 == b("huge") ? .max : -7 },
            window: .init(maxCommands: .max, maxBytes: .max, flushBytes: .max),
            encode: { items, output in
                output.beginCommand(argumentCount: 2 + items.count)
                output.appendArgument("SADD")
                output.appendArgument(keyBytes)
                for item in items { output.appendArgument(item) }
            })
        for item in ["a", "huge", "b", "c", "huge", "d"] { try pipeline.add(b(item)) }
        try pipeline.finish()
        #expect(pipeline.commandCount == 3)
        #expect(try connection.call("SCARD", key) == .integer(5))
    }

    @Test func hugeIntegerRepliesDecodeOrThrow() {
        #expect(throws: RedisError.self) {
            try RESPValue.integer(.max).decode(as: Bool.self, command: "X", server: "")
        }
        #expect((try? RESPValue.integer(.min).decode(as: Int.self, command: "X", server: "")) == Int.min)
    }
}
