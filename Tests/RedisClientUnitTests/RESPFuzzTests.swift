import RedisClient
import RedisTestSupport
import Testing

/// Random and mutated input must parse or throw: never crash, never loop.
@Suite struct RESPFuzzTests {
    /// Parses everything in `bytes`, fed in chunks of random sizes; returns how parsing ended.
    static func drive(_ bytes: [UInt8], rng: inout SeededGenerator) -> (values: [RESPValue], threw: Bool) {
        var parser = RESPParser(initialCapacity: 64)
        var values: [RESPValue] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + Int.random(in: 1...16, using: &rng))
            parser.append(bytes[offset..<end])
            offset = end
            do {
                while let value = try parser.next() { values.append(value) }
            } catch {
                return (values, true)
            }
        }
        return (values, false)
    }

    static func randomValue(depth: Int, rng: inout SeededGenerator) -> RESPValue {
        switch Int.random(in: 0..<(depth < 4 ? 7 : 5), using: &rng) {
        case 0: return .simpleString(randomText(rng: &rng))
        case 1: return .error(b("ERR ") + randomText(rng: &rng))
        case 2:
            return .integer(
                Int64.random(in: .min ... .max, using: &rng) >> Int64.random(in: 0...63, using: &rng))
        case 3:
            return .bulkString(
                (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
        case 4: return Bool.random(using: &rng) ? .bulkString(nil) : .array(nil)
        default:
            let count = Int.random(in: 0...5, using: &rng)
            return .array((0..<count).map { _ in randomValue(depth: depth + 1, rng: &rng) })
        }
    }

    static func randomText(rng: inout SeededGenerator) -> [UInt8] {
        (0..<Int.random(in: 0...12, using: &rng)).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) }
    }

    @Test func randomValuesRoundTripThroughRandomChunking() {
        var rng = SeededGenerator(seed: 0xC0FFEE)
        for _ in 0..<2_000 {
            let values = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                Self.randomValue(depth: 0, rng: &rng)
            }
            let result = Self.drive(values.flatMap(encodeRESP), rng: &rng)
            #expect(!result.threw)
            #expect(result.values == values)
        }
    }

    @Test func randomBytesParseOrThrow() {
        var rng = SeededGenerator(seed: 42)
        let alphabet = b("+-:$*\r\n0123456789-abc ")
        var outcomes = (parsed: 0, threw: 0)
        for round in 0..<20_000 {
            let length = Int.random(in: 1...64, using: &rng)
            let bytes: [UInt8] = (0..<length).map { _ in
                round % 2 == 0 ? UInt8.random(in: 0...255, using: &rng) : alphabet.randomElement(using: &rng)!
            }
            let result = Self.drive(bytes, rng: &rng)
            if result.threw { outcomes.threw += 1 } else { outcomes.parsed += 1 }
        }
        #expect(outcomes.threw > 0)
        #expect(outcomes.parsed > 0)
    }

    @Test func mutatedRepliesParseOrThrowAndValidPartsStayCorrect() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let value = Self.randomValue(depth: 0, rng: &rng)
            var bytes = encodeRESP(value)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 1:
                bytes.insert(
                    UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...bytes.count, using: &rng))
            case 2: bytes.remove(at: Int.random(in: 0..<bytes.count, using: &rng))
            default: bytes.removeLast(Int.random(in: 0..<bytes.count, using: &rng))
            }
            let result = Self.drive(bytes, rng: &rng)
            // Whatever parsed must re-encode to a prefix of the input: no invented bytes.
            let reencoded = result.values.flatMap(encodeRESP)
            #expect(Array(bytes.prefix(reencoded.count)) == reencoded)
        }
    }

    /// Claims within the limits wait for their bytes without allocating for them (claims past the
    /// limits are refused: ReplyBoundsTests).
    @Test func hugeClaimedLengthsDoNotAllocate() throws {
        for text in ["$536870912\r\n", "*16777216\r\n", "*1000000\r\n*1000000\r\n"] {
            var parser = RESPParser()
            parser.append(b(text))
            #expect(try parser.next() == nil)
            #expect(parser.capacity <= 64 * 1024)
        }
    }
}
