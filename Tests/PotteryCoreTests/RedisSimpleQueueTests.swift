import Foundation
import PotteryCore
import PotteryJSON
import RedisClient
import RedisTestSupport
import Testing

@Suite struct RedisSimpleQueueTests {
    let server = RedisServerProcess.shared

    @Test func firstInFirstOutAsPotteryStoresIt() throws {
        let key = uniqueKey("queue")
        let jobs = RedisSimpleQueue<String>(key: key, redis: try connect())
        #expect(try jobs.isEmpty)
        try jobs.put("a")
        try jobs.put(["b", "c", "d"])
        #expect(try jobs.size() == 4)
        let raw = try server.cli("XRANGE", key, "-", "+", "COUNT", "1")
        #expect(raw.hasSuffix("item\n\"a\""))
        #expect(try jobs.get() == "a")
        #expect(try jobs.getNowait() == "b")
        #expect(try jobs.take(max: 5) == ["c", "d"])
        #expect(try jobs.getNowait() == nil)
        #expect(try jobs.get(timeout: 0) == nil)
        #expect(try jobs.get(timeout: 0.05) == nil)
        #expect(try jobs.isEmpty)
    }

    @Test func aWaitIsWokenByAPutFromAnotherConnection() throws {
        let key = uniqueKey("queue")
        let consumer = RedisSimpleQueue<JSONValue>(key: key, redis: try connect())
        let server = server
        let putter = Thread {
            while (try? server.cli("CLIENT", "LIST").contains("cmd=xread")) != true {}
            let producer = try? RedisSimpleQueue<JSONValue>(key: key, redis: connect(server))
            try? producer?.put(.array([.string("x"), .integer("1")]))
        }
        putter.start()
        #expect(try consumer.get(timeout: 30) == .array([.string("x"), .integer("1")]))
    }

    /// Someone else's entry (no `item` field) is passed over and left in the stream; the items
    /// around it are taken, in order (issue 17: it used to be XDEL'd with the items after it).
    @Test func anEntryWithoutAnItemIsLeftAndPassedOver() throws {
        let key = uniqueKey("queue")
        let queue = RedisSimpleQueue<Int>(key: key, redis: try connect())
        try queue.put([1, 2])
        let foreign = try server.cli("XADD", key, "*", "other", "1")
        try queue.put([3, 4])
        #expect(try queue.take(max: 3) == [1, 2, 3])
        let batch = try queue.takeBatch(max: 5)
        #expect(batch.items == [4] && batch.foreignEntries == 1)
        let empty = try queue.takeBatch(max: 5)
        #expect(empty.items.isEmpty && empty.foreignEntries == 1)
        #expect(String(decoding: empty.position, as: UTF8.self) == foreign)
        #expect(try queue.getNowait() == nil)
        #expect(try queue.get(timeout: 0.05) == nil)
        #expect(try server.cli("XRANGE", key, "-", "+") == "\(foreign)\nother\n1")
    }
}
