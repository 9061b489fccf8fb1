import Foundation
import PotteryCore
import PotteryJSON
import RedisClient
import RedisTestSupport
import Testing

/// The async forms over a pool, on a real server: the same stored bytes as the blocking API,
/// streamed reads that give their connection back, and cancellation of a blocking wait.
@Suite struct PooledTests {
    let server = RedisServerProcess.shared

    func pool(_ maximum: Int = 4) throws -> RedisConnectionPool {
        try RedisConnectionPool(url: server.url, maximumConnections: maximum)
    }

    @Test func aPooledDictStoresWhatTheBlockingOneStores() async throws {
        let pool = try pool()
        defer { pool.close() }
        let key = uniqueKey("pooled")
        let users = RedisDict<String, User>.pooled(key: key, pool: pool)
        try await users.set("jack", User(name: "Jack", age: 42))
        try await users.update([("sape", User(name: "Sape", age: 7))])
        #expect(try server.cli("HGET", key, "\"jack\"") == #"{"age": 42, "name": "Jack"}"#)
        #expect(try await users["jack"] == User(name: "Jack", age: 42))
        #expect(try await users.value(for: "nobody") == nil)
        #expect(try await users.count() == 2)
        #expect(try await users.contains("sape"))
        #expect(try await users.pop("sape") == User(name: "Sape", age: 7))
        #expect(
            try await users.setDefault("jack", User(name: "Other", age: 1)) == User(name: "Jack", age: 42))
        #expect(try await users.toDictionary() == ["jack": User(name: "Jack", age: 42)])
        #expect(
            try await users.perform { (dict) throws(PotteryError) in
                var keys = dict.keys()
                return try keys.collect()
            } == ["jack"])
        #expect(try await users.keys().collect() == ["jack"])
        try await users.clear()
        #expect(try server.cli("EXISTS", key) == "0")
    }

    /// 5,000 fields in batches of 100: every pair once, and the connection back in the pool when
    /// the loop ends, or when it stops early with a batch requested ahead.
    @Test func itemsStreamAndGiveTheConnectionBack() async throws {
        let pool = try pool(1)
        defer { pool.close() }
        let key = uniqueKey("pooled")
        let dict = RedisDict<String, Int>.pooled(key: key, pool: pool)
        try await dict.update((0..<5000).map { ("f\($0)", $0) })
        var seen: [String: Int] = [:]
        for try await (field, value) in dict.items(batchSize: 100) { seen[field] = value }
        #expect(seen.count == 5000 && seen.allSatisfy { $0.key == "f\($0.value)" })
        #expect(pool.usage.idle == 1)
        var taken = 0
        for try await _ in dict.keys(batchSize: 100) {
            taken += 1
            if taken == 150 { break }
        }
        #expect(pool.usage.idle == 1, "the iterator gave its connection back when dropped")
        // The only connection had a batch requested ahead: it was reopened, not read out of step.
        #expect(try await dict.count() == 5000)
        try await dict.clear()
    }

    /// Many tasks at once on four connections: each `setDefault` of one field returns the one
    /// value that won; every task's own field holds its own value.
    @Test func concurrentTasksNeverSeeAnotherTasksReply() async throws {
        let pool = try pool()
        defer { pool.close() }
        let key = uniqueKey("pooled")
        let dict = RedisDict<String, Int>.pooled(key: key, pool: pool)
        let winners = try await withThrowingTaskGroup(of: (Int, Int, Int?).self) { group in
            for index in 0..<100 {
                group.addTask {
                    let winner = try await dict.setDefault("shared", index)
                    try await dict.set("own-\(index)", index)
                    return (index, winner, try await dict.value(for: "own-\(index)"))
                }
            }
            var all: [(Int, Int, Int?)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(Set(winners.map(\.1)).count == 1)
        #expect(winners.allSatisfy { $0.0 == $0.2 })
        try await dict.clear()
    }

    /// A task waiting in `queue get` (no timeout) is cancelled: it ends with `.cancelled`, takes
    /// nothing, and the pool serves the next task.
    @Test func cancellingAWaitingQueueGet() async throws {
        let pool = try pool(1)
        defer { pool.close() }
        let key = uniqueKey("pooled")
        let queue = RedisSimpleQueue<JSONValue>.pooled(key: key, pool: pool)
        let waiting = Task { try await queue.perform { (queue) throws(PotteryError) in try queue.get() } }
        let deadline = Date().addingTimeInterval(120)
        while try !server.cli("CLIENT", "LIST").contains("cmd=xread") {
            guard Date() < deadline else { throw TestSupportError("the queue get never waited") }
            try await Task.sleep(for: .milliseconds(10))
        }
        waiting.cancel()
        let error = await #expect(throws: PotteryError.self) { try await waiting.value }
        guard case .cancelled? = error?.kind else {
            Issue.record("expected .cancelled, got \(String(describing: error))")
            return
        }
        try await queue.perform { (queue) throws(PotteryError) in try queue.put(.string("job")) }
        #expect(
            try await queue.perform { (queue) throws(PotteryError) in try queue.get(timeout: 0) }
                == .string("job"))
    }
}
