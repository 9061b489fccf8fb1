import PotteryCore
import RedisClient
import RedisTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct RedisCacheTests {
    let server = RedisServerProcess.shared

    @Test func sha256MatchesTheStandardVectors() {
        func hex(_ parts: [[UInt8]]) -> String {
            var hash = SHA256()
            for part in parts { hash.update(part) }
            return hash.hexDigest()
        }
        #expect(hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex([b("abc")]) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = b("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        #expect(hex([long]) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Fed in uneven pieces across block boundaries, the digest is the same.
        let bytes = (0..<1000).flatMap { _ in (0...255).map(UInt8.init) }
        let expected = "b57b64b198d5d59ce5a22a9b9f25e72a7d081476d432051aa923f3dbebb90934"
        #expect(hex([bytes]) == expected)
        #expect(
            hex([Array(bytes[..<1]), Array(bytes[1..<63]), Array(bytes[63..<200]), Array(bytes[200...])])
                == expected)
    }

    @Test func entryIdentityIsTheDocumentedDigest() {
        // Computed with Python's hashlib from the README's recipe.
        #expect(
            CacheEntryID(arguments: [b("echo"), b("hello")]).description
                == "bb495007f2eaf5133753e40a70e6a5d9dcbbe2026e5b58425010c99fdd26d1fc")
        #expect(
            CacheEntryID(arguments: [b("cat")], input: b("abc")).description
                == "6e2c89022c8f03e1eaf0a90b63b586dbdfb3f70ffb1471f53b0fc3dffcda0211")
        // Empty input is part of the key; no input is not.
        #expect(
            CacheEntryID(arguments: [b("cat")], input: []).description
                == "d5d5d851d5c2c6e52b8c7f94e170b076e48b51c02482ccff5276379b05b9fda4")
        #expect(CacheEntryID(arguments: [b("cat")]) != CacheEntryID(arguments: [b("cat")], input: []))
        // Argument boundaries matter.
        #expect(CacheEntryID(arguments: [b("ab"), b("c")]) != CacheEntryID(arguments: [b("a"), b("bc")]))
        #expect(
            CacheEntryID(arguments: [b("cat"), b("x")]) != CacheEntryID(arguments: [b("cat")], input: b("x")))
    }

    @Test func storedRunFormat() {
        let run = CachedRun(status: 7, output: [0, 0x0A, 0xFF])
        #expect(run.stored == [0x37, 0x0A, 0, 0x0A, 0xFF])
        #expect(CachedRun(stored: run.stored) == run)
        #expect(CachedRun(stored: b("256\nx")) == nil)
        #expect(CachedRun(stored: b("\nx")) == nil)
        #expect(CachedRun(stored: b("x\n")) == nil)
        #expect(CachedRun(stored: b("0")) == nil)
        #expect(CachedRun(stored: b("255\n")) == CachedRun(status: 255, output: []))
    }

    @Test func lookupStoreAndStatsAreShared() throws {
        let key = uniqueKey("cache")
        let cache = RedisCache(key: key, redis: try connect(), ttlMilliseconds: 30_000)
        let other = RedisCache(key: key, redis: try connect(), ttlMilliseconds: 30_000)
        let entry = CacheEntryID(arguments: [b("report"), b("2024")])
        #expect(try cache.lookup(entry) == nil)
        try cache.store(CachedRun(status: 0, output: [1, 2, 3]), for: entry)
        #expect(try other.lookup(entry) == CachedRun(status: 0, output: [1, 2, 3]))
        #expect(try cache.cacheInfo() == CacheInfo(hits: 1, misses: 1, currsize: 1, ttlMilliseconds: 30_000))
        let ttl = Int(try server.cli("PTTL", key)) ?? 0
        #expect(ttl > 25_000 && ttl <= 30_000)
        #expect(try cache.forget(entry))
        #expect(try !cache.forget(entry))
        try cache.clear()
        #expect(try server.cli("EXISTS", key, "{" + key + "}:cache-stats") == "0")
        #expect(try cache.cacheInfo() == CacheInfo(hits: 0, misses: 0, currsize: 0, ttlMilliseconds: 60_000))
    }

    /// A server that lost its scripts (a restart, SCRIPT FLUSH) is given them again: a hit stays a hit.
    @Test func lookupSurvivesAScriptFlush() throws {
        let own = try RedisServerProcess.start()
        defer { own.stop() }
        let cache = RedisCache(key: "k", redis: try connect(own))
        let entry = CacheEntryID(arguments: [b("x")])
        try cache.store(CachedRun(status: 0, output: b("kept")), for: entry)
        #expect(try own.cli("SCRIPT", "FLUSH") == "OK")
        #expect(try cache.lookup(entry)?.output == b("kept"))
        #expect(try own.cli("SCRIPT", "FLUSH") == "OK")
        #expect(try cache.lookup(CacheEntryID(arguments: [b("y")])) == nil)
        #expect(try cache.cacheInfo() == CacheInfo(hits: 1, misses: 1, currsize: 1, ttlMilliseconds: 60_000))
    }

    @Test func noExpiryAndMalformedEntries() throws {
        let key = uniqueKey("cache")
        let cache = RedisCache(key: key, redis: try connect(), ttlMilliseconds: 0)
        let entry = CacheEntryID(arguments: [b("x")])
        _ = try server.cli("HSET", key, entry.description, "not an entry")
        _ = try server.cli("PEXPIRE", key, "100000")
        #expect(try cache.lookup(entry) == nil)  // a miss, not a wrong answer
        try cache.store(CachedRun(status: 0, output: b("fresh")), for: entry)
        #expect(try server.cli("PTTL", key) == "-1")
        #expect(try cache.lookup(entry)?.output == b("fresh"))
        _ = try server.cli("SET", key, "a string")
        #expect(redisError { () throws(PotteryError) in _ = try cache.lookup(entry) }?.code == "WRONGTYPE")
        _ = try server.cli("DEL", key, "{" + key + "}:cache-stats")
    }

    @Test func memoizeRunsTheFunctionOnce() throws {
        let cache = RedisCache(key: uniqueKey("cache"), redis: try connect())
        var calls = 0
        for _ in 0..<3 {
            let total: [String: Int] = try cache.memoize(["total", "2024"]) {
                calls += 1
                return ["total": 4098]
            }
            #expect(total == ["total": 4098])
        }
        #expect(calls == 1)
        let fresh: [String: Int] = try cache.bypass(["total", "2024"]) {
            calls += 1
            return ["total": 1]
        }
        #expect(fresh == ["total": 1] && calls == 2)
        let cached: [String: Int] = try cache.memoize(["total", "2024"]) { ["total": -1] }
        #expect(cached == ["total": 1])
        let info = try cache.cacheInfo()
        #expect(info.hits == 3 && info.misses == 2)
        try cache.clear()
    }

    @Test func contextTimerFollowsPotteryRules() throws {
        let timer = ContextTimer()
        #expect(throws: ContextTimer.Failure.notStarted) { _ = try timer.elapsed() }
        #expect(throws: ContextTimer.Failure.notStarted) { try timer.stop() }
        try timer.start()
        #expect(throws: ContextTimer.Failure.alreadyStarted) { try timer.start() }
        #expect(timer.isRunning)
        try timer.stop()
        #expect(throws: ContextTimer.Failure.alreadyStopped) { try timer.stop() }
        #expect(throws: ContextTimer.Failure.alreadyStopped) { try timer.start() }
        let frozen = timer.milliseconds
        #expect(frozen >= 0 && timer.milliseconds == frozen)
        #expect(try timer.elapsed() == Int(frozen.rounded()))

        var inside = -1.0
        let measured = ContextTimer.measure { timer in
            var pause = timespec(tv_sec: 0, tv_nsec: 30_000_000)
            nanosleep(&pause, nil)
            inside = timer.milliseconds
            #expect(timer.isRunning)
        }
        #expect(inside >= 30 && measured.milliseconds >= inside && !measured.isRunning)
        let plain = ContextTimer.measure {}
        #expect(plain.milliseconds >= 0 && plain.milliseconds < 1000)
        struct Boom: Error {}
        #expect(throws: Boom.self) { try ContextTimer.measure { throw Boom() } }
    }
}
