import PotteryCore
import PotteryJSON
import RedisClient
import RedisTestSupport
import Testing

@Suite struct RedisListTests {
    let server = RedisServerProcess.shared

    @Test func codableItemsAsPotteryStoresThem() throws {
        let key = uniqueKey("list")
        let tasks = RedisList<String>(key: key, redis: try connect())
        #expect(try tasks.extend(["write", "test", "ship"]) == 3)
        #expect(try tasks.insert("review", at: -1) == 4)
        #expect(
            try server.cli("LRANGE", key, "0", "-1").split(separator: "\n") == [
                "\"write\"", "\"test\"", "\"review\"", "\"ship\"",
            ])
        #expect(try tasks.item(at: -1) == "ship")
        #expect(try tasks.item(at: 4) == nil)
        #expect(try tasks.pop() == "ship")
        #expect(try tasks.pop(at: 0) == "write")
        #expect(try tasks.pop(at: 5) == nil)
        #expect(try tasks.set("TEST", at: -2))
        #expect(try !tasks.set("x", at: 2))
        #expect(try tasks.toArray() == ["TEST", "review"])
        #expect(try tasks.remove("review"))
        #expect(try !tasks.remove("review"))
        #expect(try tasks.count() == 1)
        try tasks.clear()
        #expect(try !tasks.exists)
    }

    @Test func slicesReadAndDeleteAsPython() throws {
        let key = uniqueKey("list")
        let numbers = RedisList<Int>(key: key, redis: try connect())
        try numbers.extend(Array(0..<100))
        func read(_ slice: PythonSlice) throws -> [Int] {
            var cursor = numbers.items(in: slice, batchSize: 7)
            return try cursor.collect()
        }
        #expect(
            try read(PythonSlice(start: 10, stop: 20, step: 3)!) == Array(stride(from: 10, to: 20, by: 3)))
        #expect(try read(PythonSlice(step: -1)!) == Array((0..<100).reversed()))
        #expect(try read(PythonSlice(start: -5)!) == Array(95..<100))
        #expect(try read(PythonSlice(start: 90, stop: 5, step: -40)!) == [90, 50, 10])
        #expect(try read(PythonSlice(step: 33)!) == [0, 33, 66, 99])
        #expect(try read(PythonSlice(start: 200)!) == [])
        #expect(PythonSlice(step: 0) == nil)
        #expect(try numbers.removeItems(in: PythonSlice(step: 2)!) == 50)
        #expect(try numbers.removeItems(in: PythonSlice(start: -10)!) == 10)
        #expect(try numbers.toArray() == Array(stride(from: 1, to: 80, by: 2)))
    }

    @Test func bigSliceDeletesRebuildOneSideAndKeepTheTTL() throws {
        let key = uniqueKey("list")
        let numbers = RedisList<Int>(key: key, redis: try connect())
        try numbers.extend(Array(0..<20000))
        #expect(try numbers.expire(seconds: 100))
        #expect(try numbers.removeItems(in: PythonSlice(start: 1, step: 2)!) == 10000)
        #expect(try numbers.removeItems(in: PythonSlice(start: -3000, stop: 10, step: -7)!) == 999)
        var model = Array(stride(from: 0, to: 20000, by: 2))
        for index in stride(from: model.count - 3000, to: 10, by: -7).sorted(by: >) {
            model.remove(at: index)
        }
        #expect(try numbers.toArray() == model)
        guard case .expiresIn(let left) = try numbers.ttl else {
            Issue.record("the TTL was lost")
            return
        }
        #expect(left > 50_000)
    }

    @Test func resolvedSlicesMatchSliceIndices() {
        // slice(None, None, -1).indices(5) == (4, -1, -1); slice(-100, 100).indices(5) == (0, 5, 1)
        #expect(PythonSlice(step: -1)!.resolved(count: 5) == ResolvedSlice(first: 4, count: 5, step: -1))
        #expect(
            PythonSlice(start: -100, stop: 100)!.resolved(count: 5)
                == ResolvedSlice(first: 0, count: 5, step: 1))
        #expect(PythonSlice(start: Int.max, stop: Int.min, step: Int.min)!.resolved(count: 3).count == 1)
        #expect(PythonSlice(start: Int.min, stop: Int.max, step: Int.max)!.resolved(count: 3).count == 1)
        #expect(PythonSlice.all.resolved(count: 0).count == 0)
    }

    @Test func sortIsPythonsAndRefusesWhatPythonRefuses() throws {
        let key = uniqueKey("list")
        let list = RedisList<JSONValue>(key: key, redis: try connect())
        let values: [JSONValue] = [
            .integer("3"), .float(1.5), .bool(true), .integer("1"), .float(-0.0), .integer("0"),
        ]
        try list.extend(values)
        try list.sort()
        // Stable: true and 1 are equal and keep their order; -0.0 and 0 too.
        #expect(
            try list.toArray() == [
                .float(-0.0), .integer("0"), .bool(true), .integer("1"), .float(1.5), .integer("3"),
            ])
        try list.sort(reverse: true)
        #expect(
            try list.toArray() == [
                .integer("3"), .float(1.5), .bool(true), .integer("1"), .float(-0.0), .integer("0"),
            ])
        try list.append(.string("x"))
        let error = potteryError { () throws(PotteryError) in try list.sort() }
        #expect(error?.statusClass == .invalidInput)
        #expect(try list.count() == 7)
    }

    @Test func pythonComparison() throws {
        func v(_ text: String) throws -> JSONValue { try JSON.parse(text) }
        #expect(PythonComparison.equal(try v("1"), try v("true")))
        #expect(PythonComparison.equal(try v("[1, {\"a\": 0}]"), try v("[1.0, {\"a\": false}]")))
        #expect(!PythonComparison.equal(try v("1000000000000000000000000000000"), try v("1e30")))
        #expect(
            PythonComparison.equal(try v("1267650600228229401496703205376"), try v("1.2676506002282294e+30")))
        #expect(!PythonComparison.equal(try v("NaN"), try v("NaN")))
        #expect(try PythonComparison.less(try v("1000000000000000000000000000000"), try v("1e30")))
        #expect(try PythonComparison.less(try v("[1, \"a\"]"), try v("[1, \"b\"]")))
        #expect(try PythonComparison.less(try v("[1]"), try v("[1, null]")))
        #expect(try PythonComparison.less(try v("-Infinity"), try v("-99999999999999999999999999999999")))
        #expect(try PythonComparison.less(try v("\"Z\""), try v("\"a\"")))
        #expect(throws: PotteryError.self) { try PythonComparison.less(try v("null"), try v("null")) }
        #expect(throws: PotteryError.self) { try PythonComparison.less(try v("{}"), try v("{}")) }
        #expect(throws: PotteryError.self) { try PythonComparison.less(try v("\"1\""), try v("1")) }
    }

    @Test func searchReverseAndSliceAssignmentAsPython() throws {
        let key = uniqueKey("list")
        let list = RedisList<JSONValue>(key: key, redis: try connect())
        try list.extend([1, "a", 2.0, true, "a"])
        #expect(try list.firstIndex(of: 2) == 2)  // 2 == 2.0, as in Python
        #expect(try list.firstIndex(of: 1, start: 1) == 3)  // True == 1
        #expect(try list.firstIndex(of: "a", start: -1) == 4)
        #expect(try list.firstIndex(of: "a", start: 2, stop: 4) == nil)
        #expect(try list.count(of: "a") == 2 && list.contains(true) && !list.contains("b"))
        _ = try server.cli("PEXPIRE", key, "100000")
        try list.reverse()
        #expect(try list.toArray() == ["a", true, 2.0, "a", 1])
        #expect(try Int(server.cli("PTTL", key))! > 0)
        try list.replace(PythonSlice(start: 1, stop: 3)!, with: ["x"])
        #expect(try list.toArray() == ["a", "x", "a", 1])
        try list.replace(PythonSlice(start: 0, stop: 0)!, with: [0, 0])
        try list.replace(PythonSlice(step: 2)!, with: [7, 8, 9])
        #expect(try list.toArray() == [7, 0, 8, "x", 9, 1])
        #expect(throws: PotteryError.self) { try list.replace(PythonSlice(step: -1)!, with: [1]) }
        #expect(try list.count() == 6)
    }

    @Test func dequeInsertRefusesAtMaxlen() throws {
        let key = uniqueKey("deque")
        let deque = RedisDeque<Int>(key: key, redis: try connect(), maxlen: 3)
        try deque.extend([1, 2, 3])
        #expect(throws: PotteryError.self) { try deque.insert(9, at: 1) }
        let unbounded = RedisDeque<Int>(key: key, redis: try connect())
        try unbounded.insert(9, at: 1)
        #expect(try unbounded.toArray() == [1, 9, 2, 3])
    }

    @Test func dequeTrimsAndRotates() throws {
        let key = uniqueKey("deque")
        let recent = RedisDeque<Int>(key: key, redis: try connect(), maxlen: 3)
        #expect(try recent.extend([1, 2, 3, 4]) == 3)
        #expect(try recent.appendLeft(0) == 3)
        #expect(try recent.toArray() == [0, 2, 3])
        try recent.rotate(-1)
        #expect(try recent.toArray() == [2, 3, 0])
        try recent.rotate(Int.max)  // (2^63 - 1) mod 3 == 1
        #expect(try recent.toArray() == [0, 2, 3])
        #expect(
            potteryError { () throws(PotteryError) in try recent.insert(9, at: 1) }?.statusClass
                == .invalidInput)
        #expect(try recent.popLeft() == 0)
        #expect(try recent.insert(9, at: 1) == 3)
        #expect(try recent.toArray() == [2, 9, 3])
        #expect(try recent.popLeft() == 2)
        #expect(try recent.popLeft() == 9)
        try recent.appendLeft(0)
        #expect(try recent.pop() == 3)
        let many = RedisDeque<Int>(key: key, redis: try connect(), maxlen: 2500)
        #expect(try many.extendLeft(Array(0..<5000)) == 2500)
        #expect(try many.item(at: 0) == 4999)
        #expect(try many.item(at: -1) == 2500)
        let unbounded = RedisDeque<Int>(key: key, redis: try connect())
        #expect(try unbounded.extend([7]) == 2501)
    }
}
