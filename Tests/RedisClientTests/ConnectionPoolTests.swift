import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// The pool on a real server: tasks share its connections without crossing replies, blocking
/// commands run off the cooperative pool, and cancellation reaches both kinds of wait.
@Suite struct ConnectionPoolTests {
    func pool(_ maximum: Int, name: String) throws -> RedisConnectionPool {
        try RedisConnectionPool(
            url: RedisServerProcess.shared.url, options: .init(timeout: 5, clientName: name),
            maximumConnections: maximum)
    }

    /// Clients of the server named `name`, and what each runs now.
    func clients(named name: String) throws -> [String] {
        try RedisServerProcess.shared.cli("CLIENT", "LIST").split(separator: "\n").map(String.init)
            .filter { $0.contains(" name=\(name) ") }
    }

    /// Waits (polling, 120 s at most: a loaded test run can starve the cooperative pool for a
    /// while; without holding a thread of it) until
    /// `condition` holds.
    func await(_ what: String, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(120)
        while try !condition() {
            guard Date() < deadline else { throw TestSupportError("never: \(what)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func aCancellationIsRaisedUntilReset() throws {
        let cancellation = try RedisCancellation()
        #expect(!cancellation.isCancelled)
        cancellation.cancel()
        cancellation.cancel()
        #expect(cancellation.isCancelled)
        cancellation.reset()
        #expect(!cancellation.isCancelled)
    }

    /// A lease given back with a reply unread: the next task gets a connection of its own, not
    /// the stale reply.
    @Test func aLeaseGivenBackMidExchangeNeverLeaksItsReply() async throws {
        let name = uniqueKey("pool").replacingOccurrences(of: ":", with: "-")
        let pool = try pool(1, name: name)
        defer { pool.close() }
        let lease = try await pool.lease()
        try await lease.run { connection in
            connection.enqueue("ECHO", "stale")
            try connection.flush()
        }
        lease.release()
        let error = await #expect(throws: RedisError.self) { try await lease.run { _ in 1 } }
        #expect(error?.kind == .connectionLost)
        #expect(
            try await pool.withConnection { try $0.call("ECHO", "fresh") } == .bulkString(Array("fresh".utf8))
        )
    }

    @Test func manyTasksShareFourConnectionsAndEachGetsItsOwnReplies() async throws {
        let name = uniqueKey("pool").replacingOccurrences(of: ":", with: "-")
        let pool = try pool(4, name: name)
        let prefix = uniqueKey("pool")
        let results = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let read = try await pool.withConnection { connection -> String? in
                        connection.enqueue("SET", "\(prefix):\(index)", "value \(index)")
                        connection.enqueue("GET", "\(prefix):\(index)")
                        _ = try connection.readReply()
                        return try connection.readReply().bytes.map { String(decoding: $0, as: UTF8.self) }
                    }
                    return (index, read)
                }
            }
            var all: [Int: String?] = [:]
            for try await (index, read) in group { all[index] = read }
            return all
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0.value == "value \($0.key)" })
        let usage = pool.usage
        #expect(usage.connections >= 1 && usage.connections <= 4 && usage.waiting == 0)
        #expect(try clients(named: name).count == usage.connections)
        pool.close()
        try await self.await("the pool's connections closed") { try clients(named: name).isEmpty }
        let error = await #expect(throws: RedisError.self) { try await pool.withConnection { _ in 1 } }
        #expect(error?.kind == .connectionLost)
        _ = try RedisServerProcess.shared.cli(
            "EVAL", "for i = 0, 199 do redis.call('DEL', ARGV[1] .. ':' .. i) end", "0", prefix)
    }

    /// Three tasks blocked in BLPOP (more than the cooperative pool's threads on a 2-core machine)
    /// leave room for a fourth to PING; they finish when their lists get items.
    @Test func blockedTasksDoNotStallOthers() async throws {
        let name = uniqueKey("pool").replacingOccurrences(of: ":", with: "-")
        let pool = try pool(4, name: name)
        defer { pool.close() }
        let key = uniqueKey("blocked")
        let blocked = (0..<3).map { index in
            Task {
                try await pool.withConnection { connection -> String? in
                    connection.enqueue("BLPOP", "\(key):\(index)", "0")
                    return try connection.readReply(timeout: nil).array?.last?.bytes.map {
                        String(decoding: $0, as: UTF8.self)
                    }
                }
            }
        }
        try await self.await("three BLPOPs waiting") {
            try clients(named: name).filter { $0.contains("cmd=blpop") }.count == 3
        }
        let pong = try await pool.withConnection { try $0.call("PING") }
        #expect(pong == .simpleString(Array("PONG".utf8)))
        for index in 0..<3 {
            _ = try RedisServerProcess.shared.cli("RPUSH", "\(key):\(index)", "item \(index)")
        }
        for (index, task) in blocked.enumerated() { #expect(try await task.value == "item \(index)") }
    }

    @Test func cancellingATaskEndsItsBlockingCommandAndThePoolGoesOn() async throws {
        let name = uniqueKey("pool").replacingOccurrences(of: ":", with: "-")
        let pool = try pool(1, name: name)
        defer { pool.close() }
        let key = uniqueKey("cancel")
        let task = Task {
            try await pool.withConnection { connection in
                connection.enqueue("BLPOP", key, "0")
                return try connection.readReply(timeout: nil)
            }
        }
        try await self.await("the BLPOP waiting") {
            try clients(named: name).contains { $0.contains("cmd=blpop") }
        }
        // A second task waits for the only connection; cancelled, it stops waiting.
        let waiting = Task { try await pool.withConnection { try $0.call("PING") } }
        try await self.await("a task waiting for the connection") { pool.usage.waiting == 1 }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(pool.usage.waiting == 0)
        task.cancel()
        let error = await #expect(throws: RedisError.self) { try await task.value }
        #expect(error?.kind == .interrupted)
        try await self.await("the cancelled BLPOP's connection closed") {
            try !clients(named: name).contains { $0.contains("cmd=blpop") }
        }
        // The connection is opened again for the next task; nothing was taken from the list.
        _ = try RedisServerProcess.shared.cli("RPUSH", key, "kept")
        #expect(try await pool.withConnection { try $0.call("LLEN", key) } == .integer(1))
        _ = try RedisServerProcess.shared.cli("DEL", key)
    }
}
