import PotteryCore
import PotteryJSON
import RedisClient
import RedisTestSupport
import Testing

/// The names a Swift developer expects: a synchronous iteration form, `count()` and `isEmpty`
/// everywhere, and a description that says what a structure is.
@Suite struct SwiftNamesTests {
    let server = RedisServerProcess.shared

    @Test func cursorsIterateAsASequenceOfResults() throws {
        let redis = try connect()
        let key = uniqueKey("names")
        let set = RedisSet<Int>(key: key, redis: redis)
        try set.add(contentsOf: Array(0..<3000))
        var seen = Set<Int>()
        for result in set.members().results { seen.insert(try result.get()) }
        #expect(seen == Set(0..<3000))
        // Leaving early leaves the connection in step: nothing was requested ahead.
        var taken = 0
        for result in set.members(batchSize: 10).results {
            _ = try result.get()
            taken += 1
            if taken == 25 { break }
        }
        #expect(try set.count() == 3000)
        _ = try server.cli("SET", key + ":string", "x")
        let failures = RedisSet<Int>(key: key + ":string", redis: redis).members().results.map {
            result -> Bool in
            if case .failure(let error) = result { return "\(error)".contains("WRONGTYPE") }
            return false
        }
        #expect(failures == [true])
        try set.clear()
        _ = try server.cli("DEL", key + ":string")
    }

    @Test func everyCountedStructureHasCountAndIsEmpty() throws {
        let redis = try connect()
        let key = uniqueKey("names")
        let structures: [(any RedisCountable, () throws(PotteryError) -> Void)] = [
            (
                RedisDict<String, Int>(key: key + ":d", redis: redis),
                { () throws(PotteryError) in
                    try RedisDict<String, Int>(key: key + ":d", redis: redis).set("a", 1)
                }
            ),
            (
                RedisSet<Int>(key: key + ":s", redis: redis),
                { () throws(PotteryError) in
                    try RedisSet<Int>(key: key + ":s", redis: redis).add(1)
                }
            ),
            (
                RedisList<Int>(key: key + ":l", redis: redis),
                { () throws(PotteryError) in
                    try RedisList<Int>(key: key + ":l", redis: redis).append(1)
                }
            ),
            (
                RedisCounter<String>(key: key + ":c", redis: redis),
                { () throws(PotteryError) in
                    try RedisCounter<String>(key: key + ":c", redis: redis).update(["a"])
                }
            ),
            (
                RedisSimpleQueue<Int>(key: key + ":q", redis: redis),
                { () throws(PotteryError) in
                    try RedisSimpleQueue<Int>(key: key + ":q", redis: redis).put(1)
                }
            ),
        ]
        for (structure, fill) in structures {
            #expect(try structure.isEmpty && structure.count() == 0, "\(structure)")
            try fill()
            #expect(try !structure.isEmpty && structure.count() == 1, "\(structure)")
            try structure.clear()
        }
    }

    @Test func aStructureSaysWhatItIs() throws {
        let redis = try connect()
        let dict = RedisDict<String, Int>(key: "users", redis: redis)
        #expect(dict.description == "RedisDict<String, Int>(key: \"users\", server: \"\(redis.server)\")")
        #expect("\(RedisSet<JSONValue>(key: "s", redis: redis))".hasPrefix("RedisSet<JSONValue>(key: \"s\""))
    }
}
