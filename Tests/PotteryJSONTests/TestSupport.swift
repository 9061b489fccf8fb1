import PotteryJSON
import Testing

/// Canonical text of `bytes` by both routes (streaming canonicalize, and parse + encode), which must
/// agree on acceptance and on output; nil if rejected.
func canonicalBothWays(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8]? {
    var streamed: [UInt8] = []
    let streamedOK = (try? JSON.canonicalize(bytes, into: &streamed)) != nil
    var viaTree: [UInt8]?
    if let value = try? JSON.parse(bytes) {
        var out: [UInt8] = []
        JSON.encode(value, into: &out)
        viaTree = out
    }
    // Plain checks (not #expect) keep this cheap enough to run on tens of thousands of inputs.
    if streamedOK != (viaTree != nil) {
        Issue.record("routes disagree on acceptance of \(show(bytes))", sourceLocation: sourceLocation)
    } else if streamedOK && streamed != viaTree {
        Issue.record("routes disagree on \(show(bytes))", sourceLocation: sourceLocation)
    } else if !streamedOK && !streamed.isEmpty {
        Issue.record("output left behind for \(show(bytes))", sourceLocation: sourceLocation)
    }
    return streamedOK ? streamed : nil
}

/// Canonical text of `text`, or nil if rejected (checking both routes).
func canon(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
    canonicalBothWays(Array(text.utf8), sourceLocation: sourceLocation).map {
        String(decoding: $0, as: UTF8.self)
    }
}

/// Bytes for messages: the text if printable UTF-8, else hex.
func show(_ bytes: [UInt8]) -> String {
    let prefix = bytes.prefix(300)
    if let s = String(validating: prefix, as: UTF8.self) { return String(reflecting: s) }
    return "hex " + hex(Array(prefix))
}

func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}

func unhex(_ text: Substring) -> [UInt8] {
    func nibble(_ c: UInt8) -> UInt8 { c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10 }
    let u = Array(text.utf8)
    return stride(from: 0, to: u.count - 1, by: 2).map { nibble(u[$0]) << 4 | nibble(u[$0 + 1]) }
}

/// A small seeded generator (SplitMix64), so every run tests the same values.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
