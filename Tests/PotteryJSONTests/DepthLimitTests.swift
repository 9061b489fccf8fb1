import PotteryJSON
import Testing

/// Python 3.11 run as `python3 -c` reads and writes 995 levels of nesting and no more; so do we,
/// without deep recursion: a small thread stack in a debug build must be enough.
@Suite struct DepthLimitTests {
    static let limit = 995

    /// `depth` nested containers around `1`: arrays, objects, or alternating, as `kind` says.
    static func nested(_ depth: Int, _ kind: Int) -> String {
        var open = ""
        var close = ""
        for level in 0..<depth {
            let array = kind == 0 || (kind == 2 && level % 2 == 0) || (kind == 3 && level >= depth / 2)
            open += array ? "[" : #"{"k":"#
            close = (array ? "]" : "}") + close
        }
        return open + "1" + close
    }

    /// The canonical text of `nested(depth, kind)`, built directly.
    static func canonicalNested(_ depth: Int, _ kind: Int) -> String {
        var open = ""
        var close = ""
        for level in 0..<depth {
            let array = kind == 0 || (kind == 2 && level % 2 == 0) || (kind == 3 && level >= depth / 2)
            open += array ? "[" : #"{"k": "#
            close = (array ? "]" : "}") + close
        }
        return open + "1" + close
    }

    @Test(arguments: 0..<4) func acceptsUpToTheLimitAndNoMore(kind: Int) {
        for depth in [1, 2, 100, Self.limit - 1, Self.limit] {
            let ok = canon(Self.nested(depth, kind)) == Self.canonicalNested(depth, kind)
            #expect(ok, "depth \(depth)")
        }
        for depth in [Self.limit + 1, Self.limit + 2, 2_000] {
            let text = Self.nested(depth, kind)
            #expect(canon(text) == nil, "depth \(depth)")
            let stringForm = JSON.canonicalizeAuto(text) == JSON.encodeString(text)
            #expect(stringForm, "depth \(depth)")
        }
    }

    @Test func errorNamesTheLimitAndWhereItWasPassed() {
        let text =
            String(repeating: "[", count: Self.limit + 1) + String(repeating: "]", count: Self.limit + 1)
        for error in [
            #expect(throws: JSONError.self) { try JSON.parse(text) },
            #expect(throws: JSONError.self) { try JSON.canonicalize(text) },
        ] {
            #expect(error?.message == "nesting deeper than \(Self.limit)")
            #expect(error?.offset == Self.limit)
        }
    }

    @Test(arguments: 0..<4) func everyRouteFitsASmallStack(kind: Int) {
        let text = Array(Self.nested(Self.limit, kind).utf8)
        let expected = Array(Self.canonicalNested(Self.limit, kind).utf8)
        let results = onSmallStack { () -> [String] in
            var failures: [String] = []
            var streamed: [UInt8] = []
            if (try? JSON.canonicalize(text, into: &streamed)) == nil || streamed != expected {
                failures.append("canonicalize")
            }
            var auto: [UInt8] = []
            if !JSON.canonicalizeAuto(text, into: &auto) || auto != expected { failures.append("auto") }
            do {
                let value = try JSON.parse(text)
                if value.canonicalBytes != expected { failures.append("encode") }
                let copy = try JSON.parse(expected)
                if value != copy || value.hashValue != copy.hashValue { failures.append("equality") }
                if value.canonicalText.utf8.count != expected.count { failures.append("canonicalText") }
            } catch {
                failures.append("parse: \(error)")
            }
            // Far too deep: rejected without recursing.
            let huge = [UInt8](repeating: UInt8(ascii: "["), count: 200_000)
            if (try? JSON.parse(huge)) != nil { failures.append("huge parse") }
            var out: [UInt8] = []
            if JSON.canonicalizeAuto(huge, into: &out) { failures.append("huge auto") }
            return failures
        }
        #expect(results == [])
    }

    @Test func deepValuesBuiltInCodeEncodeIteratively() {
        // 5,000 levels: more than JSON text may hold; releasing such a value takes more stack.
        let results = onSmallStack(16 << 20) { () -> [String] in
            var value: JSONValue = 1
            for level in 0..<5_000 { value = level % 2 == 0 ? [value] : ["k": value] }
            let text = value.canonicalBytes
            let ok = text.count == 2_500 * 2 + 2_500 * 7 + 1 && text.first == UInt8(ascii: "{")
            return ok ? [] : ["\(text.count) bytes"]
        }
        #expect(results == [])
    }
}

@Suite(.enabled(if: PythonOracle.isAvailable, "needs python3"))
struct DepthLimitOracleTests {
    @Test func depthsAroundTheLimitMatchPython() throws {
        var inputs: [[UInt8]] = []
        for kind in 0..<4 {
            for depth in (DepthLimitTests.limit - 3)...(DepthLimitTests.limit + 3) {
                inputs.append(Array(DepthLimitTests.nested(depth, kind).utf8))
            }
        }
        var gen = RandomJSONText(seed: 21)
        for depth in (DepthLimitTests.limit - 2)...(DepthLimitTests.limit + 2) {
            for _ in 0..<3 { inputs.append(gen.deepText(depth: depth)) }
        }
        let canon = try PythonOracle.map("canon", inputs)
        let auto = try PythonOracle.map("auto", inputs)
        var accepted = 0
        var rejected = 0
        var mismatches: [String] = []
        for (n, input) in inputs.enumerated() {
            let ours = canonicalBothWays(input).map { "+" + String(decoding: $0, as: UTF8.self) } ?? "-"
            if ours != canon[n] { mismatches.append("canon #\(n): python \(canon[n].prefix(20))") }
            if ours == "-" { rejected += 1 } else { accepted += 1 }
            var out: [UInt8] = []
            JSON.canonicalizeAuto(input, into: &out)
            if String(decoding: out, as: UTF8.self) != auto[n] { mismatches.append("auto #\(n)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        // Both sides of the limit were exercised.
        #expect(accepted >= 16 && rejected >= 12)
    }
}
