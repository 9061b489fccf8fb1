import PotteryCore
import RedisTestSupport
import Synchronization
import Testing

/// The README's library example, as written there, against a real server.
@Suite struct ReadmeExampleTests {
    struct User: Codable { var name: String; var age: Int }

    @Test func theLibraryExampleWorks() throws {
        let server = RedisServerProcess.shared
        let key = uniqueKey("users")
        let redis = try RedisConnection(url: RedisURL(parsing: server.url))
        let users = RedisDict<String, User>(key: key, redis: redis)
        try users.set("jack", User(name: "Jack", age: 41))
        #expect(try users["jack"]?.age ?? 0 == 41)
        var names: [String] = []
        var items = users.items()
        while let (name, user) = try items.next() { names.append(name + ":" + user.name) }
        #expect(names == ["jack:Jack"])
        #expect(try server.cli("HGET", key, "\"jack\"") == #"{"age": 41, "name": "Jack"}"#)
    }

    /// The README's async example (and the getting-started article's), as written there.
    @Test func theAsyncExampleWorks() async throws {
        let server = RedisServerProcess.shared
        let key = uniqueKey("users")
        let redis = try RedisConnection(url: RedisURL(parsing: server.url))
        let pool = try RedisConnectionPool(url: server.url, maximumConnections: 8)
        defer { pool.close() }
        let users = RedisDict<String, User>.pooled(key: key, pool: pool)
        try await users.set("jill", User(name: "Jill", age: 39))
        let jill = try await users["jill"]
        #expect(jill?.name == "Jill" && jill?.age == 39)
        var ages: [Int] = []
        for try await (_, user) in users.items() { ages.append(user.age) }
        #expect(ages == [39])
        let popped = try await users.perform { (dict) throws(PotteryError) in try dict.popItem() }
        #expect(popped?.0 == "jill")

        let written = Mutex<Int?>(nil)
        @Sendable func writeReport(fencing: Int) async throws { written.withLock { $0 = fencing } }
        let lock = Redlock(
            key: uniqueKey("nightly-report"), masters: [redis], autoReleaseMilliseconds: 10_000)
        try await lock.withLock(timeout: 5) { lease in
            try await writeReport(fencing: lease.fencingToken!)
        }
        #expect(written.withLock { $0 } != nil)
    }
}
