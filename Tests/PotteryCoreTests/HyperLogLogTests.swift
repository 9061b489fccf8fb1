import PotteryCore
import PotteryJSON
import RedisClient
import RedisTestSupport
import Testing

@Suite struct HyperLogLogTests {
    let server = RedisServerProcess.shared

    @Test func addCountContainsMerge() throws {
        let key = uniqueKey("hll")
        let redis = try connect()
        let searches = HyperLogLog<String>(key: key, redis: redis)
        #expect(try searches.add("sonic the hedgehog"))
        #expect(try searches.count() == 1)
        try searches.add(contentsOf: [
            "google in 1998", "minesweeper", "joey tribbiani", "wizard of oz", "rgb to hex",
        ])
        #expect(try searches.count() == 6)
        #expect(try searches.contains("minesweeper"))
        #expect(try !searches.contains("ball pit"))
        #expect(try searches.contains(many: ["ball pit", "wizard of oz"]) == [false, true])
        let other = HyperLogLog<String>(key: uniqueKey("hll"), redis: redis)
        try other.add(contentsOf: ["pac-man", "snake"])
        try searches.merge(from: [other.keyBytes])
        #expect(try searches.count() == 8)
        #expect(try server.cli("PFCOUNT", key) == "8")
        #expect(try server.cli("PFADD", key, "\"snake\"") == "0")
    }

    @Test func membershipLeavesNoScratchKeyEvenOnError() throws {
        let key = uniqueKey("hll")
        let redis = try connect()
        _ = try server.cli("SET", key, "not a hyperloglog")
        let hll = HyperLogLog<String>(key: key, redis: redis)
        let error = potteryError { () throws(PotteryError) in _ = try hll.contains("x") }
        #expect(error?.redisError != nil)
        #expect(try server.cli("KEYS", "*\(key)*:pottery-hll-*") == "")
        let missing = HyperLogLog<String>(key: uniqueKey("hll"), redis: redis)
        #expect(try missing.contains(many: ["a", "b"]) == [false, false])
        #expect(try !missing.exists)
    }
}
