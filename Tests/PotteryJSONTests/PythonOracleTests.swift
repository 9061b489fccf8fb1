import PotteryJSON
import Testing

/// Byte-for-byte agreement with Python 3's `json.dumps(json.loads(text), sort_keys=True)`.
@Suite(.enabled(if: PythonOracle.isAvailable, "needs python3"))
struct PythonOracleTests {
    /// Checks both of our routes against the oracle's "+canonical" / "-" lines.
    func expectAgreement(_ inputs: [[UInt8]], _ oracle: [Substring], expectAllValid: Bool = false) {
        var mismatches: [String] = []
        var accepted = 0
        for (input, line) in zip(inputs, oracle) {
            let ours = canonicalBothWays(input)
            let python: Substring? = line.first == "+" ? line.dropFirst() : nil
            if python != nil { accepted += 1 }
            if ours.map({ String(decoding: $0, as: UTF8.self) }) != python.map(String.init) {
                let oursText = ours.map { show($0) } ?? "rejects"
                mismatches.append("\(show(input)): python \(python ?? "rejects"), ours \(oursText)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(8))")
        if expectAllValid { #expect(accepted == inputs.count) }
    }

    @Test func swiftSpelledValuesMatchPython() throws {
        var gen = RandomJSONText(seed: 1)
        var inputs = (0..<10_000).map { _ in gen.text() }
        inputs += (0..<100).map { _ in gen.deepText(depth: gen.int(10...500)) }
        inputs += (0..<20).map { n in
            let depth = 100 + n * 20
            return Array(
                (String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)).utf8)
        }
        expectAgreement(inputs, try PythonOracle.map("canon", inputs), expectAllValid: true)
    }

    @Test func pythonGeneratedValuesMatch() throws {
        let generated = try PythonOracle.generate(count: 6_000, seed: 7)
        #expect(generated.count == 6_000)
        expectAgreement(generated.map(\.text), generated.map { "+" + $0.canonical }, expectAllValid: true)
    }

    @Test func malformedTextsAreRejectedLikePython() throws {
        var gen = RandomJSONText(seed: 2)
        var inputs: [[UInt8]] = []
        for _ in 0..<15_000 { inputs.append(mutate(gen.text(maxDepth: 3), &gen)) }
        inputs += handwrittenEdgeCases.map { Array($0.utf8) }
        inputs += [
            [0xEF, 0xBB, 0xBF, 0x31], [0x22, 0xC3, 0x22], [0x22, 0xE0, 0x80, 0x80, 0x22], [0x31, 0x00],
        ]
        expectAgreement(inputs, try PythonOracle.map("canon", inputs))
    }

    @Test func floatReprMatchesPython() throws {
        var rng = SeededRandom(seed: 3)
        var bits: [UInt64] = (0..<60_000).map { _ in rng.next() }
        bits += (0..<20_000).map { _ in rng.next() >> 12 }  // subnormals
        bits += (0..<20_000).map { _ in
            (rng.next() >> 12) | (UInt64(Int.random(in: 1000...1100, using: &rng)) << 52)
        }
        bits += [
            0, 1, 2, 0x8000_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF, 0x0010_0000_0000_0000,
            0x000F_FFFF_FFFF_FFFF,
        ]
        bits += [1e16, 1e-5, 1e-4, 1e15, 0.1 + 0.2, 9007199254740992, 1e22, 1e23, .leastNonzeroMagnitude].map(
            \.bitPattern)
        bits += (0..<2000).map { _ in Double(Int.random(in: -(1 << 53)...(1 << 53), using: &rng)).bitPattern }
        bits += (-30...30).map { Double(sign: .plus, exponent: $0 * 10, significand: 1).bitPattern }
        let inputs = bits.map { b in (0..<8).map { UInt8(truncatingIfNeeded: b >> (56 - 8 * $0)) } }
        let python = try PythonOracle.map("repr", inputs)
        var mismatches: [String] = []
        for (b, line) in zip(bits, python) {
            let d = Double(bitPattern: b)
            let repr = JSON.pythonRepr(d)
            if repr != line { mismatches.append("\(d): python \(line), ours \(repr)") }
            // The canonical text of the repr is itself, and it reads back as the same double.
            guard d.isFinite else { continue }
            if (try? JSON.canonicalize(repr)) != repr {
                mismatches.append("canonicalize(\(repr)) changed it")
            }
            if (try? JSON.parse(repr)) != .float(d) { mismatches.append("parse(\(repr)) != \(d)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(8))")
    }

    @Test func decimalSpellingsMatchPython() throws {
        var gen = RandomJSONText(seed: 4)
        var inputs = (0..<25_000).map { _ in gen.float() }
        inputs += (0..<5_000).map { _ in gen.integer() }
        // Long mantissas and extreme exponents, which leave the text-only fast path.
        for _ in 0..<5_000 {
            let mantissa = gen.digits(gen.int(14...40), leadingNonzero: true)
            let point = gen.int(1...mantissa.count)
            let text =
                mantissa[..<point] + [UInt8(ascii: ".")]
                + (point < mantissa.count ? mantissa[point...] : [0x30])
            inputs.append(Array(text) + Array("e\(gen.int(-345...330))".utf8))
        }
        expectAgreement(inputs, try PythonOracle.map("canon", inputs), expectAllValid: true)
    }

    @Test func autoModeMatchesPython() throws {
        var gen = RandomJSONText(seed: 5)
        var inputs: [[UInt8]] = [
            "jack", "4098", "02139", "true", #"{"a": 1}"#, #""4098""#, " 1 ", "", "1e3",
            " jack ", "-", "1,2", "[1, 2", "\"", "é", "😀", "\u{7F}", "a\nb", "NaN", "nan",
        ].map { Array($0.utf8) }
        for _ in 0..<6_000 {
            switch gen.int(0...3) {
            case 0: inputs.append(gen.text(maxDepth: 2))
            case 1: inputs.append(mutate(gen.text(maxDepth: 2), &gen))
            case 2: inputs.append((0..<gen.int(0...12)).map { _ in UInt8(gen.int(0...255)) })
            default: inputs.append(gen.stringContent())
            }
        }
        let python = try PythonOracle.map("auto", inputs)
        var mismatches: [String] = []
        for (input, line) in zip(inputs, python) {
            var out: [UInt8] = []
            let tookJSON = JSON.canonicalizeAuto(input, into: &out)
            if String(decoding: out, as: UTF8.self) != line {
                mismatches.append("\(show(input)): python \(line)")
            }
            #expect(tookJSON == (canonicalBothWays(input) != nil))
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(8))")
    }
}

/// One random corruption of a valid text: truncation, deletion, insertion, replacement, duplication.
func mutate(_ text: [UInt8], _ gen: inout RandomJSONText) -> [UInt8] {
    var t = text
    let interesting =
        Array(",]}[{:\"\\0-.eExun +1".utf8) + [0x00, 0x0C, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xED, 0xF0, 0xFF]
    let position = gen.int(0...t.count)
    switch gen.int(0...5) {
    case 0: t.removeSubrange(position...)
    case 1: if position < t.count { t.remove(at: position) }
    case 2: t.insert(gen.pick(interesting), at: position)
    case 3:
        if position < t.count { t[position] = gen.pick(interesting) } else { t.append(gen.pick(interesting)) }
    case 4:
        let end = gen.int(position...t.count)
        t.insert(contentsOf: t[position..<end], at: end)
    default: t += Array(gen.pick([",", "]", "}", " x", "0", "\"", "\n1", ".5", "e5"]).utf8)
    }
    return t
}

let handwrittenEdgeCases = [
    "", " ", "1.", ".5", "1e", "1e+", "-", "--1", "+1", "01", "-01", "00", "0x1", "1.5.", "[1,]", "[,]",
    "[,1]",
    "{,}", "{\"a\":1,}", "{\"a\"}", "{\"a\":}", "{:1}", "{1:1}", "{\"a\" 1}", "[1 2]", "[1,,2]", "\"\\x\"",
    "\"\\u12\"", "\"\\u12g4\"", "\"\\U0041\"", "\"\\ud800\\u12G4\"", "\"\\ud800\\\"", "\"\\ud800\\", "\"abc",
    "\"\t\"", "\"\n\"", "\"\u{1F}\"", "\"\u{7F}\"", "\u{0C}1", "1\u{0B}", "\u{A0}1", "\u{FEFF}1",
    "[\u{2028}1]",
    "nul", "True", "NULL", "NaN", "-NaN", "nan", "Infinity", "-Infinity", "+Infinity", "infinity", "-Inf",
    "[NaN,Infinity,-Infinity]", "1 2", "{} {}", "[]]", "[[]", "{\"a\":1}}", "\"\\/\"", "1E400", "-0", "-0.0",
    "[\"\\ud83d\\ude00\", \"\\ude00\\ud83d\"]", "{\"\\ud800\": 1, \"\\udbff\\udfff\": 2, \"\\uffff\": 3}",
]
