import Foundation
import PotteryCore
import PotteryJSON
import RedisClient
import RedisTestSupport
import Testing

/// The async forms of every structure but the dict (see ``PooledTests``), over a pool on a real
/// server: each writes what its blocking form writes (checked with redis-cli or the blocking API)
/// and reads it back, streamed reads included; and Python pottery 3.0.1 reads what they wrote.
@Suite struct PooledStructureTests {
    let server = RedisServerProcess.shared

    func pool(_ maximum: Int = 4) throws -> RedisConnectionPool {
        try RedisConnectionPool(url: server.url, maximumConnections: maximum)
    }

    func lines(_ reply: String) -> [String] { reply.split(separator: "\n").map(String.init) }

    @Test func pooledSet() async throws {
        let pool = try pool()
        defer { pool.close() }
        let key = uniqueKey("pooled-set")
        let other = "{\(key)}:other"
        let primes = RedisSet<Int>.pooled(key: key, pool: pool)
        #expect(try await primes.add(contentsOf: [2, 3, 5, 7]) == 4)
        #expect(try await !primes.add(2))
        #expect(try await primes.add(11))
        #expect(try server.cli("SCARD", key) == "5")
        #expect(try server.cli("SISMEMBER", key, "11") == "1")
        #expect(try RedisSet<Int>(key: key, redis: try connect()).contains(7))
        #expect(try await primes.contains(3))
        #expect(try await primes.contains(many: [2, 4, 5]) == [true, false, true])
        #expect(try await primes.count() == 5)
        #expect(try await primes.remove(11))
        #expect(try await primes.remove(contentsOf: [7, 8]) == 1)
        #expect(try await primes.toSet() == [2, 3, 5])

        var streamed: [Int] = []
        for try await prime in primes.members(batchSize: 1) { streamed.append(prime) }
        #expect(streamed.sorted() == [2, 3, 5])

        let odd = RedisSet<Int>.pooled(key: other, pool: pool)
        try await odd.add(contentsOf: [1, 3, 5, 9])
        #expect(try await primes.members(of: .intersection, with: [other]).collect().sorted() == [3, 5])
        #expect(
            try await primes.symmetricDifference(with: Array(other.utf8)).collect().sorted() == [1, 2, 9])
        #expect(try await !primes.isDisjoint(with: other))
        #expect(try await !primes.isSubset(of: other))
        #expect(try await odd.isSuperset(of: Array(other.utf8)))
        let union = "{\(key)}:union"
        #expect(try await primes.store(.union, with: [Array(other.utf8)], into: Array(union.utf8)) == 5)
        #expect(try server.cli("SCARD", union) == "5")
        #expect(try await primes.formIntersection(with: [Array(other.utf8)]) == 2)
        #expect(try await primes.toSet() == [3, 5])
        #expect(try await odd.subtract([Array(key.utf8)]) == 2)
        #expect(try await odd.toSet() == [1, 9])
        #expect(try await odd.formSymmetricDifference(with: Array(union.utf8)) == 3)
        #expect(try await odd.toSet() == [2, 3, 5])
        #expect(try await primes.formUnion(with: [Array(other.utf8)]) == 3)
        let popped = try await primes.pop()
        #expect(popped.map { [2, 3, 5].contains($0) } == true)
        #expect(try await primes.count() == 2)

