import PotteryCore
import Testing

// This file imports PotteryCore and nothing else of pottery: the client (`RedisConnection`,
// `RedisURL`, `RedisError`) and `JSONValue` must come with it (issue 24). A missing re-export is a
// compile error here.

/// `import PotteryCore` alone is enough to connect, use a structure and handle its errors.
@Suite struct OneImportTests {
    @Test func connectWriteReadAndCatchWithOneImport() throws {
        let redis = try RedisConnection(url: RedisURL(parsing: sharedServerURL()))
        let key = testKey("one-import")
        let dict = RedisDict<JSONValue, JSONValue>(key: key, redis: redis)
        let tags: JSONValue = .array([JSONValue("a"), JSONValue(2), .null])
        try dict.set(JSONValue("name"), JSONValue("jack"))
        try dict.set(JSONValue("tags"), tags)

        #expect(try dict[JSONValue("name")] == JSONValue("jack"))
        #expect(try dict[JSONValue("tags")] == tags)
        #expect(try dict.count() == 2)
        // The stored bytes, read with the client itself: JSON field, JSON value, as Python pottery.
        #expect(try redis.call("HGET", key, #""name""#) == .bulkString(Array(#""jack""#.utf8)))

        // A typed error: the key now holds a string, so the dict's HGET is a WRONGTYPE reply.
        _ = try redis.call("SET", key, "not a hash")
        do {
            _ = try dict[JSONValue("name")]
            Issue.record("reading a string key as a dict did not throw")
        } catch {
            let redisError: RedisError? = error.redisError
            #expect(redisError?.kind == RedisError.Kind.server)
            #expect(redisError?.code == "WRONGTYPE")
        }
        _ = try redis.call("DEL", key)

        // The client's own typed error, from the same import.
        do {
            _ = try RedisURL(parsing: "http://localhost")
            Issue.record("an http URL parsed as a Redis URL")
        } catch {
            #expect(error.kind == RedisError.Kind.invalidURL)
        }
    }
}
