import PotteryJSON
import Testing

@Suite struct JSONValueTests {
    @Test func parseBuildsCanonicalTrees() throws {
        let value = try JSON.parse(
            #" {"b": [1, 2.5, "x", null, true], "a": {"d": -0, "c": 1e400}, "b": false} "#)
        let expected: JSONValue = .object([
            JSONMember(
                key: "a",
                value: .object([
                    JSONMember(key: "c", value: .float(.infinity)),
                    JSONMember(key: "d", value: .integer("0")),
                ])),
            JSONMember(key: "b", value: .bool(false)),
        ])
        #expect(value == expected)
        #expect(value.canonicalText == #"{"a": {"c": Infinity, "d": 0}, "b": false}"#)
        #expect(value["a"]?["c"]?.doubleValue == .infinity)
        #expect(value["zz"] == nil)
        #expect(
            try JSON.parse("[1, 2.5, \"x\", null, true]")
                == .array([.integer("1"), .float(2.5), .string("x"), .null, .bool(true)]))
        #expect(
            try JSON.parse("123456789012345678901234567890") == .integer("123456789012345678901234567890"))
        #expect(try JSON.parse(#""\ud800""#) == .string(JSONString(wtf8: [0xED, 0xA0, 0x80])))
    }

    @Test func parseOverloads() throws {
        let bytes = Array(#"{"k": [1]}"#.utf8)
        let expected: JSONValue = ["k": [1]]
        #expect(try JSON.parse(bytes) == expected)
        #expect(try JSON.parse(bytes[...]) == expected)
        #expect(try bytes.withUnsafeBufferPointer { try JSON.parse($0) } == expected)
        #expect(try JSON.parse(#"{"k": [1]}"#) == expected)
        #expect(try JSON.parse(AnyCollection(bytes)) == expected)
    }

    @Test func errorsCarryMessageAndOffset() {
        func error(_ text: String) -> JSONError? {
            do {
                _ = try JSON.parse(text)
                return nil
            } catch {
                return error
            }
        }
        #expect(error("[1, 2 3]") == JSONError(message: "expected ',' or ']'", offset: 6))
        #expect(error("[1, 2 3]")?.description == "expected ',' or ']' at byte 6")
        #expect(error("")?.message == "expected value")
        #expect(error("1 2")?.message == "extra data after JSON value")
        #expect(error(#"{"a" 1}"#) == JSONError(message: "expected ':'", offset: 5))
        #expect(error(#"{"a":1,}"#)?.message == "expected object key in double quotes")
        #expect(error(#"{"a":1 "b"}"#)?.message == "expected ',' or '}'")
        #expect(error("\"abc")?.message == "unterminated string")
        #expect(error("\"a\tb\"") == JSONError(message: "invalid control character in string", offset: 2))
        #expect(error(#""\x""#)?.message == "invalid escape")
        #expect(error(#""\u12x4""#)?.message == #"invalid \uXXXX escape"#)
        #expect(error(String(repeating: "9", count: 4301))?.message == "integer has more than 4300 digits")
        var out: [UInt8] = []
        #expect(throws: JSONError(message: "invalid UTF-8", offset: 1)) {
            try JSON.canonicalize([0x22, 0xFF, 0x22], into: &out)
        }
    }

    @Test func equalityIsCanonicalTextEquality() {
        #expect(JSONValue.float(.nan) == .float(.nan))
        #expect(JSONValue.float(0.0) != .float(-0.0))
        #expect(JSONValue.integer("1") != .float(1.0))
        #expect(Set<JSONValue>([.float(.nan), .float(.nan), .float(0.0), .float(-0.0)]).count == 3)
        #expect(Set<JSONValue>(["a", "a", 1, 1, [1], [1]]).count == 3)
    }

    @Test func literalsAndAccessors() {
        let v: JSONValue = ["z": 1, "a": [true, .null, 2.5, "s"], "z": 3]
        #expect(v.canonicalText == #"{"a": [true, null, 2.5, "s"], "z": 3}"#)
        #expect(v["z"]?.intValue == 3)
        #expect(v["a"]?.arrayValue?.count == 4)
        #expect(v["a"]?.arrayValue?[3].stringValue == "s")
        #expect(v["a"]?.arrayValue?[0].boolValue == true)
        #expect(v["a"]?.arrayValue?[1].isNull == true)
        #expect(v.objectValue?.map(\.key) == ["a", "z"])
        #expect(JSONValue(42).canonicalText == "42")
        #expect(JSONValue("x").canonicalBytes == Array(#""x""#.utf8))
        #expect(JSONValue(0.1 + 0.2).description == "0.30000000000000004")
        #expect(JSONValue.integer("99999999999999999999").intValue == nil)
        #expect(JSONValue.integer("99999999999999999999").doubleValue == 1e20)
    }

    @Test func encodeSortsObjectsBuiltOutOfOrder() {
        let unsorted: JSONValue = .object([
            JSONMember(key: "b", value: 1), JSONMember(key: "a", value: 2), JSONMember(key: "b", value: 3),
        ])
        #expect(unsorted.canonicalText == #"{"a": 2, "b": 3}"#)
        #expect(JSONValue.sortedObject(unsorted.objectValue!) == ["a": 2, "b": 3])
    }

    @Test func jsonStrings() {
        let lone = JSONString(wtf8: [0x61, 0xED, 0xA0, 0x80])
        #expect(lone.string == "a\u{FFFD}")
        #expect(JSONValue.string(lone).canonicalText == #""a\ud800""#)
        // A surrogate pair spelled as two WTF-8 surrogates is the one code point they encode.
        #expect(JSONString(wtf8: [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]) == "😀")
        #expect(JSONString(wtf8: [0x61, 0xFF]).utf8 == [0x61, 0xEF, 0xBF, 0xBD])
        #expect(JSONString("é").utf8 == [0xC3, 0xA9])
        // Code point order, which WTF-8 byte order follows: a lone U+D800 sorts below U+E000.
        let ordered: [JSONString] = [
            "", "A", "z", "é", JSONString(wtf8: [0xED, 0xA0, 0x80]), "\u{E000}", "\u{FFFF}", "😀",
        ]
        #expect(ordered.shuffled().sorted() == ordered)
        #expect(JSONString("x").description == "x")
    }

    @Test func pythonRepr() {
        let cases: [(Double, String)] = [
            (1e16, "1e+16"), (1e15, "1000000000000000.0"), (0.0001, "0.0001"), (0.00001, "1e-05"),
            (2.5e-7, "2.5e-07"), (1.5e300, "1.5e+300"), (-0.0, "-0.0"), (0, "0.0"),
            (.leastNonzeroMagnitude, "5e-324"),
            (.infinity, "Infinity"), (-.infinity, "-Infinity"), (.nan, "NaN"), (123.456, "123.456"),
            (1, "1.0"),
            (-1e-7, "-1e-07"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"), (1e100, "1e+100"),
        ]
        for (d, text) in cases { #expect(JSON.pythonRepr(d) == text) }
    }
}
