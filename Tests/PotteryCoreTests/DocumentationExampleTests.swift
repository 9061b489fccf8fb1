import PotteryCore
import Testing

// The code of the DocC catalog (Sources/PotteryCore/PotteryCore.docc), as written there but for the
// server's URL, type-checked and run against a real server. Like the articles, this file imports
// PotteryCore alone. Change one, change the other.

@Suite struct DocumentationExampleTests {
    /// PotteryCore.md, the overview's example.
    @Test func theLandingPageExampleWorks() throws {
        let key = testKey("users")
        let redis = try RedisConnection(url: RedisURL(parsing: sharedServerURL()))
        let users = RedisDict<String, JSONValue>(key: key, redis: redis)
        try users.set("jack", ["name": "Jack", "age": 41])
        #expect(try redis.call("HGET", key, #""jack""#).bytes == Array(#"{"age": 41, "name": "Jack"}"#.utf8))
        _ = try redis.call("DEL", key)
    }

    /// GettingStarted.md, from "Connect" to "Handle errors", in order.
    @Test func theGettingStartedArticleWorks() throws {
        let key = testKey("billing:config")
        let lockKey = testKey("billing:nightly")
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // Connect.
        let url = try RedisURL(parsing: sharedServerURL())
        let options = RedisConnectionOptions(timeout: 2, clientName: "billing")
        let redis = try RedisConnection(url: url, options: options)
        print(try RedisKeyspace(redis: redis).ping())  // the server's PONG, as bytes
        #expect(printed.last == "\(Array("PONG".utf8))")

        // What the Python side of "Share a dict" writes: config['retries'] = 3, and the endpoints.
        _ = try redis.call("HSET", key, #""retries""#, "3")
        _ = try redis.call("HSET", key, #""endpoints""#, #"["https://a.example", "https://b.example"]"#)

        // Share a dict with a Python service.
        let config = RedisDict<String, JSONValue>(key: key, redis: redis)
        let retries = try config["retries"]?.intValue ?? 1  // 3
        let endpoints = try config["endpoints"] ?? []  // ["https://a.example", ...]
        try config.set("retries", 5)  // Python now sees 5
        print(retries, endpoints, try config.count())
        #expect(printed.last == #"3 ["https://a.example", "https://b.example"] 2"#)
        #expect(try redis.call("HGET", key, #""retries""#).bytes == Array("5".utf8))

        // Lock a job with Redlock.
        let lock = Redlock(key: lockKey, masters: [redis], autoReleaseMilliseconds: 60_000)
        if try lock.acquire(timeout: 5) {
            defer { _ = try? lock.release() }
            print("running, fencing token", lock.fencingToken ?? 0)
        } else {
            print("another machine runs it")
        }
        #expect(printed.last?.hasPrefix("running, fencing token ") == true)
        #expect(try lock.status().locked == false)

        let invoiced = try synchronize(key: lockKey, masters: [redis], timeout: 5) { lock in
            try config.count()
        }
        #expect(invoiced == 2)

        // Handle errors: the key made a string, the dict's read is a WRONGTYPE reply.
        _ = try redis.call("SET", key, "not a hash")
        do {
            _ = try config["retries"]
        } catch {
            if let redisError = error.redisError, redisError.code == "WRONGTYPE" {
                print("billing:config is not a hash")
            } else {
                print("failed:", error)
            }
        }
        #expect(printed.last == "billing:config is not a hash")
        _ = try redis.call("DEL", key, "redlock:" + lockKey, "{redlock:" + lockKey + "}:fencing")
    }
}
