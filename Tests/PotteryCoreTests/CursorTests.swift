import PotteryCore
import RedisClient
import RedisTestSupport
import Testing

@Suite struct CursorTests {
    let server = RedisServerProcess.shared

    /// A 10,000-member set, filled in batches.
    func bigSet() throws -> RedisSet<Int> {
        let set = RedisSet<Int>(key: uniqueKey("big"), redis: try connect())
        for start in stride(from: 0, to: 10_000, by: 1000) {
            try set.add(contentsOf: Array(start..<start + 1000))
        }
        return set
    }

    @Test func iteratesBatchByBatch() throws {
        let set = try bigSet()
        var cursor = set.members(batchSize: 100)
        var seen = Set<Int>()
        var batches = 0
        while let batch = try cursor.nextBatch() {
            batches += 1
            // A batch is about COUNT elements, never the whole key.
            #expect(batch.count < 1000)
            seen.formUnion(batch)
        }
        #expect(seen == Set(0..<10_000))
        #expect(batches >= 10)
    }

    @Test func nextAndNextBatchShareTheBuffer() throws {
        let set = try bigSet()
        var cursor = set.members(batchSize: 100)
        var seen: [Int] = []
        if let first = try cursor.next() { seen.append(first) }
        if let rest = try cursor.nextBatch() { seen += rest }
        while let element = try cursor.next() { seen.append(element) }
        #expect(seen.count == 10_000 && Set(seen) == Set(0..<10_000))
    }

    @Test func cancellingAPrefetchingCursorKeepsTheConnectionInStep() throws {
        let set = try bigSet()
        var cursor = set.members(batchSize: 100)
        cursor.prefetch = true
        #expect(try cursor.nextBatch() != nil)
        cursor.cancel()
        #expect(try cursor.next() == nil)
        #expect(try set.count() == 10_000)
    }

    @Test func forEachStopsAtTheFirstErrorAndStaysInStep() throws {
        let set = try bigSet()
        var cursor = set.members(batchSize: 100)
        var calls = 0
        let error = potteryError { () throws(PotteryError) in
            try cursor.forEach { (_) throws(PotteryError) in
                calls += 1
                if calls == 5 { throw PotteryError(.invalidValue, "stop") }
            }
        }
        #expect(error?.message == "stop" && calls == 5)
        #expect(try set.count() == 10_000)
    }

    @Test func dictItemsStreamEveryPair() throws {
        let key = uniqueKey("dict")
        let dict = RedisDict<String, Int>(key: key, redis: try connect())
        for start in stride(from: 0, to: 10_000, by: 1000) {
            try dict.update((start..<start + 1000).map { ("k\($0)", $0) })
        }
        var total = 0
        var count = 0
        try dict.forEachItem { (field, value) throws(PotteryError) in
            #expect(field == "k\(value)")
            total += value
            count += 1
        }
        #expect(count == 10_000 && total == (0..<10_000).reduce(0, +))
        var keys = dict.keys(batchSize: 500)
        #expect(try keys.collect().count == 10_000)
    }
}
