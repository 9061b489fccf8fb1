import PotteryCore
import PotteryJSON
import RedisClient
import RedisTestSupport
import Testing

@Suite struct RedisSetTests {
    let server = RedisServerProcess.shared

    @Test func integersAsPotteryStoresThem() throws {
        let key = uniqueKey("set")
        let primes = RedisSet<Int>(key: key, redis: try connect())
        #expect(try primes.add(contentsOf: [2, 3, 5, 3]) == 3)
        #expect(try !primes.add(5))
        #expect(try server.cli("SISMEMBER", key, "5") == "1")
        #expect(try primes.contains(3))
        #expect(try primes.contains(many: [4, 5, 2, 9]) == [false, true, true, false])
        #expect(try primes.count() == 3)
        #expect(try primes.remove(contentsOf: [2, 2, 7]) == 1)
        #expect(try primes.toSet() == [3, 5])
        let popped = try primes.pop()
        #expect(popped == 3 || popped == 5)
        _ = try primes.pop()
        #expect(try primes.pop() == nil)
    }

    /// `add(_:)` is one element, `add(contentsOf:)` several: a JSON array is one member, as Python
    /// stores it, never spread.
    @Test func oneElementAndManyCannotBeConfused() throws {
        let key = uniqueKey("set")
        let set = RedisSet<JSONValue>(key: key, redis: try connect())
        #expect(try set.add([1, 2]))
        #expect(try server.cli("SMEMBERS", key) == "[1, 2]")
        #expect(try set.add(contentsOf: [1, 2]) == 2)
        #expect(try set.count() == 3)
        #expect(try set.remove([1, 2]))
        #expect(try set.count() == 2)
    }

    @Test func storedAlgebraAndThePythonInPlaceMethods() throws {
        let (a, b, destination) = (uniqueKey("set"), uniqueKey("set"), uniqueKey("set"))
        let redis = try connect()
        let set = RedisSet<Int>(key: a, redis: redis)
        try set.add(contentsOf: [1, 2, 3, 4])
        try RedisSet<Int>(key: b, redis: redis).add(contentsOf: [3, 4, 5])
        var cursor = try set.symmetricDifference(with: Array(b.utf8))
        #expect(try cursor.collect().sorted() == [1, 2, 5])
        #expect(
            try set.store(.symmetricDifference, with: [Array(b.utf8)], into: Array(destination.utf8)) == 3)
        #expect(try RedisSet<Int>(key: destination, redis: redis).toSet() == [1, 2, 5])
        #expect(try set.store(.intersection, with: [Array(b.utf8)], into: Array(destination.utf8)) == 2)
        #expect(try set.formUnion(with: [Array(b.utf8)]) == 5)
        #expect(try set.subtract([Array(destination.utf8)]) == 3)  // {1, 2, 5}
        #expect(try set.formSymmetricDifference(with: Array(b.utf8)) == 4)  // {1, 2, 3, 4}
        #expect(try set.formIntersection(with: [Array(b.utf8)]) == 2)
        #expect(try set.toSet() == [3, 4])
        #expect(throws: PotteryError.self) {
            try set.store(.symmetricDifference, with: [], into: Array(a.utf8))
        }
        // Against literal values: a temporary set in the key's slot, gone afterwards.
        let left = try set.withValueSet(load: { writer in
            for value in ["4", "9"] { try writer.add(Array(value.utf8)) }
            try writer.finish()
        }) { values in try set.store(.difference, with: [values], into: Array(destination.utf8)) }
        #expect(left == 1)
        #expect(try RedisSet<Int>(key: destination, redis: redis).toSet() == [3])
        #expect(try server.cli("KEYS", "*pottery-values*").isEmpty)
    }

    @Test func algebraStreamsTheRightMembers() throws {
        let (a, b, c) = (uniqueKey("set"), uniqueKey("set"), uniqueKey("set"))
        let redis = try connect()
        try RedisSet<Int>(key: a, redis: redis).add(contentsOf: [1, 2, 3, 4])
        try RedisSet<Int>(key: b, redis: redis).add(contentsOf: [3, 4, 5])
        try RedisSet<Int>(key: c, redis: redis).add(contentsOf: [4, 6])
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
        try small.add(contentsOf: [1, 2])
        try RedisSet<Int>(key: b, redis: redis).add(contentsOf: [1, 2, 3])
        #expect(try small.isSubset(of: b))
        #expect(try !small.isSuperset(of: b))
        #expect(try !small.isDisjoint(with: b))
        #expect(try small.isDisjoint(with: uniqueKey("nope")))
    }
}
