import PotteryJSON
import Testing

/// Bytes that are not UTF-8, in auto and `-s` mode, are stored as Python stores a `sys.argv`
/// string: `json.dumps(raw.decode("utf-8", "surrogateescape"))`; `-r` prints the bytes back.
@Suite struct SurrogateEscapeTests {
    static func encoded(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        JSON.encodeString(bytes, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func raw(_ canonical: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        return JSON.appendRawString(ofCanonical: canonical, into: &out) ? out : nil
    }

    /// Expected texts printed by CPython 3.11's `ascii(bytes.fromhex(h).decode("utf-8", "surrogateescape"))`.
    @Test(
        arguments: [
            ([0xFF], #""\udcff""#),
            ([0xE2, 0x82, 0x41], #""\udce2\udc82A""#),  // truncated, then ASCII decoded afresh
            ([0xF0, 0x9F, 0x98, 0x41], #""\udcf0\udc9f\udc98A""#),
            ([0xED, 0xA0, 0x80], #""\udced\udca0\udc80""#),  // encoded surrogate
            ([0xED, 0x9F, 0xBF], #""\ud7ff""#),  // just below the surrogates: valid
            ([0xED, 0xBF, 0xBF], #""\udced\udcbf\udcbf""#),
            ([0xC0, 0xAF], #""\udcc0\udcaf""#),  // overlong
            ([0xE0, 0x80, 0x9F], #""\udce0\udc80\udc9f""#),
            ([0xF4, 0x90, 0x80, 0x80], #""\udcf4\udc90\udc80\udc80""#),  // above U+10FFFF
            ([0xF8], #""\udcf8""#),
            ([0x80, 0x80], #""\udc80\udc80""#),  // stray continuation bytes
            ([0xE2], #""\udce2""#),
            ([0xE2, 0x82], #""\udce2\udc82""#),
            ([0xE2, 0x82, 0xAC, 0x82], #""\u20ac\udc82""#),
            ([0xC3, 0xA9, 0xC3], #""\u00e9\udcc3""#),
            ([0x22, 0xFF, 0x22], #""\"\udcff\"""#),  // JSON-looking but not UTF-8: a string
        ] as [([UInt8], String)])
    func matchesCPythonOnHandPickedBytes(bytes: [UInt8], expected: String) {
        #expect(Self.encoded(bytes) == expected)
        var auto: [UInt8] = []
        #expect(JSON.canonicalizeAuto(bytes, into: &auto) == false)
        #expect(String(decoding: auto, as: UTF8.self) == expected)
        #expect(Self.raw(Array(expected.utf8)) == bytes)
    }

    @Test func jsonModeRejectsInvalidUTF8() {
        for bytes: [UInt8] in [
            [0x22, 0xFF, 0x22], [0x5B, 0x22, 0xC3, 0x22, 0x5D],
            [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x31, 0x7D],
            [0x22, 0xC0, 0xAF, 0x22], [0xFF], [0x31, 0x80],
        ] {
            var out: [UInt8] = []
            let error = #expect(throws: JSONError.self) { try JSON.canonicalize(bytes, into: &out) }
            #expect(out.isEmpty)
            #expect(throws: JSONError.self) { try JSON.parse(bytes) }
            if bytes.first == 0x22 || bytes.first == 0x5B || bytes.first == 0x7B {
                #expect(error?.message == "invalid UTF-8", "\(hex(bytes))")
            }
        }
    }

    @Test func rawPrintsEscapedBytesBackAndOtherLoneSurrogatesAsReplacement() {
        #expect(Self.raw(Array(#""a\udcffb""#.utf8)) == [0x61, 0xFF, 0x62])
        #expect(Self.raw(Array(#""\udc80\udcc3\udca9""#.utf8)) == [0x80, 0xC3, 0xA9])
        #expect(Self.raw(Array(#""\udc7f""#.utf8)) == [0xEF, 0xBF, 0xBD])  // not an escaped byte
        #expect(Self.raw(Array(#""\ud800\udd00""#.utf8)) == Array("\u{10100}".utf8))  // a pair
        #expect(Self.raw(Array(#""\ud800x""#.utf8)) == [0xEF, 0xBF, 0xBD, 0x78])
        #expect(Self.raw(Array(#""\udbff\udcff""#.utf8)) == Array("\u{10FCFF}".utf8))  // a pair too
    }

    @Test func anyBytesRoundTripThroughRawOutput() {
        var gen = HostileBytes(seed: 31)
        for _ in 0..<20_000 {
            let bytes = gen.next()
            var stored: [UInt8] = []
            JSON.encodeString(bytes, into: &stored)
            if canonicalBothWays(stored) != stored { Issue.record("not canonical: \(hex(bytes))") }
            if Self.raw(stored) != bytes { Issue.record("raw round trip: \(hex(bytes))") }
            var auto: [UInt8] = []
            if !JSON.canonicalizeAuto(bytes, into: &auto) && auto != stored {
                Issue.record("auto differs from -s: \(hex(bytes))")
            }
        }
    }
}

@Suite(.enabled(if: PythonOracle.isAvailable, "needs python3"))
struct SurrogateEscapeOracleTests {
    @Test func stringModeAndAutoModeMatchPythonOnHostileBytes() throws {
        var gen = HostileBytes(seed: 32)
        var inputs = (0..<10_000).map { _ in gen.next() }
        var texts = RandomJSONText(seed: 33)
        inputs += (0..<2_000).map { _ in texts.text(maxDepth: 2) }
        // Every one- and two-byte string that starts with a non-ASCII byte, and every lead byte
        // with every second byte followed by a low, a high and a non-continuation byte.
        for a in 0x80...0xFF {
            inputs.append([UInt8(a)])
            for b in 0...0xFF {
                inputs.append([UInt8(a), UInt8(b)])
                if a >= 0xE0 && a <= 0xF4 && b >= 0x80 {
                    for c: UInt8 in [0x80, 0xBF, 0x41] { inputs.append([UInt8(a), UInt8(b), c, 0x80]) }
                }
            }
        }
        let argv = try PythonOracle.map("argv", inputs)
        let auto = try PythonOracle.map("auto", inputs)
        var mismatches: [String] = []
        var tookJSON = 0
        for (n, input) in inputs.enumerated() {
            if SurrogateEscapeTests.encoded(input) != argv[n] {
                mismatches.append("-s \(hex(input)): \(argv[n])")
            }
            var out: [UInt8] = []
            if JSON.canonicalizeAuto(input, into: &out) { tookJSON += 1 }
            if String(decoding: out, as: UTF8.self) != auto[n] {
                mismatches.append("auto \(hex(input)): \(auto[n])")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(8))")
        #expect(tookJSON > 2_000)  // valid JSON texts too, so both branches of auto are compared
    }
}

/// Random byte strings built from the pieces that trip UTF-8 decoders: valid sequences of every
/// length, their truncations, overlongs, encoded surrogates, values above U+10FFFF, 0xF5...0xFF,
/// stray continuation bytes, and JSON punctuation.
struct HostileBytes {
    var gen: RandomJSONText

    init(seed: UInt64) { gen = RandomJSONText(seed: seed) }

    mutating func next() -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<gen.int(0...8) { out += piece() }
        return out
    }

    private mutating func continuation() -> UInt8 { UInt8(gen.int(0x80...0xBF)) }

    private mutating func piece() -> [UInt8] {
        switch gen.int(0...11) {
        case 0:
            return Array(gen.pick(["a", " ", "\"", "1", "[", "]", "{", "\\", "\n", "\u{7F}", "\"x\""]).utf8)
        case 1: return [UInt8(gen.int(0xC2...0xDF)), continuation()]
        case 2: return [UInt8(gen.int(0xE1...0xEC)), continuation(), continuation()]
        case 3: return [0xF0, UInt8(gen.int(0x90...0xBF)), continuation(), continuation()]
        case 4:  // a valid sequence, truncated
            let full: [UInt8] = gen.pick([
                [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            ])
            return Array(full.prefix(gen.int(1...(full.count - 1))))
        case 5: return [UInt8(gen.int(0xC0...0xC1)), continuation()]  // overlong 2-byte
        case 6: return [0xE0, UInt8(gen.int(0x80...0x9F)), continuation()]  // overlong 3-byte
        case 7: return [0xF0, UInt8(gen.int(0x80...0x8F)), continuation(), continuation()]
        case 8: return [0xED, UInt8(gen.int(0xA0...0xBF)), continuation()]  // encoded surrogate
        case 9: return [0xF4, UInt8(gen.int(0x90...0xBF)), continuation(), continuation()]
        case 10: return [UInt8(gen.int(0xF5...0xFF))]
        default: return (0..<gen.int(1...3)).map { _ in continuation() }
        }
    }
}
