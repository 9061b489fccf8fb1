import PotteryJSON
import Testing

@Suite struct AutoModeAndRawTests {
    func auto(_ text: String) -> (String, Bool) {
        var out: [UInt8] = []
        let tookJSON = Array(text.utf8).withUnsafeBufferPointer { JSON.canonicalizeAuto($0, into: &out) }
        return (String(decoding: out, as: UTF8.self), tookJSON)
    }

    @Test func specExamples() {
        #expect(auto("jack") == (#""jack""#, false))
        #expect(auto("4098") == ("4098", true))
        #expect(auto("02139") == (#""02139""#, false))
        #expect(auto("true") == ("true", true))
        #expect(auto(#"{"a": 1}"#) == (#"{"a": 1}"#, true))
        #expect(auto(#"{"b":1,"a":2}"#) == (#"{"a": 2, "b": 1}"#, true))
        #expect(auto(#""4098""#) == (#""4098""#, true))
        #expect(auto(" 1 ") == ("1", true))
        #expect(auto("") == (#""""#, false))
        #expect(auto("1e3") == ("1000.0", true))
        #expect(auto(" jack ") == (#"" jack ""#, false))
        #expect(auto("héllo \"x\"\n") == (#""h\u00e9llo \"x\"\n""#, false))
        #expect(auto("[1, 2") == (#""[1, 2""#, false))
        #expect(JSON.canonicalizeAuto("😀 nope") == #""\ud83d\ude00 nope""#)
    }

    @Test func autoEscapesInvalidUTF8LikePythonArgv() {
        var out: [UInt8] = []
        JSON.canonicalizeAuto([0x61, 0xFF, 0x62, 0xED, 0xA0, 0x80, 0xF0, 0x9F, 0x98], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #""a\udcffb\udced\udca0\udc80\udcf0\udc9f\udc98""#)
    }

    @Test func autoAppendsAfterExistingOutput() {
        var out = Array("x\n".utf8)
        JSON.canonicalizeAuto(Array("[1,2".utf8), into: &out)
        JSON.canonicalizeAuto(Array("[1,2]".utf8), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "x\n\"[1,2\"[1, 2]")
    }

    @Test func encodeString() {
        let expected = #""a\"b\\c/\u007f\u0000\u00e9\ud83d\ude00\n""#
        #expect(JSON.encodeString("a\"b\\c/\u{7F}\u{0}é😀\n") == expected)
        #expect(JSON.encodeString("") == #""""#)
        var out: [UInt8] = []
        // Encoded surrogates are not UTF-8: each byte is escaped, as Python's surrogateescape does.
        JSON.encodeString([0xED, 0xA0, 0x80, 0x41, 0xED, 0xBF, 0xBF, 0xFF], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #""\udced\udca0\udc80A\udced\udcbf\udcbf\udcff""#)
    }

    @Test func rawStrings() {
        func raw(_ canonical: String) -> String? {
            var out = Array("> ".utf8)
            guard JSON.appendRawString(ofCanonical: Array(canonical.utf8), into: &out) else {
                #expect(out == Array("> ".utf8))
                return nil
            }
            return String(decoding: out.dropFirst(2), as: UTF8.self)
        }
        #expect(raw(#""jack""#) == "jack")
        #expect(raw(#""a\"b\\c\n\u00e9\ud83d\ude00\u007f""#) == "a\"b\\c\né😀\u{7F}")
        #expect(raw(#""\ud800x\udc00""#) == "\u{FFFD}x\u{FFFD}")
        #expect(raw(#""""#) == "")
        #expect(raw("4098") == nil)
        #expect(raw("null") == nil)
        #expect(raw(#"["a"]"#) == nil)
        #expect(raw(#"{"a": 1}"#) == nil)
        #expect(raw(#""abc"#) == nil)
        #expect(raw(#""a" "#) == nil)
        #expect(raw(#""a""b""#) == nil)
        #expect(raw("\"") == nil)
    }
}
