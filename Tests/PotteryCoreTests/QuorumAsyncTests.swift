import PotteryCore
import RedisClient
import RedisTestSupport
import Testing

/// The async forms of Redlock and NextId: the same state on the masters as the blocking calls.
@Suite struct QuorumAsyncTests {
    let server = RedisServerProcess.shared

    @Test func redlockAsyncFormsTakeReportAndRelease() async throws {
        let key = uniqueKey("quorum")
        let lock = Redlock(key: key, masters: [try connect()], autoReleaseMilliseconds: 600_000)
        #expect(try await lock.acquire(blocking: false))
        #expect(try server.cli("EXISTS", "redlock:\(key)") == "1")
        #expect(try await lock.status().locked)
        #expect(try await lock.extend())
        #expect(try await lock.release())
        #expect(try server.cli("EXISTS", "redlock:\(key)") == "0")
        #expect(try await !lock.status().locked)
    }

    @Test func nextIdAsyncFormsAndTheEndlessSequence() async throws {
        let key = uniqueKey("quorum")
        let ids = NextId(key: key, masters: [try connect()])
        let first = try await ids.next()
        let block = try await ids.next(count: 3)
        #expect(block == (first + 1)...(first + 3))
        var streamed: [Int] = []
        for try await id in ids.ids {
            streamed.append(id)
            if streamed.count == 3 { break }
        }
        #expect(streamed == [first + 4, first + 5, first + 6])
        #expect(try await ids.current() == first + 6)
        #expect(try server.cli("GET", "nextid:\(key)") == "\(first + 6)")
    }
}
