/// Random valid JSON texts in deliberately varied spellings: whitespace, every escape class,
/// raw and escaped non-ASCII, lone surrogates, duplicate and unordered keys, numbers of every shape.
struct RandomJSONText {
    var rng: SeededRandom

    init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A complete JSON text.
    mutating func text(maxDepth: Int = 5) -> [UInt8] {
        var out: [UInt8] = []
        whitespace(&out)
        value(&out, depth: 0, maxDepth: maxDepth)
        whitespace(&out)
        return out
    }

    /// A small value wrapped in `depth` random arrays and objects, with siblings along the way.
    mutating func deepText(depth: Int) -> [UInt8] {
        var opens: [UInt8] = []
        var closes: [[UInt8]] = []
        for _ in 0..<depth {
            var close: [UInt8] = []
            if chance(0.5) {
                opens.append(UInt8(ascii: "["))
                if chance(0.5) {
                    value(&opens, depth: 0, maxDepth: 0)
                    opens.append(UInt8(ascii: ","))
                }
                close.append(UInt8(ascii: "]"))
            } else {
                opens.append(UInt8(ascii: "{"))
                key(&opens)
                opens.append(UInt8(ascii: ":"))
                close.append(UInt8(ascii: ","))
                key(&close)
                close.append(UInt8(ascii: ":"))
                value(&close, depth: 0, maxDepth: 0)
                close.append(UInt8(ascii: "}"))
            }
            closes.append(close)
        }
        value(&opens, depth: 0, maxDepth: 1)
        for close in closes.reversed() { opens += close }
        return opens
    }

    mutating func value(_ out: inout [UInt8], depth: Int, maxDepth: Int) {
        switch int(0...(depth < maxDepth ? 9 : 5)) {
        case 0: out += pick(["true", "false", "null", "NaN", "Infinity", "-Infinity"]).utf8
        case 1: out += integer()
        case 2: out += float()
        case 3, 4, 5: string(&out)
        case 6, 7: array(&out, depth: depth, maxDepth: maxDepth)
        default: object(&out, depth: depth, maxDepth: maxDepth)
        }
    }

    mutating func whitespace(_ out: inout [UInt8]) {
        if chance(0.3) { out += pick([" ", "\n", "\t", "\r", "  ", " \r\n\t "]).utf8 }
    }

    mutating func array(_ out: inout [UInt8], depth: Int, maxDepth: Int) {
        out.append(UInt8(ascii: "["))
        whitespace(&out)
        for n in 0..<int(0...5) {
            if n > 0 { separator(&out, ",") }
            value(&out, depth: depth + 1, maxDepth: maxDepth)
        }
        whitespace(&out)
        out.append(UInt8(ascii: "]"))
    }

    mutating func separator(_ out: inout [UInt8], _ c: Unicode.Scalar) {
        whitespace(&out)
        out.append(UInt8(ascii: c))
        whitespace(&out)
    }

    mutating func object(_ out: inout [UInt8], depth: Int, maxDepth: Int) {
        out.append(UInt8(ascii: "{"))
        whitespace(&out)
        var keys = (0..<int(0...6)).map { _ in
            var k: [UInt8] = []
            key(&k)
            return k
        }
        if chance(0.3) { keys.sort { $0.lexicographicallyPrecedes($1) } }
        for (n, key) in keys.enumerated() {
            if n > 0 { separator(&out, ",") }
            out += key
            separator(&out, ":")
            value(&out, depth: depth + 1, maxDepth: maxDepth)
        }
        whitespace(&out)
        out.append(UInt8(ascii: "}"))
    }

    /// Keys from a small pool (so duplicates, and one key spelled several ways, are common) or random.
    mutating func key(_ out: inout [UInt8]) {
        if chance(0.4) { return string(&out) }
        out += pick(Self.keyPool).utf8
    }

    static let keyPool = [
        #""a""#, #""b""#, #""ab""#, #""A""#, #""""#, #""z""#, #""é""#, #""\u00e9""#, #""\u00E9""#,
        #""😀""#, #""\ud83d\ude00""#, #""\ud800""#, #""\udfff""#, #""\uffff""#, #""\ue000""#, #""\u007f""#,
        #""\n""#, #""\u000a""#, #""\"""#, #""\\""#, #""\/""#, #""/""#, #""a\u0000""#, #""\t""#, #"" ""#,
    ]

    mutating func string(_ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for _ in 0..<pick([0, 1, 2, 4, 8, 20]) { stringPiece(&out) }
        out.append(UInt8(ascii: "\""))
    }

