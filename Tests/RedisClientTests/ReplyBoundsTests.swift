import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// Every reply has a deadline and a size limit (SPEC §10): `--timeout` bounds the whole reply,
/// not each read, and a reply that claims more than the limits is refused on its header, before
/// anything is allocated or waited for.
@Suite struct ReplyBoundsTests {
    func connection(to fake: FakeRedisServer, timeout: Double) throws -> RedisConnection {
        try RedisConnection(url: RedisURL(parsing: fake.url), options: .init(timeout: timeout))
    }

    /// `count` elements of `:1`, the header first, one piece each.
    func dripped(_ count: Int) -> [[UInt8]] {
        [b("*\(count)\r\n")] + Array(repeating: b(":1\r\n"), count: count)
    }

    // MARK: - Size, in the parser

    @Test func anArrayClaimingTooManyElementsIsRefusedOnItsHeader() {
        var parser = RESPParser()
        parser.append(b("*2147483647\r\n"))
        let error = #expect(throws: RESPParseError.self) { try parser.next() }
        #expect(error?.message.contains("limit of 16777216 elements") == true)
    }

    @Test func elementsAreCountedOverNestedArrays() throws {
        var limits = RESPParser.Limits()
        limits.maxElements = 10
        var parser = RESPParser(limits: limits)
        // 2 + 4 + 4 = 10 elements: at the limit.
        parser.append(b("*2\r\n*4\r\n:1\r\n:2\r\n:3\r\n:4\r\n*4\r\n:1\r\n:2\r\n:3\r\n:4\r\n"))
        #expect(try parser.next()?.array?.count == 2)
        // The next reply counts afresh; here 2 + 4 + 5 = 11, refused at the third header.
        parser.append(b("*2\r\n*4\r\n:1\r\n:2\r\n:3\r\n:4\r\n*5\r\n"))
        #expect(throws: RESPParseError.self) { try parser.next() }
    }

    @Test func aReplyPastTheByteBudgetIsRefusedBeforeItEnds() {
        var limits = RESPParser.Limits()
        limits.maxReplyBytes = 100
        var parser = RESPParser(limits: limits)
        parser.append(b("*1000\r\n"))
        for _ in 0..<24 { parser.append(b(":1\r\n")) }  // 103 bytes, the reply far from complete
        let error = #expect(throws: RESPParseError.self) { try parser.next() }
        #expect(error?.message.contains("limit of 100 bytes") == true)

        // A bulk string that would pass the budget is refused on its header.
        var bulk = RESPParser(limits: limits)
        bulk.append(b("*2\r\n$50\r\n" + String(repeating: "x", count: 50) + "\r\n$50\r\n"))
        #expect(throws: RESPParseError.self) { try bulk.next() }
    }

    @Test func aBulkPastRedisLimitIsRefusedOnItsHeader() {
        var parser = RESPParser()
        parser.append(b("$600000000\r\n"))
        let error = #expect(throws: RESPParseError.self) { try parser.next() }
        #expect(error?.message.contains("limit of 536870912 bytes") == true)
    }

    // MARK: - Size and time, on a connection

    @Test func aReplyThatNeverEndsIsRefusedOnItsHeader() throws {
        let fake = try FakeRedisServer { _ in .endless(head: b("*2147483647\r\n"), element: b(":1\r\n")) }
        defer { fake.stop() }
        let redis = try connection(to: fake, timeout: 30)
        let started = Date()
        let error = #expect(throws: RedisError.self) { _ = try redis.call("SMEMBERS", "s") }
        #expect(error?.kind == .protocolViolation)
        #expect(error?.message.contains("16777216 elements") == true)
        #expect(Date().timeIntervalSince(started) < 10, "did not wait for the timeout")
        #expect(!redis.isUsable)
    }

    @Test func aDrippedReplyTimesOutAsAWhole() throws {
        // 21 pieces 200 ms apart: 4 s in all, each piece well within the 1 s timeout.
        let fake = try FakeRedisServer { _ in .drip(dripped(20), interval: 0.2) }
        defer { fake.stop() }
        let redis = try connection(to: fake, timeout: 1)
        let started = Date()
        let error = #expect(throws: RedisError.self) { _ = try redis.call("LRANGE", "l", "0", "-1") }
        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("no complete reply within 1 s") == true)
        #expect(Date().timeIntervalSince(started) < 3.5, "did not wait for the whole drip")
    }

    @Test func aDrippedReplyTimesOutAsAWholeThroughTheClusterRouter() throws {
        let value = String(repeating: "v", count: 20)
        let pieces = [b("$20\r\n")] + b(value).map { [$0] } + [b("\r\n")]
        let fake = try LyingClusterNodeTests.node { _ in .drip(pieces, interval: 0.2) }
        defer { fake.stop() }
        let redis = try connection(to: fake, timeout: 1)
        #expect(redis.isCluster)
        let started = Date()
        let error = #expect(throws: RedisError.self) { _ = try redis.call("GET", "k") }
        #expect(error?.kind == .timeout)
        #expect(Date().timeIntervalSince(started) < 4, "did not wait for the whole drip")
    }

    @Test func aPipelineWhoseRepliesKeepComingNeverTimesOut() throws {
        // 12 replies 200 ms apart: 2.4 s for the pipeline, 0.2 s for each reply.
        let fake = try FakeRedisServer { _ in .drip([b(":1\r\n")], interval: 0.2) }
        defer { fake.stop() }
        let redis = try connection(to: fake, timeout: 1)
        for _ in 0..<12 { redis.enqueue("INCR", "n") }
        var replies: [RESPValue] = []
        for _ in 0..<12 { replies.append(try redis.readReply()) }
        #expect(replies == Array(repeating: .integer(1), count: 12))
    }
}
