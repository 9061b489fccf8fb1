import PotteryCore
import PotteryJSON
import RedisClient
import RedisTestSupport
import Testing

@Suite struct RedisCounterTests {
    let server = RedisServerProcess.shared

    @Test func countsAsCollectionsCounterDoes() throws {
        let key = uniqueKey("counter")
        let words = RedisCounter<String>(key: key, redis: try connect())
        try words.update(["a", "b", "a"])
        #expect(try words["a"] == 2 && words["b"] == 1 && words["zz"] == 0)
        // Counter's result, not pottery 3.0.1's double count: 2 + 1 = 3.
        try words.update(["a"])
        #expect(try words.count(of: "a") == 3)
        #expect(try server.cli("HGET", key, "\"a\"") == "3")
        try words.subtract(["b", "b", "c"])
        #expect(try words["b"] == -1 && words["c"] == -1)
        #expect(try words.increment("b", by: 5) == 4)
        #expect(try words.count() == 3)
        #expect(try words.total() == 6)
        try words.update(counts: [("c", 1), ("d", -2)])
        #expect(try words["c"] == 0 && words["d"] == -2 && words.count() == 4)
        var elements: [String] = []
        try words.forEachElement { elements.append($0) }
        #expect(elements.sorted() == ["a", "a", "a", "b", "b", "b", "b"])
        #expect(try words.remove(["d", "nobody"]) == 1)
        try words.clear()
        #expect(try words.count() == 0)
    }

    @Test func arithmeticAsCollectionsCounter() throws {
        let (c, d, destination) = (uniqueKey("counter"), uniqueKey("counter"), uniqueKey("counter"))
        let redis = try connect()
        let left = RedisCounter<String>(key: c, redis: redis)
        try left.update(counts: [("a", 3), ("b", 1), ("z", 2)])
        try left.set("neg", count: -2)
        try RedisCounter<String>(key: d, redis: redis).update(counts: [
            ("b", 5), ("a", 1), ("z", -7), ("new", 2),
        ])
        func combined(_ operation: CounterOperation, _ other: String?) throws -> [String] {
            try left.combined(operation, with: other.map { Array($0.utf8) }).map { "\($0.0)=\($0.1)" }
        }
        #expect(try combined(.plus, d) == ["a=4", "b=6", "new=2"])
        #expect(try combined(.minus, d) == ["a=2", "z=9"])
        #expect(try combined(.union, d) == ["a=3", "b=5", "z=2", "new=2"])
        #expect(try combined(.intersection, d) == ["a=1", "b=1"])
        #expect(try combined(.positive, nil) == ["a=3", "b=1", "z=2"])
        #expect(try combined(.negative, nil) == ["neg=2"])
        #expect(throws: PotteryError.self) { try left.combined(.plus) }
        #expect(try left.store(.minus, with: Array(d.utf8), into: Array(destination.utf8)) == 2)
        #expect(try RedisCounter<String>(key: destination, redis: redis).count(of: "z") == 9)
        try left.subtract(counts: [("a", 5), ("new", 1)])
        #expect(try left.count(of: "a") == -2 && left.count(of: "new") == -1)
        #expect(throws: PotteryError.self) { try left.subtract(counts: [("a", Int.min)]) }
    }

    @Test func mostCommonKeepsInsertionOrderForTiesInASmallHash() throws {
        let counter = RedisCounter<String>(key: uniqueKey("counter"), redis: try connect())
        try counter.update(["z", "y", "x", "y", "w", "x"])
        let top = try counter.mostCommon()
        #expect(top.map(\.0) == ["y", "x", "z", "w"] && top.map(\.1) == [2, 2, 1, 1])
        #expect(try counter.mostCommon(1).map(\.0) == ["y"])
        #expect(try counter.mostCommon(0).isEmpty)
    }

    @Test func mostCommonOrdersTiesByTextInALargeHash() throws {
        let counter = RedisCounter<Int>(key: uniqueKey("counter"), redis: try connect())
        try counter.update(Array((0..<3000).reversed()))
        try counter.update([7, 7, 2999])
        let top = try counter.mostCommon(4)
        #expect(top.map(\.0) == [7, 2999, 0, 1] && top.map(\.1) == [3, 2, 1, 1])
        #expect(try counter.mostCommon().count == 3000)
    }

    @Test func limitsAreErrorsNotTraps() throws {
        let key = uniqueKey("counter")
        let counter = RedisCounter<String>(key: key, redis: try connect())
        #expect(try counter.increment("a", by: Int.max) == Int.max)
        let overflow = redisError { () throws(PotteryError) in _ = try counter.increment("a") }
        #expect(overflow?.kind == .server)
        #expect(try counter["a"] == Int.max)
        #expect(try counter.increment("b", by: Int.min) == Int.min)
        #expect(try counter.total() == Int128(Int.max) + Int128(Int.min))
        _ = try server.cli("HSET", key, "\"f\"", "1.5")
        #expect(
            potteryError { () throws(PotteryError) in _ = try counter.count(of: "f") }?.kind.isUndecodable
                == true)
    }

    @Test func bulkUpdatesInBoundedWindowsGiveExactCounts() throws {
        let counter = RedisCounter<Int>(key: uniqueKey("counter"), redis: try connect())
        let input = (0..<200_000).map { $0 % 3001 }
        try counter.update(input)
        #expect(try counter.count() == 3001)
        #expect(try counter[0] == 67 && counter[3000] == 66)
        #expect(try counter.total() == 200_000)
    }
}

extension PotteryError.Kind {
    var isUndecodable: Bool {
        if case .undecodable = self { return true }
        return false
    }
}
