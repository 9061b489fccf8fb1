import PotteryCore
import RedisClient
import RedisTestSupport
import Testing

@Suite struct RedisKeyspaceTests {
    let server = RedisServerProcess.shared

    @Test func pingTypeExistsDelete() throws {
        let keyspace = RedisKeyspace(redis: try connect())
        #expect(try keyspace.ping() == b("PONG"))
        let (hash, set) = (uniqueKey("hash"), uniqueKey("set"))
        _ = try server.cli("HSET", hash, "f", "1")
        _ = try server.cli("SADD", set, "1")
        #expect(try keyspace.type(of: hash) == .hash)
        #expect(try keyspace.types(of: [b(set), b(uniqueKey("nope"))]) == [.set, .none])
        #expect(try keyspace.exists(hash))
        #expect(try keyspace.delete([hash, set, uniqueKey("nope")]) == 2)
        #expect(try !keyspace.exists(hash))
    }

    @Test func scanStreamsMatchingKeys() throws {
        let prefix = uniqueKey("scan")
        for index in 0..<250 { _ = try server.cli("SET", "\(prefix):\(index)", "x") }
        let keyspace = RedisKeyspace(redis: try connect())
        var cursor = keyspace.scan(match: b("\(prefix):*"), count: 50)
        var names = Set<String>()
        try cursor.forEach { names.insert(String(decoding: $0, as: UTF8.self)) }
        #expect(names == Set((0..<250).map { "\(prefix):\($0)" }))
    }

    @Test func expiryInMillisecondsAndSeconds() throws {
        let keyspace = RedisKeyspace(redis: try connect())
        let key = uniqueKey("ttl")
        #expect(try keyspace.ttl(b(key)) == .noKey)
        #expect(try !keyspace.expire(b(key), milliseconds: 1000))
        _ = try server.cli("SET", key, "x")
        #expect(try keyspace.pttl(b(key)) == .persistent)
        #expect(try keyspace.expire(b(key), milliseconds: 100_000))
        guard case .expiresIn(let milliseconds) = try keyspace.pttl(b(key)) else {
            Issue.record("no expiry")
            return
        }
        #expect(milliseconds > 90_000 && milliseconds <= 100_000)
        guard case .expiresIn(let seconds) = try keyspace.ttl(b(key)) else {
            Issue.record("no expiry")
            return
        }
        #expect(seconds > 90 && seconds <= 100)
    }

    @Test func nonUTF8KeyNames() throws {
        let keyspace = RedisKeyspace(redis: try connect())
        let key = b(uniqueKey("bytes")) + [0xFF, 0xFE]
        let set = RedisSet<Int>(key: key, redis: keyspace.redis)
        try set.add(1)
        #expect(try keyspace.type(of: key) == .set)
        #expect(try keyspace.exists(key) && !keyspace.exists(String(decoding: key, as: UTF8.self)))
    }

    @Test func theSharedStructureBase() throws {
        let dict = RedisDict<String, Int>(key: uniqueKey("base"), redis: try connect())
        #expect(try !dict.exists)
        #expect(try !dict.expire(seconds: 10))
        try dict.set("a", 1)
        #expect(try dict.exists && dict.ttl == .persistent)
        #expect(try dict.expire(seconds: 10.5))
        guard case .expiresIn(let milliseconds) = try dict.ttl else {
            Issue.record("no expiry")
            return
        }
        #expect(milliseconds > 9000 && milliseconds <= 10_500)
        let error = potteryError { () throws(PotteryError) in _ = try dict.expire(seconds: .infinity) }
        #expect(error?.statusClass == .invalidInput)
        try dict.clear()
        #expect(try !dict.exists && dict.ttl == .noKey)
    }
}
