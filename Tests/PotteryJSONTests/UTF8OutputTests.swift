import PotteryJSON
import Testing

/// The default output (SPEC 3): the canonical text in UTF-8, as Python's `ensure_ascii=False` writes
/// it, lone surrogates still escaped; on a terminal DEL and C1 controls stay escaped too.
@Suite struct UTF8OutputTests {
    static func utf8(_ canonical: String, terminal: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        Array(canonical.utf8).withUnsafeBufferPointer {
            JSON.appendUTF8(ofCanonical: $0, keepingC1Escaped: terminal, into: &out)
        }
        return out
    }

    @Test func escapesOfNonASCIICharactersAreWrittenAsThem() {
        #expect(Self.utf8(#""caf\u00e9""#) == Array(#""café""#.utf8))
        #expect(Self.utf8(#""\ud83d\ude00 \uffff""#) == Array("\"😀 \u{FFFF}\"".utf8))
        #expect(Self.utf8(#"{"\u65e5": [1, "\u00e9"]}"#) == Array(#"{"日": [1, "é"]}"#.utf8))
    }

    @Test func whatPythonKeepsEscapedStaysEscaped() {
        for kept in [
            #""\ud800 lone""#, #""\udc00\ud800""#, #""\u0000\u001f\n\"\\""#, #""a\\u00e9""#, #""\\\ud800""#,
        ] {
            #expect(Self.utf8(kept) == Array(kept.utf8), "\(kept)")
        }
    }

    @Test func aTerminalKeepsDELAndC1ControlsEscaped() {
        #expect(Self.utf8(#""\u007f\u0085\u009b""#) == [0x22, 0x7F, 0xC2, 0x85, 0xC2, 0x9B, 0x22])
        #expect(Self.utf8(#""\u007f\u0085\u009b""#, terminal: true) == Array(#""\u007f\u0085\u009b""#.utf8))
        #expect(Self.utf8(#""\u00a0""#, terminal: true) == [0x22, 0xC2, 0xA0, 0x22])
    }

    /// Python's own random values (every plane, lone surrogates, controls) through its canonical form.
    @Test(.enabled(if: PythonOracle.isAvailable)) func matchesPythonOnItsOwnValues() throws {
        let generated = try PythonOracle.generate(count: 4_000, seed: 11)
        let canonical = generated.map { Array($0.canonical.utf8) }
        let oracle = try PythonOracle.map("utf8", canonical)
        for (text, expected) in zip(canonical, oracle) {
            var out: [UInt8] = []
            text.withUnsafeBufferPointer {
                JSON.appendUTF8(ofCanonical: $0, keepingC1Escaped: false, into: &out)
            }
            #expect(out == unhex(expected), "\(String(decoding: text, as: UTF8.self))")
        }
    }
}
