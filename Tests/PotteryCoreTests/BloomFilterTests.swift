import PotteryCore
import PotteryJSON
import RedisClient
import RedisTestSupport
import Testing

@Suite struct BloomFilterTests {
    let server = RedisServerProcess.shared

    @Test func specCheckValues() throws {
        let parameters = try BloomFilterParameters(capacity: 100, errorRate: 0.01)
        #expect(parameters.bits == 959 && parameters.hashes == 7)
        #expect(parameters.offsets(of: b("\"rajiv\"")) == [183, 319, 787, 585, 8, 471, 711])
        // pottery's docstring: 'raj' and 'dan'.
        #expect(parameters.offsets(of: b("\"raj\"")) == [482, 875, 725, 667, 109, 714, 595])
        #expect(parameters.offsets(of: b("\"dan\"")) == [687, 925, 954, 707, 615, 914, 620])
    }

    @Test func murmurMatchesReferenceVectors() {
        // Vectors of the reference implementation (and of Python's mmh3.hash, signed).
        #expect(MurmurHash3.signed32([], seed: 0) == 0)
        #expect(MurmurHash3.signed32([], seed: 1) == 0x514E_28B7)
        #expect(MurmurHash3.signed32(b("\"rajiv\""), seed: 0) == -768_575_023)
        #expect(MurmurHash3.signed32(b("foo"), seed: 0) == -156_908_512)
        #expect(MurmurHash3.signed32(b("Hello, world!"), seed: 1234) == -84_488_781)
    }

