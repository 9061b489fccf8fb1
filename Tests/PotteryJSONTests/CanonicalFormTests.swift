import PotteryJSON
import Testing

/// The rules of SPEC §8.1, each checked by hand against Python 3.11.
@Suite struct CanonicalFormTests {
    @Test func separatorsAndNoNewlines() {
        #expect(canon(#"{"a":[1,2,{"b":null}],"c":true}"#) == #"{"a": [1, 2, {"b": null}], "c": true}"#)
        #expect(canon("[\n 1 ,\r\n\t2 ]") == "[1, 2]")
        #expect(canon("[]") == "[]")
        #expect(canon("{}") == "{}")
        #expect(canon("[ ]") == "[]")
        #expect(canon("{ \n}") == "{}")
        #expect(canon("[[],{}]") == "[[], {}]")
    }

    @Test func asciiEscapes() {
        #expect(canon(#""😀""#) == #""\ud83d\ude00""#)
        #expect(canon("\"\u{7F}\"") == #""\u007f""#)
        #expect(canon(#""\u007F""#) == #""\u007f""#)
        #expect(canon(#""a\"b\\c""#) == #""a\"b\\c""#)
        #expect(canon(#""\/ / \u002f""#) == #""/ / /""#)
        #expect(canon(#""\n\r\t\b\f""#) == #""\n\r\t\b\f""#)
        #expect(canon(#""\u000a\u000D\u0009\u0008\u000c""#) == #""\n\r\t\b\f""#)
        #expect(canon(#""\u0000\u0001\u001f\u0020""#) == #""\u0000\u0001\u001f ""#)
        #expect(canon(#""\u0041\u00e9é\u00E9""#) == #""A\u00e9\u00e9\u00e9""#)
        #expect(
            canon("\"\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\"")
                == #""\u0080\u07ff\u0800\uffff\ud800\udc00\udbff\udfff""#)
        #expect(canon(#""\"\\""#) == #""\"\\""#)
    }

    @Test func surrogates() throws {
        #expect(canon(#""\ud800""#) == #""\ud800""#)
        #expect(canon(#""\udc00\ud800""#) == #""\udc00\ud800""#)
        #expect(canon(#""\ud83d\ude00""#) == #""\ud83d\ude00""#)
        #expect(canon(#""\uD83D\uDE00""#) == #""\ud83d\ude00""#)
        #expect(canon(#""\ud83d\ud83d\ude00""#) == #""\ud83d\ud83d\ude00""#)
        #expect(canon(#""\ud800\n""#) == #""\ud800\n""#)
        #expect(canon(#""\ud800x""#) == #""\ud800x""#)
        #expect(canon(#""\ud800\u12G4""#) == nil)
        #expect(canon(#""\ud800\""#) == nil)
        // A pair given as escapes and the raw character are one value.
        #expect(try JSON.parse(#""\ud83d\ude00""#) == JSON.parse(#""😀""#))
    }

    @Test func rawControlCharactersAreRejected() {
        for c in 0..<0x20 {
            #expect(canonicalBothWays([0x22, UInt8(c), 0x22]) == nil)
        }
        #expect(canon("\"\u{7F}\"") != nil)
    }