    /// A string literal's content (no quotes).
    mutating func stringContent() -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<pick([0, 1, 2, 4, 8, 20]) { stringPiece(&out) }
        return out
    }

    mutating func hex4(_ out: inout [UInt8], _ unit: Int) {
        let digits = chance(0.5) ? Self.lowerHex : Self.upperHex
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "u"))
        for shift in [12, 8, 4, 0] { out.append(digits[(unit >> shift) & 15]) }
    }

    static let lowerHex = Array("0123456789abcdef".utf8)
    static let upperHex = Array("0123456789ABCDEF".utf8)

    mutating func stringPiece(_ out: inout [UInt8]) {
        switch int(0...13) {
        case 0...3:
            let c = UInt8(int(0x20...0x7E))
            out.append(c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") ? UInt8(ascii: "q") : c)
        case 4: out += pick([#"\""#, #"\\"#, #"\/"#, "/", #"\n"#, #"\r"#, #"\t"#, #"\b"#, #"\f"#]).utf8
        case 5: hex4(&out, int(0...0x7F))
        case 6: if chance(0.5) { out.append(0x7F) } else { hex4(&out, 0x7F) }
        case 7, 8:
            var cp = int(0x80...0xFFFF)
            if (0xD800...0xDFFF).contains(cp) { cp = 0xE9 }
            if chance(0.5) { out += String(Character(Unicode.Scalar(cp)!)).utf8 } else { hex4(&out, cp) }
        case 9, 10:
            let cp = int(0x10000...0x10FFFF)
            if chance(0.5) { return out += String(Character(Unicode.Scalar(cp)!)).utf8 }
            hex4(&out, 0xD800 + ((cp - 0x10000) >> 10))
            hex4(&out, 0xDC00 + ((cp - 0x10000) & 0x3FF))
        case 11: hex4(&out, int(0xD800...0xDFFF))
        case 12:
            hex4(&out, int(0xD800...0xDBFF))
            if chance(0.5) { hex4(&out, int(0xD800...0xDBFF)) } else { out.append(UInt8(ascii: "x")) }
        default: out += pick(["é", "ß", "中文", "😀", "\u{10FFFF}", "\u{FEFF}", "\u{2028}"]).utf8
        }
    }

    mutating func digits(_ count: Int, leadingNonzero: Bool) -> [UInt8] {
        (0..<count).map { k in UInt8(int((k == 0 && leadingNonzero ? 1 : 0)...9)) + 0x30 }
    }

    mutating func integer() -> [UInt8] {
        let sign: [UInt8] = chance(0.3) ? [UInt8(ascii: "-")] : []
        switch int(0...3) {
        case 0: return sign + [UInt8(ascii: "0")]
        case 1: return sign + digits(int(1...4), leadingNonzero: true)
        case 2: return sign + digits(int(18...21), leadingNonzero: true)  // around 2^64
        default: return sign + digits(int(1...60), leadingNonzero: true)
        }
    }

    static let specialFloats = [
        "5e-324", "4.9e-324", "2.4703282292062328e-324", "2.4703282292062327e-324", "1e16", "1e-5",
        "1E-5", "0.0001", "1e-4", "1e15", "0.1", "0.30000000000000004", "1e400", "-1e400", "1e-400",
        "-0.0", "0.0", "-0e0", "2.2250738585072014e-308", "2.2250738585072011e-308",
        "1.7976931348623157e308", "1.7976931348623158e308", "9007199254740993.0", "1e22", "1e23",
        "8.98846567431158e307", "123456789012345678901234567890.5", "0.5e-323", "1.0000000000000002",
        "9999999999999999.5", "0.000001", "1e-7", "100.0", "1E+2", "1e+0", "2.5e-07",
    ]

    mutating func float() -> [UInt8] {
        switch int(0...5) {
        case 0:
            return Array(pick(Self.specialFloats).utf8)
        case 1:
            let d = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &rng))
            return d.isFinite ? Array(d.description.utf8) : Array("1.5".utf8)
        case 2:
            return Array(Double.random(in: -1e6...1e6, using: &rng).description.utf8)
        default:
            // Arbitrary decimal spellings: 1-27 digits, optional fraction, optional exponent.
            var out: [UInt8] = chance(0.3) ? [UInt8(ascii: "-")] : []
            out += chance(0.3) ? [UInt8(ascii: "0")] : digits(int(1...12), leadingNonzero: true)
            var hasFraction = false
            if chance(0.7) {
                hasFraction = true
                out += [UInt8(ascii: ".")] + digits(int(1...15), leadingNonzero: false)
            }
            if !hasFraction || chance(0.5) {
                out += pick(["e", "E"]).utf8
                out += pick(["", "+", "-"]).utf8
                out += String(chance(0.8) ? int(0...25) : int(0...340)).utf8
            }
            return out
        }
    }
}