    @Test func parametersRejectWhatPotteryCannotStore() {
        for (n, p) in [
            (0, 0.1), (-1, 0.1), (10, 0.0), (10, 1.0), (10, 1.5), (10, -0.1), (10, .nan), (10, .infinity),
        ] {
            #expect(throws: PotteryError.self) { try BloomFilterParameters(capacity: n, errorRate: p) }
        }
        // m above 2^32 bits: a Redis string cannot hold it.
        #expect(throws: PotteryError.self) {
            try BloomFilterParameters(capacity: 500_000_000, errorRate: 0.01)
        }
        #expect(throws: PotteryError.self) { try BloomFilterParameters(capacity: Int.max, errorRate: 0.5) }
        #expect(throws: PotteryError.self) { try BloomFilterParameters(capacity: 1 << 53, errorRate: 1e-300) }
        #expect((try? BloomFilterParameters(capacity: 1, errorRate: .leastNonzeroMagnitude))?.hashes == 1075)
    }

    @Test func approximateCountIsPotterysAndSaturationIsNil() throws {
        let parameters = try BloomFilterParameters(capacity: 100, errorRate: 0.01)
        #expect(parameters.approximateCount(setBits: 0) == 0)
        #expect(parameters.approximateCount(setBits: 7) == 1)
        #expect(parameters.approximateCount(setBits: 958) == 940)
        #expect(parameters.approximateCount(setBits: 959) == nil)
        #expect(parameters.approximateCount(setBits: 5000) == nil)
    }

    @Test func addContainsCountClear() throws {
        let key = uniqueKey("bf")
        let redis = try connect()
        let dilberts = try BloomFilter<String>(key: key, redis: redis, capacity: 100, errorRate: 0.01)
        try dilberts.add("rajiv")
        #expect(try dilberts.contains("rajiv"))
        #expect(try !dilberts.contains("raj"))
        #expect(try dilberts.approximateCount() == 1)
        try dilberts.add(contentsOf: ["raj", "dan"])
        #expect(try dilberts.approximateCount() == 3)
        #expect(try dilberts.contains(many: ["dan", "x", "rajiv"]) == [true, false, true])
        try dilberts.remember()
        #expect(try server.cli("GET", "{\(key)}:pottery-bloom") == #"{"capacity": 100, "error_rate": 0.01}"#)
        try dilberts.clear()
        #expect(try server.cli("EXISTS", key, "{\(key)}:pottery-bloom") == "0")
    }

    @Test func rememberedParametersAndContradictions() throws {
        let key = b(uniqueKey("bf"))
        let redis = try connect()
        #expect(try BloomFilter<StoredValue>.rememberedParameters(key: key, redis: redis) == nil)
        let first = BloomFilter<StoredValue>(
            key: key, redis: redis, parameters: try BloomFilterParameters(capacity: 1000, errorRate: 0.001))
        try first.remember()
        try first.remember()
        #expect(try BloomFilter<StoredValue>.rememberedParameters(key: key, redis: redis) == first.parameters)
        let other = BloomFilter<StoredValue>(
            key: key, redis: redis, parameters: try BloomFilterParameters(capacity: 1000, errorRate: 0.01))
        let error = potteryError { () throws(PotteryError) in try other.remember() }
        #expect(error?.statusClass == .invalidInput)
        // Garbage in the companion key is unreadable data, not silently replaced.
        _ = try server.cli("SET", String(decoding: first.parametersKey, as: UTF8.self), "{\"capacity\": 0}")
        #expect(throws: PotteryError.self) {
            try BloomFilter<StoredValue>.rememberedParameters(key: key, redis: redis)
        }
    }

    /// Parameters another process remembered between our read and our write, contradicting ours:
    /// the adder's one script finds them before it writes a bit.
    @Test func parametersRememberedMeanwhileThatContradictWriteNothing() throws {
        let key = b(uniqueKey("bf"))
        let redis = try connect()
        let filter = BloomFilter<StoredValue>(
            key: key, redis: redis, parameters: try BloomFilterParameters(capacity: 100, errorRate: 0.01))
        let adder = filter.bulkAdder(atomic: false, remembering: true)
        try adder.add(stored: b("\"rajiv\""))
        let companion = String(decoding: filter.parametersKey, as: UTF8.self)
        _ = try server.cli("SET", companion, #"{"capacity": 5, "error_rate": 0.1}"#)
        let error = potteryError { () throws(PotteryError) in try adder.finish() }
        #expect(error?.statusClass == .invalidInput)
        #expect(try server.cli("EXISTS", String(decoding: key, as: UTF8.self)) == "0")
        #expect(try server.cli("GET", companion) == #"{"capacity": 5, "error_rate": 0.1}"#)
        // The same parameters remembered meanwhile: the bits go in, the companion key unchanged.
        _ = try server.cli("SET", companion, #"{"capacity": 100, "error_rate": 0.01}"#)
        let again = filter.bulkAdder(atomic: false, remembering: true)
        try again.add(stored: b("\"rajiv\""))
        try again.finish()
        #expect(try filter.contains(StoredValue(bytes: b("\"rajiv\""))))
        // Fresh: the parameters are remembered with the bits.
        let fresh = BloomFilter<StoredValue>(
            key: b(uniqueKey("bf")), redis: redis, parameters: filter.parameters)
        let adder3 = fresh.bulkAdder(atomic: false, remembering: true)
        try adder3.finish()
        #expect(
            try server.cli("GET", String(decoding: fresh.parametersKey, as: UTF8.self))
                == #"{"capacity": 100, "error_rate": 0.01}"#)
        #expect(try server.cli("EXISTS", String(decoding: fresh.keyBytes, as: UTF8.self)) == "0")
    }

    /// Redis 6.2 rejects `SET NX GET` as a syntax error (having written nothing): `remember()` then
    /// sends `SET NX`, and `GET` only when that did not set.
    @Test func rememberOnAServerWithoutSetNXGet() throws {
        let fake = try FakeRedisServer { arguments in
            let words = arguments.map { String(decoding: $0, as: UTF8.self) }
            switch words.first?.uppercased() {
            case "SET" where words.count > 4: return .error("ERR syntax error")
            case "SET": return words[1].contains("taken") ? .raw(Array("$-1\r\n".utf8)) : .ok
            case "GET": return .bulk(#"{"capacity": 5, "error_rate": 0.1}"#)
            default: return .ok
            }
        }
        defer { fake.stop() }
        let redis = try RedisConnection(url: RedisURL(parsing: fake.url))
        let parameters = try BloomFilterParameters(capacity: 100, errorRate: 0.01)
        try BloomFilter<StoredValue>(key: b("fresh"), redis: redis, parameters: parameters).remember()
        let taken = BloomFilter<StoredValue>(key: b("taken"), redis: redis, parameters: parameters)
        let error = potteryError { () throws(PotteryError) in try taken.remember() }
        #expect(error?.statusClass == .invalidInput)
        let sent = fake.commands.filter { ["SET", "GET"].contains($0.first?.uppercased()) }.map {
            $0.count > 4 ? "SET NX GET" : $0.count > 2 ? "SET NX" : "GET"
        }
        #expect(sent == ["SET NX GET", "SET NX", "SET NX GET", "SET NX", "GET"])
    }

    @Test func companionKeysShareTheSlot() {
        #expect(SameSlotKey.helper(for: b("dilberts"), suffix: b(":x")) == b("{dilberts}:x"))
        #expect(SameSlotKey.helper(for: b("user:{42}:seen"), suffix: b(":x")) == b("user:{42}:seen:x"))
        #expect(SameSlotKey.hashedPart(of: b("{dilberts}:x")) == b("dilberts")[...])
        #expect(SameSlotKey.hashedPart(of: b("user:{42}:seen:x")) == b("42")[...])
        // A key hashed whole that no tag can spell (a `}`, an empty tag, empty): a tag that
        // hashes to its slot, found by search, then the key.
        for key in ["a{}b", "}", "x}", "{}", "}{", "{}x", "", "a}b"] {
            let helper = SameSlotKey.helper(for: b(key), suffix: b(":x"))
            #expect(ClusterSlot.of(helper) == ClusterSlot.of(key), "\(key)")
            #expect(
                helper.starts(with: b("{"))
                    && helper.suffix(key.utf8.count + 11) == b(key + ":x:untagged")[...])
            // Never the helper of the key literally named `{N}KEY` (same slot, tagged).
            let spelled = b("{" + tagOf(key) + "}" + key)
            #expect(SameSlotKey.helper(for: spelled, suffix: b(":x")) != helper)
        }
        #expect(SameSlotKey.helper(for: b("}"), suffix: b(":x")) == b("{\(tagOf("}"))}}:x:untagged"))
        #expect(SameSlotKey.helper(for: b("{"), suffix: b(":x")) == b("{{}:x"))
        #expect(
            SameSlotKey.scratch(for: b("x}"), label: "l").prefix(while: { $0 != UInt8(ascii: "}") }).count > 1
        )
        #expect(ClusterSlot.of(SameSlotKey.scratch(for: b("x}"), label: "l")) == ClusterSlot.of("x}"))
    }

    /// The tag `SameSlotKey` finds for `key`'s slot.
    func tagOf(_ key: String) -> String {
        String(decoding: SameSlotKey.tag(forSlot: ClusterSlot.of(key)), as: UTF8.self)
    }

    @Test func everySlotHasATagBelow110000() {
        var covered = Set<Int>()
        for number in 0..<110_000 { covered.insert(ClusterSlot.of(String(number))) }
        #expect(covered.count == ClusterSlot.count)
        for slot in [0, 1, 8191, 16383] {
            let tag = SameSlotKey.tag(forSlot: slot)
            #expect(ClusterSlot.of(tag) == slot && tag.allSatisfy { (0x30...0x39).contains($0) })
        }
    }

    @Test func falsePositiveRateStaysWithinTheBound() throws {
        let key = uniqueKey("bf")
        let filter = try BloomFilter<Int>(key: key, redis: try connect(), capacity: 5000, errorRate: 0.01)
        try filter.add(contentsOf: Array(0..<5000))
        #expect(try filter.contains(many: Array(0..<5000)).allSatisfy { $0 })
        let probes = try filter.contains(many: Array(1_000_000..<1_005_000))
        let falsePositives = probes.filter { $0 }.count
        // 1% of 5000 is 50; the binomial's spread at that rate is about 7.
        #expect(falsePositives <= 75, "\(falsePositives) false positives in 5000 probes")
    }

    @Test func largeFiltersStreamThroughThePipeline() throws {
        let key = b(uniqueKey("bf"))
        let parameters = try BloomFilterParameters(capacity: 10_000_000, errorRate: 0.01)
        #expect(parameters.bits > BloomBulkAdder.localBitmapLimit)
        let filter = BloomFilter<StoredValue>(key: key, redis: try connect(), parameters: parameters)
        let values = (0..<3000).map { b("\"v\($0)\"") }
        let adder = filter.bulkAdder(atomic: true)
        for value in values { try adder.add(stored: value) }
        try adder.finish()
        var expected = Set<Int>()
        for value in values { expected.formUnion(parameters.offsets(of: value)) }
        #expect(try filter.setBitCount() == expected.count)
        #expect(
            try server.cli("STRLEN", String(decoding: key, as: UTF8.self)) == "\(expected.max()! / 8 + 1)")
        #expect(
            try filter.contains(many: [StoredValue(bytes: values[7]), StoredValue(bytes: b("0"))]) == [
                true, false,
            ])
    }

    @Test func bulkAdderWritesPottersBitmapAndAtomicAbortWritesNothing() throws {
        let key = b(uniqueKey("bf"))
        let redis = try connect()
        let parameters = try BloomFilterParameters(capacity: 20000, errorRate: 0.001)
        let filter = BloomFilter<StoredValue>(key: key, redis: redis, parameters: parameters)
        let adder = filter.bulkAdder(atomic: true)
        for i in 0..<20000 { try adder.add(stored: b("\(i)")) }
        adder.abort()
        #expect(try server.cli("EXISTS", String(decoding: key, as: UTF8.self)) == "0")
        let real = filter.bulkAdder(atomic: false)
        for i in 0..<20000 { try real.add(stored: b("\(i)")) }
        try real.finish()
        #expect(real.bitsSent < 20000 * parameters.hashes)
        var expected = Set<Int>()
        for i in 0..<20000 { expected.formUnion(parameters.offsets(of: b("\(i)"))) }
        #expect(try filter.setBitCount() == expected.count)
        #expect(
            try server.cli("STRLEN", String(decoding: key, as: UTF8.self)) == "\(expected.max()! / 8 + 1)")
        #expect(try server.cli("KEYS", "*pottery-bloom-*") == "")
        var answers: [Bool] = []
        let checker = filter.bulkChecker { answers.append($0) }
        for i in 0..<100 { try checker.check(stored: b("\(i)")) }
        try checker.finish()
        #expect(answers == Array(repeating: true, count: 100))
    }
}