    @Test func keysSortedByCodePointRecursively() {
        #expect(
            canon(#"{"b": 1, "a": {"z": 1, "y": [{"d": 0, "c": 0}]}}"#)
                == #"{"a": {"y": [{"c": 0, "d": 0}], "z": 1}, "b": 1}"#)
        // é (U+00E9) sorts after z; U+FFFF before U+10000 although its escape is larger.
        #expect(
            canon(#"{"é": 1, "z": 2, "\uffff": 3, "😀": 4, "A": 5, "": 6}"#)
                == #"{"": 6, "A": 5, "z": 2, "\u00e9": 1, "\uffff": 3, "\ud83d\ude00": 4}"#)
        // Lone surrogates sort by code point: below U+E000, above U+D7FF.
        #expect(
            canon(#"{"\ue000": 1, "\ud800": 2, "\ud7ff": 3, "\udfff": 4}"#)
                == #"{"\ud7ff": 3, "\ud800": 2, "\udfff": 4, "\ue000": 1}"#)
        // Short escapes sort by their code point.
        #expect(
            canon(#"{"\n": 1, "\t": 2, " ": 3, "\"": 4, "\\": 5, "\u0000": 6}"#)
                == #"{"\u0000": 6, "\t": 2, "\n": 1, " ": 3, "\"": 4, "\\": 5}"#)
        #expect(canon(#"{"ab": 1, "a": 2}"#) == #"{"a": 2, "ab": 1}"#)
    }

    @Test func duplicateKeysKeepTheLast() {
        #expect(canon(#"{"a": 1, "a": 2}"#) == #"{"a": 2}"#)
        #expect(canon(#"{"b": 0, "a": 1, "b": 2, "a": 3, "c": 4, "a": 5}"#) == #"{"a": 5, "b": 2, "c": 4}"#)
        #expect(canon(#"{"\u00e9": 1, "é": 2}"#) == #"{"\u00e9": 2}"#)
        #expect(canon(#"{"😀": 1, "\ud83d\ude00": [2]}"#) == #"{"\ud83d\ude00": [2]}"#)
        #expect(canon(#"{"a": {"x": 1}, "a": {"y": 2, "x": 3}}"#) == #"{"a": {"x": 3, "y": 2}}"#)
    }

    @Test func integers() {
        #expect(canon("0") == "0")
        #expect(canon("-0") == "0")
        #expect(canon("-12") == "-12")
        #expect(canon("1000000000000000000000000000000") == "1000000000000000000000000000000")
        #expect(canon("-18446744073709551617") == "-18446744073709551617")
        #expect(canon("02139") == nil)
        #expect(canon("00") == nil)
        #expect(canon("-01") == nil)
        #expect(canon("+1") == nil)
        #expect(canon("-") == nil)
        #expect(canon("--1") == nil)
        #expect(canon(String(repeating: "7", count: 4300)) == String(repeating: "7", count: 4300))
        #expect(canon("-" + String(repeating: "7", count: 4300)) != nil)
        #expect(canon(String(repeating: "7", count: 4301)) == nil)
        #expect(canon("-" + String(repeating: "7", count: 4301)) == nil)
        #expect(canon("[" + String(repeating: "7", count: 4301) + "]") == nil)
        // A float may have any number of digits.
        #expect(canon(String(repeating: "1", count: 4301) + ".0") == "Infinity")
        #expect(canon("0." + String(repeating: "0", count: 5000) + "1e5000") == "0.1")
        // Exponents past a million are exact too (Python: 100000.0 and 10.0).
        #expect(canon("1" + String(repeating: "0", count: 1_000_010) + "e-1000005") == "100000.0")
        #expect(canon("0." + String(repeating: "0", count: 1_000_010) + "1e1000012") == "10.0")
    }

    @Test func floats() {
        let cases: [(String, String)] = [
            ("1e3", "1000.0"), ("1E+2", "100.0"), ("1.0", "1.0"), ("0.1e1", "1.0"),
            ("1e-05", "1e-05"), ("0.00001", "1e-05"), ("0.0001", "0.0001"), ("1e-4", "0.0001"),
            ("1000000000000000.0", "1000000000000000.0"), ("1e15", "1000000000000000.0"),
            ("1e16", "1e+16"), ("10000000000000000.0", "1e+16"), ("2.5e-07", "2.5e-07"),
            ("2.5e-7", "2.5e-07"), ("1.5e300", "1.5e+300"), ("-0.0", "-0.0"), ("0.0", "0.0"),
            ("-0e5", "-0.0"), ("0E-5", "0.0"), ("5e-324", "5e-324"), ("4.9e-324", "5e-324"),
            ("2e-324", "0.0"), ("3e-324", "5e-324"), ("1e400", "Infinity"), ("-1e400", "-Infinity"),
            ("1e-400", "0.0"), ("-1e-400", "-0.0"), ("0.30000000000000004", "0.30000000000000004"),
            ("0.1", "0.1"), ("123.456", "123.456"), ("123.4560", "123.456"), ("100.0", "100.0"),
            ("1.7976931348623157e308", "1.7976931348623157e+308"), ("1.7976931348623159e308", "Infinity"),
            ("2.2250738585072014e-308", "2.2250738585072014e-308"),
            ("9007199254740993.0", "9007199254740992.0"),
            ("123456789012345678901234567890e-10", "1.2345678901234567e+19"), ("1e22", "1e+22"),
            ("1.0e+0000000000000000000000001", "10.0"), ("12345678901234567890.0", "1.2345678901234567e+19"),
            ("-1.5", "-1.5"), ("0.000123", "0.000123"), ("9999999999999999.0", "1e+16"),
            ("1e99999999999999999999", "Infinity"), ("1e-99999999999999999999", "0.0"),
        ]
        for (input, expected) in cases {
            #expect(canon(input) == expected, "\(input)")
        }
        for bad in ["1.", ".5", "1e", "1e+", "1.e5", "-.5", "01.5", "1.5.2", "0x10", "1_000", "١"] {
            #expect(canon(bad) == nil, "\(bad)")
        }
    }

    @Test func specialFloatWords() {
        #expect(canon("NaN") == "NaN")
        #expect(canon("Infinity") == "Infinity")
        #expect(canon("-Infinity") == "-Infinity")
        #expect(canon("[NaN, -Infinity]") == "[NaN, -Infinity]")
        for bad in ["-NaN", "nan", "inf", "Inf", "infinity", "+Infinity", "NaNa", "Infinit", "-Inf"] {
            #expect(canon(bad) == nil, "\(bad)")
        }
    }

    @Test func literalsAndWhitespace() {
        #expect(canon("true") == "true")
        #expect(canon("false") == "false")
        #expect(canon("null") == "null")
        #expect(canon(" \t\n\r1\r\n") == "1")
        for bad in [
            "", " ", "\u{0C}1", "\u{0B}1", "1\u{0C}", "\u{A0}1", "\u{FEFF}1", "True", "nul", "truex",
            "1 2", "[1,]", "[,1]", "{\"a\":1,}", "{,}", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{1: 2}",
            "{'a': 1}",
            "[", "]", "{", "}", "\"abc", "\"\\x\"", "\"\\U0041\"", "\"\\u12\"", "[1]]", "\"\\\"",
        ] {
            #expect(canon(bad) == nil, "\(bad)")
        }
    }

    @Test func invalidUTF8IsRejected() {
        let cases: [[UInt8]] = [
            [0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
            [0x22, 0xE2, 0x82, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0x80, 0x22], [0xFF],
        ]
        for bytes in cases { #expect(canonicalBothWays(bytes) == nil, "\(hex(bytes))") }
        #expect(canonicalBothWays([0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]) == Array(#""\udbff\udfff""#.utf8))
    }
}
