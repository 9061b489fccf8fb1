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

    @Test func anEntryWithoutAnItemIsAnError() throws {
        let key = uniqueKey("queue")
        _ = try server.cli("XADD", key, "*", "other", "1")
        let queue = RedisSimpleQueue<Int>(key: key, redis: try connect())
        #expect(
            potteryError { () throws(PotteryError) in _ = try queue.getNowait() }?.kind.isUndecodable == true)
    }
}