        // Set algebra checks types first: the blocking form throws before its cursor exists; the
        // streamed form throws at the first `next()`.
        let string = "{\(key)}:string"
        try server.cli("SET", string, "x")
        let error = await #expect(throws: PotteryError.self) {
            _ = try await primes.members(of: .union, with: [string]).collect()
        }
        #expect(error?.redisError?.code == "WRONGTYPE")
        try server.cli("DEL", key, other, union, string)
    }

    @Test func pooledList() async throws {
        let pool = try pool()
        defer { pool.close() }
        let key = uniqueKey("pooled-list")
        let tasks = RedisList<String>.pooled(key: key, pool: pool)
        #expect(try await tasks.extend(["write", "test", "ship"]) == 3)
        #expect(try await tasks.insert("review", at: -1) == 4)
        #expect(try await tasks.append("rest") == 5)
        #expect(
            lines(try server.cli("LRANGE", key, "0", "-1")) == [
                "\"write\"", "\"test\"", "\"review\"", "\"ship\"", "\"rest\"",
            ])
        #expect(try await tasks.count() == 5)
        #expect(try await tasks.item(at: -2) == "ship")
        #expect(try await tasks[0] == "write")
        #expect(try await tasks[9] == nil)
        #expect(try await tasks.set("TEST", at: 1))
        #expect(try await !tasks.set("x", at: 9))
        #expect(try await tasks.pop() == "rest")
        #expect(try await tasks.pop(at: 0) == "write")
        #expect(try await tasks.toArray() == ["TEST", "review", "ship"])
        #expect(try await tasks.firstIndex(of: "ship") == 2)
        #expect(try await tasks.firstIndex(of: "nothing") == nil)
        #expect(try await tasks.count(of: "review") == 1)
        #expect(try await tasks.contains("TEST"))
        try await tasks.reverse()
        #expect(try await tasks.toArray() == ["ship", "review", "TEST"])
        try await tasks.sort()
        #expect(
            try RedisList<String>(key: key, redis: try connect()).toArray() == ["TEST", "review", "ship"])
        try await tasks.replace(PythonSlice(start: 1, stop: 2)!, with: ["a", "b", "c"])
        #expect(try await tasks.toArray() == ["TEST", "a", "b", "c", "ship"])
        #expect(try await tasks.remove("b"))
        #expect(try await !tasks.remove("b"))
        #expect(try await tasks.removeItem(at: -1))
        #expect(try await tasks.removeItems(in: PythonSlice(start: 0, stop: 1)!) == 1)
        #expect(try await tasks.toArray() == ["a", "c"])

        let numbers = RedisList<Int>.pooled(key: key + ":n", pool: pool)
        try await numbers.extend(Array(0..<100))
        var everyOther: [Int] = []
        for try await number in numbers.items(in: PythonSlice(step: -2)!, batchSize: 7) {
            everyOther.append(number)
        }
        #expect(everyOther == Array(stride(from: 99, through: 1, by: -2)))
        #expect(try await numbers.items(batchSize: 10).collect() == Array(0..<100))
        try await tasks.clear()
        try await numbers.clear()
        #expect(try server.cli("EXISTS", key, key + ":n") == "0")
    }

    @Test func pooledDeque() async throws {
        let pool = try pool()
        defer { pool.close() }
        let key = uniqueKey("pooled-deque")
        let recent = RedisDeque<Int>.pooled(key: key, pool: pool, maxlen: 3)
        #expect(try await recent.extend([1, 2, 3, 4]) == 3)
        #expect(lines(try server.cli("LRANGE", key, "0", "-1")) == ["2", "3", "4"])
        #expect(try await recent.appendLeft(1) == 3)
        #expect(lines(try server.cli("LRANGE", key, "0", "-1")) == ["1", "2", "3"])
        #expect(try await recent.extendLeft([9, 8]) == 3)
        #expect(try await recent.toArray() == [8, 9, 1])
        // The list's forms keep the deque's bound: a full deque refuses an insert.
        let error = await #expect(throws: PotteryError.self) { try await recent.insert(0, at: 1) }
        guard case .invalidValue? = error?.kind else {
            Issue.record("expected .invalidValue, got \(String(describing: error))")
            return
        }
        try await recent.rotate()
        #expect(try await recent.toArray() == [1, 8, 9])
        try await recent.rotate(-1)
        #expect(try RedisDeque<Int>(key: key, redis: try connect()).toArray() == [8, 9, 1])
        #expect(try await recent.popLeft() == 8)
        #expect(try await recent.pop() == 1)
        #expect(try await recent.pop(at: 0) == 9)
        #expect(try await recent.popLeft() == nil)

        let unbounded = RedisDeque<Int>.pooled(key: key, pool: pool)
        #expect(try await unbounded.extend(Array(1...10)) == 10)
        #expect(try await unbounded.insert(0, at: 0) == 11)
        var streamed: [Int] = []
        for try await item in unbounded.items(batchSize: 4) { streamed.append(item) }
        #expect(streamed == Array(0...10))
        try await unbounded.clear()
        #expect(try server.cli("EXISTS", key) == "0")
    }

    @Test func pooledCounter() async throws {
        let pool = try pool()
        defer { pool.close() }
        let key = uniqueKey("pooled-counter")
        let words = RedisCounter<String>.pooled(key: key, pool: pool)
        try await words.update(["a", "b", "a"])
        #expect(try server.cli("HGET", key, "\"a\"") == "2")
        #expect(try await words.increment("b", by: 5) == 6)
        #expect(try await words.count(of: "b") == 6)
        #expect(try await words["a"] == 2)
        #expect(try await words["nothing"] == 0)
        try await words.set("c", count: 3)
        #expect(try RedisCounter<String>(key: key, redis: try connect()).count(of: "c") == 3)
        try await words.subtract(["c"])
        try await words.update(counts: [("d", 4), ("a", 1)])
        try await words.subtract(counts: [("d", 5)])
        #expect(try server.cli("HGET", key, "\"d\"") == "-1")
        #expect(try await words.count() == 4)
        #expect(try await words.total() == 3 + 6 + 2 - 1)
        #expect(try await words.mostCommon(2).map { "\($0.0)=\($0.1)" } == ["b=6", "a=3"])

        var items: [String: Int] = [:]
        for try await (word, count) in words.items(batchSize: 1) { items[word] = count }
        #expect(items == ["a": 3, "b": 6, "c": 2, "d": -1])
        #expect(
            try await words.elements().collect().sorted() == [
                "a", "a", "a", "b", "b", "b", "b", "b", "b", "c", "c",
            ])

        let other = "{\(key)}:other"
        let more = RedisCounter<String>.pooled(key: other, pool: pool)
        try await more.update(counts: [("a", 10), ("e", 1)])
        let sum = try await words.combined(.plus, with: Array(other.utf8))
        #expect(Dictionary(uniqueKeysWithValues: sum) == ["a": 13, "b": 6, "c": 2, "e": 1])
        #expect(try await words.store(.negative, into: Array(other.utf8)) == 1)
        #expect(try server.cli("HGET", other, "\"d\"") == "1")
        #expect(try await words.remove(["d", "zz"]) == 1)
        #expect(try await words.count() == 3)
        try await words.clear()
        try await more.clear()
        #expect(try server.cli("EXISTS", key, other) == "0")
    }

    @Test func pooledQueue() async throws {
        let pool = try pool()
        defer { pool.close() }
        let key = uniqueKey("pooled-queue")
        let jobs = RedisSimpleQueue<String>.pooled(key: key, pool: pool)
        #expect(try await jobs.isEmpty())
        #expect(try await jobs.get(timeout: 0) == nil)
        #expect(try await !jobs.waitForItems(milliseconds: 20))
        try await jobs.put("one")
        try await jobs.put(["two", "three", "four"])
        #expect(try server.cli("XLEN", key) == "4")
        #expect(try server.cli("XRANGE", key, "-", "+", "COUNT", "1").hasSuffix("item\n\"one\""))
        #expect(try await jobs.size() == 4)
        #expect(try await jobs.waitForItems(milliseconds: 1000))
        #expect(try await jobs.getNowait() == "one")
        #expect(try await jobs.take(max: 2) == ["two", "three"])
        try server.cli("XADD", key, "*", "other", "x")
        let batch = try await jobs.takeBatch(max: 5)
        #expect(batch.items == ["four"] && batch.foreignEntries == 1)
        #expect(try RedisSimpleQueue<String>(key: key, redis: try connect()).size() == 1)

        // A task waits in get (holding a pooled connection, not a thread of the pool), and is woken
        // by another task's put.
        let waiting = Task { try await jobs.get(timeout: 600) }
        let deadline = Date().addingTimeInterval(120)
        while try !server.cli("CLIENT", "LIST").contains("cmd=xread") {
            guard Date() < deadline else { throw TestSupportError("the queue get never waited") }
            try await Task.sleep(for: .milliseconds(10))
        }
        try await jobs.put("five")
        #expect(try await waiting.value == "five")
        try await jobs.clear()
    }

    @Test func pooledBloomFilter() async throws {
        let pool = try pool()
        defer { pool.close() }
        let key = uniqueKey("pooled-bloom")
        let dilberts = try BloomFilter<String>.pooled(key: key, pool: pool, capacity: 100, errorRate: 0.01)
        try await dilberts.remember()
        let parameters = try await BloomFilter<String>.rememberedParameters(key: Array(key.utf8), pool: pool)
        let given = try BloomFilterParameters(capacity: 100, errorRate: 0.01)
        #expect(parameters == given)
        try await dilberts.add("rajiv")
        try await dilberts.add(contentsOf: ["raj", "dan"])
        let blocking = try BloomFilter<String>(key: key, redis: try connect(), capacity: 100, errorRate: 0.01)
        #expect(try blocking.contains(many: ["rajiv", "raj", "dan"]) == [true, true, true])
        #expect(try await dilberts.contains("dan"))
        #expect(try await !dilberts.contains("dilbert"))
        #expect(try await dilberts.contains(many: ["raj", "wally"]) == [true, false])
        let bits = try await dilberts.setBitCount()
        #expect(bits > 0)
        #expect(try server.cli("BITCOUNT", key) == String(bits))
        #expect(try await dilberts.approximateCount() == 3)
        // The filter's own clear: the bitmap and the remembered parameters both go.
        try await dilberts.clear()
        #expect(try server.cli("EXISTS", key, String(decoding: blocking.parametersKey, as: UTF8.self)) == "0")
        try await dilberts.add("x")
        try await dilberts.remember()
        try await BloomFilter<String>.delete(key: Array(key.utf8), pool: pool)
        #expect(try await BloomFilter<String>.rememberedParameters(key: Array(key.utf8), pool: pool) == nil)
        #expect(try server.cli("EXISTS", key) == "0")
    }

    @Test func pooledHyperLogLog() async throws {
        let pool = try pool()
        defer { pool.close() }
        let key = uniqueKey("pooled-hll")
        let searches = HyperLogLog<String>.pooled(key: key, pool: pool)
        #expect(try await searches.add(contentsOf: ["sonic", "pac-man"]))
        #expect(try await searches.add("zelda"))
        #expect(try await !searches.add("zelda"))
        #expect(try server.cli("PFCOUNT", key) == "3")
        #expect(try HyperLogLog<String>(key: key, redis: try connect()).contains("sonic"))
        #expect(try await searches.count() == 3)
        #expect(try await searches.contains("pac-man"))
        #expect(try await searches.contains(many: ["zelda", "mario"]) == [true, false])
        #expect(try await searches.contains(stored: [Array("\"sonic\"".utf8)]) == [true])
        let other = "{\(key)}:other"
        let more = HyperLogLog<String>.pooled(key: other, pool: pool)
        try await more.add(contentsOf: ["mario", "sonic"])
        try await searches.merge(from: [Array(other.utf8)])
        #expect(try await searches.count() == 4)
        #expect(try await searches.contains("mario"))
        // What every structure has: existence and expiry.
        #expect(try await searches.exists)
        #expect(try await searches.ttl == .persistent)
        #expect(try await searches.expire(seconds: 100))
        guard case .expiresIn(let left) = try await searches.ttl, left > 0, left <= 100_000 else {
            Issue.record("no expiry after expire(seconds:)")
            return
        }
        #expect(try server.cli("TTL", key) != "-1")
        try await searches.clear()
        #expect(try await !searches.exists)
        #expect(try await searches.ttl == .noKey)
        try await more.clear()
        #expect(try server.cli("EXISTS", key, other) == "0")
    }

    @Test func pooledCachedOrderedDict() async throws {
        let pool = try pool()
        defer { pool.close() }
        let key = uniqueKey("pooled-cache")
        let docs = CachedOrderedDict<Int, String>.pooled(key: key, pool: pool, ttlMilliseconds: 60_000)
        #expect(try await docs.values(for: [1, 2]) == [nil, nil])
        try await docs.update([(1, "one"), (2, "two")])
        #expect(try server.cli("HGET", key, "1") == "\"one\"")
        let ttl = try #require(Int(try server.cli("PTTL", key)))
        #expect(ttl > 0 && ttl <= 60_000)
        #expect(try await docs.values(for: [2, 3, 1]) == ["two", nil, "one"])
        #expect(try await docs.misses([3, 1, 3, 4]) == [3, 4])
        try await docs.set(3, "three")
        #expect(try await docs.setDefault(3, "other") == "three")
        #expect(try await docs.setDefault(4, "four") == "four")
        let blocking = CachedOrderedDict<Int, String>(key: key, redis: try connect())
        #expect(try blocking.values(for: [3, 4]) == ["three", "four"])
        try server.cli("PERSIST", key)
        try await docs.renew()
        #expect((Int(try server.cli("PTTL", key)) ?? -1) > 0)
        try await docs.clear()
        #expect(try server.cli("EXISTS", key) == "0")
    }

    /// Every structure written through the async API, then read by Python pottery 3.0.1 (the
    /// repository's venv, which scripts/test makes) with its own classes: the same values.
    @Test func pythonPotteryReadsWhatTheAsyncFormsWrote() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let python = root.appendingPathComponent(".build/venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("no \(python): run scripts/test, which makes the venv with pottery 3.0.1 first")
            return
        }
        let pool = try pool()
        defer { pool.close() }
        let base = uniqueKey("pooled-interop")
        func key(_ name: String) -> String { "{\(base)}:\(name)" }

        try await RedisDict<String, Int>.pooled(key: key("dict"), pool: pool).update([("a", 1), ("b", 2)])
        try await RedisSet<String>.pooled(key: key("set"), pool: pool).add(contentsOf: ["x", "y"])
        try await RedisList<JSONValue>.pooled(key: key("list"), pool: pool).extend([
            .string("a"), .integer("1"), .bool(true), .null,
        ])
        try await RedisDeque<Int>.pooled(key: key("deque"), pool: pool, maxlen: 2).extend([1, 2, 3])
        try await RedisCounter<String>.pooled(key: key("counter"), pool: pool).update(["a", "b", "a"])
        try await RedisSimpleQueue<String>.pooled(key: key("queue"), pool: pool).put(["first", "second"])
        let bloom = try BloomFilter<String>.pooled(
            key: key("bloom"), pool: pool, capacity: 100, errorRate: 0.01)
        try await bloom.add(contentsOf: ["rajiv", "raj"])
        try await HyperLogLog<String>.pooled(key: key("hll"), pool: pool).add(contentsOf: ["s", "p", "s"])
        try await CachedOrderedDict<String, Int>.pooled(key: key("cache"), pool: pool).update([("k", 7)])

        let script = """
            import json, sys
            import redis
            from pottery import (BloomFilter, CachedOrderedDict, HyperLogLog, RedisCounter, RedisDeque,
                                 RedisDict, RedisList, RedisSet, RedisSimpleQueue)
            r = redis.Redis.from_url(sys.argv[1])
            k = lambda name: '{%s}:%s' % (sys.argv[2], name)
            queue = RedisSimpleQueue(redis=r, key=k('queue'))
            bloom = BloomFilter(num_elements=100, false_positives=0.01, redis=r, key=k('bloom'))
            hll = HyperLogLog(redis=r, key=k('hll'))
            print(json.dumps({
                'dict': dict(RedisDict(redis=r, key=k('dict'))),
                'set': sorted(RedisSet(redis=r, key=k('set'))),
                'list': list(RedisList(redis=r, key=k('list'))),
                'deque': list(RedisDeque(redis=r, key=k('deque'))),
                'counter': dict(RedisCounter(redis=r, key=k('counter'))),
                'queue': [queue.get(block=False) for _ in range(queue.qsize())],
                'bloom': [len(bloom), 'rajiv' in bloom, 'raj' in bloom, 'dilbert' in bloom],
                'hll': [len(hll), 's' in hll, 'p' in hll],
                'cache': dict(CachedOrderedDict(redis_client=r, redis_key=k('cache'), dict_keys=['k'])),
            }, sort_keys=True))
            """
        let result = await runOffThePool(python, ["-c", script, server.url, base])
        try #require(result.status == 0, "python: \(result.stderrText)")
        let read = try JSON.parse(Array(result.stdoutText.utf8))
        let expected = try JSON.parse(
            Array(
                #"""
                {"bloom": [2, true, true, false], "cache": {"k": 7}, "counter": {"a": 2, "b": 1},
                 "deque": [2, 3], "dict": {"a": 1, "b": 2}, "hll": [2, true, true],
                 "list": ["a", 1, true, null], "queue": ["first", "second"], "set": ["x", "y"]}
                """#.utf8))
        #expect(read == expected)
        try server.cli(
            "DEL", key("dict"), key("set"), key("list"), key("deque"), key("counter"), key("queue"),
            key("bloom"), key("hll"), key("cache"))
    }

    /// Runs a process on a thread of its own, so that waiting for it holds no thread of the
    /// cooperative pool.
    func runOffThePool(_ executable: String, _ arguments: [String]) async -> ProcessResult {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: runProcess(executable, arguments, timeout: 60)) }.start()
        }
    }
}
