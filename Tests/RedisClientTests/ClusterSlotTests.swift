import RedisClient
import RedisTestSupport
import Testing

/// Our CRC16 slot and hash tags against the real cluster's `CLUSTER KEYSLOT`.
@Suite struct ClusterSlotTests {
    @Test func knownVectors() {
        // The check value of CRC16/XMODEM, and Redis's own examples.
        #expect(ClusterSlot.crc16(Array("123456789".utf8)) == 0x31C3)
        #expect(ClusterSlot.of("") == 0)
        #expect(ClusterSlot.of("foo") == 12182)
        #expect(ClusterSlot.of("{user1000}.following") == ClusterSlot.of("{user1000}.followers"))
        #expect(ClusterSlot.of("foo{}{bar}") == ClusterSlot.of(Array("foo{}{bar}".utf8)))
        #expect(Array(ClusterSlot.hashTag(Array("foo{{bar}}zap".utf8))) == Array("{bar".utf8))
        #expect(Array(ClusterSlot.hashTag(Array("foo{bar}{zap}".utf8))) == Array("bar".utf8))
        #expect(Array(ClusterSlot.hashTag(Array("foo{}{bar}".utf8))) == Array("foo{}{bar}".utf8))
    }

    @Test func matchesClusterKeyslotForHostileAndRandomKeys() throws {
        let redis = try connectNode(sharedCluster.ports[0])
        var keys: [[UInt8]] = [
            [], Array("{}".utf8), Array("{".utf8), Array("}".utf8), Array("}{".utf8), Array("{}{}".utf8),
            Array("{{}}".utf8), Array("{{a}}".utf8), Array("a{b}c{d}".utf8), Array("{a".utf8),
            Array("a}".utf8),
            Array("x{}y{z}".utf8), Array("{}}".utf8), Array("{ }".utf8), [0xFF, 0xFE, 0x7B, 0x80, 0x7D],
            [0x7B, 0x00, 0x7D], [0x00], [0x7B, 0xC3, 0x28, 0x7D, 0xFF], Array("πα{ρ}ε".utf8),
            [UInt8](repeating: 0x7B, count: 1000), Array(String(repeating: "k", count: 100_000).utf8),
        ]
        var generator = SeededGenerator(seed: 0x1234_5678)
        let alphabet: [UInt8] = [0x7B, 0x7D, 0x7B, 0x7D, 0x61, 0x62, 0x00, 0xFF, 0x80, 0x20, 0x0A, 0x0D]
        for index in 0..<5000 {
            let length = Int.random(in: 0...24, using: &generator)
            keys.append(
                (0..<length).map { _ in
                    index.isMultiple(of: 2)
                        ? alphabet.randomElement(using: &generator)!
                        : UInt8.random(in: 0...255, using: &generator)
                })
        }
        for key in keys { redis.enqueue([b("CLUSTER"), b("KEYSLOT"), key]) }
        for key in keys {
            let reply = try redis.readReply()
            #expect(reply.int.map(Int.init) == ClusterSlot.of(key), "key \(key)")
        }
    }
}
