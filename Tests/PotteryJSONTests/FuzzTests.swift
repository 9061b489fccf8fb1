import PotteryJSON
import Testing

/// Robustness: no input crashes, hangs or overflows the stack; every call throws or succeeds.
@Suite struct FuzzTests {
    @Test func randomBytesNeverCrash() {
        var gen = RandomJSONText(seed: 11)
        let alphabet =
            Array("{}[],:\"\\ 0123456789-+.eEtrufalsnNIy\n\tu".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xED, 0xFF]
        for n in 0..<20_000 {
            let bytes: [UInt8] = (0..<gen.int(0...24)).map { _ in
                n % 2 == 0 ? gen.pick(alphabet) : UInt8(gen.int(0...255))
            }
            exercise(bytes)
        }
    }

    @Test func mutatedValidTextsNeverCrash() {
        var gen = RandomJSONText(seed: 12)
        for _ in 0..<5_000 {
            var text = gen.text(maxDepth: 3)
            for _ in 0..<gen.int(1...4) { text = mutate(text, &gen) }
            exercise(text)
        }
    }

    @Test func deepNestingThrowsInsteadOfOverflowing() {
        for open in ["[", "{\"a\":", "[{\"a\":"] {
            let text = Array(String(repeating: open, count: 100_000).utf8)
            #expect(throws: JSONError.self) { try JSON.parse(text) }
            var out: [UInt8] = []
            #expect(throws: JSONError.self) { try JSON.canonicalize(text, into: &out) }
            #expect(out.isEmpty)
            #expect(JSON.canonicalizeAuto(text, into: &out) == false)
            #expect(out.first == UInt8(ascii: "\""))
        }
        let closed = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONError.self) { try JSON.canonicalize(closed) }
        do {
            _ = try JSON.parse(closed)
            Issue.record("accepted")
        } catch {
            #expect(error.message == "nesting deeper than 995")
            #expect(error.offset == 995)
        }
    }

    @Test func hugeInputsStayCorrect() throws {
        let long = "\"" + String(repeating: "abc\\u00e9😀", count: 50_000) + "\""
        let expected = "\"" + String(repeating: #"abc\u00e9\ud83d\ude00"#, count: 50_000) + "\""
        #expect(try JSON.canonicalize(long) == expected)
        let many =
            "[" + (0..<50_000).map { "{\"b\": \($0), \"a\": [\($0).5e1]}" }.joined(separator: ",") + "]"
        let canonical = try JSON.canonicalize(many)
        #expect(canonical.hasPrefix(#"[{"a": [5.0], "b": 0}, {"a": [15.0], "b": 1}"#))
        #expect(try JSON.parse(many).canonicalText == canonical)
    }

    /// Every entry point on `bytes`; both routes must agree.
    private func exercise(_ bytes: [UInt8]) {
        let canonical = canonicalBothWays(bytes)
        var out: [UInt8] = [1, 2, 3]
        let tookJSON = JSON.canonicalizeAuto(bytes, into: &out)
        if tookJSON != (canonical != nil) || out.prefix(3) != [1, 2, 3] {
            Issue.record("auto on \(show(bytes))")
        }
        // Auto output is always valid canonical JSON: canonicalizing it again changes nothing.
        let again = canonicalBothWays(Array(out.dropFirst(3)))
        if again != Array(out.dropFirst(3)) { Issue.record("auto output not canonical for \(show(bytes))") }
        var raw: [UInt8] = []
        _ = JSON.appendRawString(ofCanonical: bytes, into: &raw)
        var encoded: [UInt8] = []
        JSON.encodeString(bytes, into: &encoded)
        if canonicalBothWays(encoded) != encoded {
            Issue.record("encodeString not canonical for \(show(bytes))")
        }
    }
}
