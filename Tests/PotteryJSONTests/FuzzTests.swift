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

    @Test func millionFoldNestingIsRejectedOnASmallStack() {
        let failures = onSmallStack { () -> [String] in
            var failures: [String] = []
            for open in ["[", "{\"a\":", "[{\"a\":", " [ ", "{\"\\u00e9\": ["] {
                let text = Array(String(repeating: open, count: 1_000_000).utf8)
                let closed =
                    text + Array(String(repeating: open.hasPrefix("{") ? "}" : "]", count: 1_000_000).utf8)
                for input in [text, closed, text + [0xFF], Array(text.prefix(text.count / 2))] {
                    if let value = try? JSON.parse(input) {
                        failures.append("parsed \(value.canonicalBytes.count)")
                    }
                    var out: [UInt8] = []
                    if (try? JSON.canonicalize(input, into: &out)) != nil || !out.isEmpty {
                        failures.append("canonicalized \(open)")
                    }
                    if JSON.canonicalizeAuto(input, into: &out) || out.first != UInt8(ascii: "\"") {
                        failures.append("auto \(open)")
                    }
                }
            }
            return failures
        }
        #expect(failures == [])
    }

    @Test func invalidUTF8AnywhereIsRejected() {
        var gen = RandomJSONText(seed: 13)
        var hostile = HostileBytes(seed: 14)
        var checked = 0
        for _ in 0..<3_000 {
            let text = gen.text(maxDepth: 3)
            // Splice a byte string that is not UTF-8 into a string literal of the text.
            guard let quote = text.indices.filter({ text[$0] == .quote }).randomElement(using: &gen.rng)
            else {
                continue
            }
            var bad = hostile.next()
            bad.append(gen.pick([0xFF, 0x80, 0xC3, 0xED, 0xF4]))
            if String(validating: bad, as: UTF8.self) != nil { continue }
            var input = text
            input.insert(contentsOf: bad, at: quote + 1)
            checked += 1
            if canonicalBothWays(input) != nil { Issue.record("accepted \(show(input))") }
            var out: [UInt8] = []
            if JSON.canonicalizeAuto(input, into: &out) { Issue.record("auto took \(show(input)) as JSON") }
            var stringForm: [UInt8] = []
            JSON.encodeString(input, into: &stringForm)
            if out != stringForm { Issue.record("auto: \(show(input))") }
        }
        #expect(checked > 1_500)
    }

    @Test func everyTruncationIsHandled() {
        var gen = RandomJSONText(seed: 15)
        var rejected = 0
        for _ in 0..<100 {
            let text = gen.text(maxDepth: 3)
            let full = canonicalBothWays(text)
            #expect(full != nil)
            // A container or string cut anywhere before its last byte is not JSON.
            let isComposite =
                text.first(where: { !$0.isJSONSpace }).map { [0x5B, 0x7B, 0x22].contains($0) } ?? false
            let lastByte = text.lastIndex(where: { !$0.isJSONSpace }) ?? 0
            for end in 0..<text.count {
                let prefix = Array(text[..<end])
                let canonical = canonicalBothWays(prefix)
                if canonical == nil { rejected += 1 }
                if isComposite && end <= lastByte && canonical != nil {
                    Issue.record("prefix \(show(prefix)) of \(show(text)) accepted")
                }
                exercise(prefix)
            }
        }
        #expect(rejected > 2_000)
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

extension UInt8 {
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate var isJSONSpace: Bool { self == 0x20 || self == 0x0A || self == 0x09 || self == 0x0D }
}
