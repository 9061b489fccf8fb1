import PotteryCore
import RedisClient
import RedisTestSupport
import Testing

@Suite struct RedisSetTests {
    let server = RedisServerProcess.shared

    @Test func integersAsPotteryStoresThem() throws {
        let key = uniqueKey("set")
        let primes = RedisSet<Int>(key: key, redis: try connect())
        #expect(try primes.add([2, 3, 5, 3]) == 3)
        #expect(try !primes.add(5))
        #expect(try server.cli("SISMEMBER", key, "5") == "1")
        #expect(try primes.contains(3))
        #expect(try primes.contains(many: [4, 5, 2, 9]) == [false, true, true, false])
        #expect(try primes.count() == 3)
        #expect(try primes.remove([2, 2, 7]) == 1)
        #expect(try primes.toSet() == [3, 5])
        let popped = try primes.pop()
        #expect(popped == 3 || popped == 5)
        _ = try primes.pop()
        #expect(try primes.pop() == nil)
    }

    @Test func algebraStreamsTheRightMembers() throws {
        let (a, b, c) = (uniqueKey("set"), uniqueKey("set"), uniqueKey("set"))
        let redis = try connect()
        try RedisSet<Int>(key: a, redis: redis).add([1, 2, 3, 4])
        try RedisSet<Int>(key: b, redis: redis).add([3, 4, 5])
        try RedisSet<Int>(key: c, redis: redis).add([4, 6])
        let set = RedisSet<Int>(key: a, redis: redis)
        func result(_ operation: SetOperation) throws -> [Int] {
            var cursor = try set.members(of: operation, with: [b, c])
            return try cursor.collect().sorted()
        }
        #expect(try result(.union) == [1, 2, 3, 4, 5, 6])
        #expect(try result(.intersection) == [4])
        #expect(try result(.difference) == [1, 2])
    }

    @Test(arguments: [SetOperation.union, .intersection, .difference])
    func algebraWithAMissingFirstKeyStillChecksTheOthersType(_ operation: SetOperation) throws {
        let missing = uniqueKey("nope")
        let hash = uniqueKey("hash")
        _ = try server.cli("HSET", hash, "f", "1")
        let set = RedisSet<Int>(key: missing, redis: try connect())
        let error = potteryError { () throws(PotteryError) in _ = try set.members(of: operation, with: [hash])
        }
        #expect(error?.redisError?.kind == .server)
        #expect(error?.redisError?.code == "WRONGTYPE")
        #expect(error?.keyName == hash)
        #expect(error?.statusClass == .redis)
        // The connection is still in step.
        #expect(try set.count() == 0)
    }

    @Test func relationsAgainstAWrongTypeKeyFailWithWrongType() throws {
        let missing = uniqueKey("nope")
        let hash = uniqueKey("hash")
        _ = try server.cli("HSET", hash, "f", "1")
        let set = RedisSet<Int>(key: missing, redis: try connect())
        #expect(
            redisError { () throws(PotteryError) in _ = try set.isDisjoint(with: hash) }?.code == "WRONGTYPE")
        #expect(redisError { () throws(PotteryError) in _ = try set.isSubset(of: hash) }?.code == "WRONGTYPE")
        #expect(
            redisError { () throws(PotteryError) in _ = try set.isSuperset(of: hash) }?.code == "WRONGTYPE")
    }

    @Test func relations() throws {
        let (a, b) = (uniqueKey("set"), uniqueKey("set"))
        let redis = try connect()
        let small = RedisSet<Int>(key: a, redis: redis)
        try small.add([1, 2])
        try RedisSet<Int>(key: b, redis: redis).add([1, 2, 3])
        #expect(try small.isSubset(of: b))
        #expect(try !small.isSuperset(of: b))
        #expect(try !small.isDisjoint(with: b))
        #expect(try small.isDisjoint(with: uniqueKey("nope")))
    }
}
