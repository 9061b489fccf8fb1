import Foundation
import PotteryJSON
import Testing

/// `JSONValueEncoder` / `JSONValueDecoder`: Codable values to and from `JSONValue`.
@Suite struct CodableTests {
    enum Color: String, Codable, Equatable { case red, green }

    enum Shape: Codable, Equatable {
        case circle(radius: Double)
        case square(side: Int, label: String?)
        case empty
    }

    struct Inner: Codable, Equatable {
        var id: Int
        var tags: [String]
        var weight: Float?
    }

    struct Outer: Codable, Equatable {
        var name: String
        var active: Bool
        var color: Color
        var shapes: [Shape]
        var inner: Inner
        var maybe: Inner?
        var scores: [String: Double]
        var byNumber: [Int: String]
        var matrix: [[Int8]]
        var note: String?
    }

    static let sample = Outer(
        name: "caf\u{E9} 😀", active: true, color: .green,
        shapes: [.circle(radius: 1.5), .square(side: 2, label: nil), .square(side: 3, label: "x"), .empty],
        inner: Inner(id: 7, tags: ["a", "b"], weight: 0.5), maybe: nil,
        scores: ["z": 1, "a": -0.0], byNumber: [10: "ten", 2: "two"], matrix: [[1, -128], [], [127]],
        note: nil)

    @Test func roundTripsNestedStructsEnumsOptionalsArraysAndDictionaries() throws {
        let value = try JSONValueEncoder().encode(Self.sample)
        #expect(try JSONValueDecoder().decode(Outer.self, from: value) == Self.sample)
        let text = value.canonicalText
        #expect(
            text.hasPrefix(#"{"active": true, "byNumber": {"10": "ten", "2": "two"}, "color": "green", "#))
        #expect(text.contains(#""inner": {"id": 7, "tags": ["a", "b"], "weight": 0.5}"#))
        #expect(text.contains(#""matrix": [[1, -128], [], [127]]"#))
        #expect(text.contains(#""name": "caf\u00e9 \ud83d\ude00""#))
        #expect(text.contains(#""scores": {"a": -0.0, "z": 1.0}"#))
        #expect(text.contains(#"{"square": {"_0"#) == false)
        #expect(text.contains(#"{"square": {"label": "x", "side": 3}}"#))
        #expect(!text.contains("maybe") && !text.contains("note"))  // nil optionals are left out
        // The stored bytes are canonical: reading them as JSON gives them back unchanged.
        #expect(try JSON.canonicalize(text) == text)
        #expect(try JSON.parse(text) == value)
    }

    @Test func sameObjectAsFoundationsJSONEncoder() throws {
        // Foundation writes integral doubles as integers (`1`, `-0`), so compare without doubles.
        var sample = Self.sample
        sample.shapes.removeFirst()
        sample.inner.weight = nil
        sample.scores = [:]
        let foundation = try JSONEncoder().encode(sample)
        let ours = try JSONValueEncoder().encode(sample)
        #expect(try JSON.parse(Array(foundation)) == ours)
        #expect(ours["byNumber"] == ["10": "ten", "2": "two"])
    }

    @Test func integersAtTheirLimits() throws {
        struct Limits: Codable, Equatable {
            var i8 = Int8.min, i16 = Int16.min, i32 = Int32.min, i64 = Int64.min, i = Int.max
            var u8 = UInt8.max, u16 = UInt16.max, u32 = UInt32.max, u64 = UInt64.max, u = UInt.max
        }
        let value = try JSONValueEncoder().encode(Limits())
        #expect(value["i64"] == .integer("-9223372036854775808"))
        #expect(value["i"] == .integer("9223372036854775807"))
        #expect(value["u64"] == .integer("18446744073709551615"))
        #expect(try JSONValueDecoder().decode(Limits.self, from: value) == Limits())
        #expect(
            try JSONValueEncoder().encode([Int64.min, Int64.max]).canonicalText
                == "[-9223372036854775808, 9223372036854775807]")
        if #available(macOS 15.0, *) {
            let big = try JSONValueEncoder().encode([Int128.min, Int128(UInt128.max >> 1)])
            #expect(
                big.canonicalText
                    == "[-170141183460469231731687303715884105728, 170141183460469231731687303715884105727]")
            #expect(
                try JSONValueDecoder().decode([Int128].self, from: big) == [
                    Int128.min, Int128(UInt128.max >> 1),
                ])
        }
    }

    @Test func integersOutOfRangeThrowInsteadOfTrapping() throws {
        let decoder = JSONValueDecoder()
        let huge: JSONValue = .integer("123456789012345678901234567890")
        func corrupted(_ body: () throws -> Void) -> Bool {
            do {
                try body()
            } catch DecodingError.dataCorrupted {
                return true
            } catch {
                return false
            }
            return false
        }
        #expect(corrupted { _ = try decoder.decode(Int.self, from: huge) })
        #expect(corrupted { _ = try decoder.decode(UInt64.self, from: huge) })
        #expect(corrupted { _ = try decoder.decode(Int64.self, from: .integer("9223372036854775808")) })
        #expect(corrupted { _ = try decoder.decode(Int64.self, from: .integer("-9223372036854775809")) })
        #expect(corrupted { _ = try decoder.decode(UInt64.self, from: .integer("18446744073709551616")) })
        #expect(corrupted { _ = try decoder.decode(UInt.self, from: .integer("-1")) })
        #expect(corrupted { _ = try decoder.decode(UInt8.self, from: .integer("256")) })
        #expect(corrupted { _ = try decoder.decode(Int8.self, from: .integer("-129")) })
        #expect(corrupted { _ = try decoder.decode(Int16.self, from: .integer("32768")) })
        #expect(corrupted { _ = try decoder.decode(Int32.self, from: .integer("2147483648")) })
        #expect(corrupted { _ = try decoder.decode(UInt32.self, from: .integer("4294967296")) })
        #expect(corrupted { _ = try decoder.decode(UInt16.self, from: .integer("65536")) })
        #expect(corrupted { _ = try decoder.decode(Int.self, from: .float(1.5)) })
        #expect(corrupted { _ = try decoder.decode(Int.self, from: .float(.nan)) })
        #expect(corrupted { _ = try decoder.decode(Int.self, from: .float(.infinity)) })
        #expect(corrupted { _ = try decoder.decode(Int64.self, from: .float(9.3e18)) })
        #expect(corrupted { _ = try decoder.decode(Float.self, from: .float(1e300)) })
        #expect(
            corrupted {
                _ = try decoder.decode(Double.self, from: .integer("1" + String(repeating: "0", count: 400)))
            })
        // In range: integral floats, big integers as doubles, the exact limits.
        #expect(try decoder.decode(Int.self, from: .float(2.0)) == 2)
        #expect(try decoder.decode(Double.self, from: huge) == 1.2345678901234568e29)
        #expect(try decoder.decode(Int8.self, from: .integer("-128")) == -128)
        #expect(try decoder.decode([UInt64].self, from: [.integer("18446744073709551615")]) == [UInt64.max])
        // The path of the offending number is reported.
        do {
            _ = try decoder.decode([String: [UInt8]].self, from: ["k": [1, 300]])
            Issue.record("no error")
        } catch {
            guard case .dataCorrupted(let context) = error else { return fail("\(error)") }
            #expect(context.codingPath.map(\.stringValue) == ["k", "Index 1"])
            #expect(context.debugDescription == "Number 300 does not fit in UInt8.")
        }
    }

    @Test func floatsIncludingNaNAndInfinityAsPythonWritesThem() throws {
        let values: [Double] = [.nan, .infinity, -.infinity, -0.0, 1e16, .leastNonzeroMagnitude, 0.1]
        let encoded = try JSONValueEncoder().encode(values)
        #expect(encoded.canonicalText == "[NaN, Infinity, -Infinity, -0.0, 1e+16, 5e-324, 0.1]")
        let decoded = try JSONValueDecoder().decode([Double].self, from: encoded)
        #expect(decoded[0].isNaN && decoded[1...] == values[1...])
        let floats: [Float] = [.nan, -.infinity, 0.1, 3]
        let f = try JSONValueEncoder().encode(floats)
        #expect(f.canonicalText == "[NaN, -Infinity, 0.10000000149011612, 3.0]")
        let back = try JSONValueDecoder().decode([Float].self, from: f)
        #expect(back[0].isNaN && back[1...] == floats[1...])
        #expect(try JSONValueDecoder().decode(Float.self, from: 3) == 3)
    }

    @Test func wrongTypesThrowTypeMismatchWithThePath() throws {
        let value: JSONValue = [
            "id": 7, "tags": ["a", 5], "weight": .null,
        ]
        do {
            _ = try JSONValueDecoder().decode(Inner.self, from: value)
            Issue.record("no error")
        } catch {
            guard case .typeMismatch(let type, let context) = error else { return fail("\(error)") }
            #expect(ObjectIdentifier(type) == ObjectIdentifier(String.self))
            #expect(context.codingPath.map(\.stringValue) == ["tags", "Index 1"])
            #expect(context.codingPath.last?.intValue == 1)
        }
        let mismatches: [(JSONValue, String)] = [
            (["id": "7", "tags": []], "id"), (["id": 7, "tags": "a"], "tags"), ([1, 2], ""),
            (["id": 7, "tags": [], "weight": "heavy"], "weight"), (["id": true, "tags": []], "id"),
        ]
        for (value, path) in mismatches {
            do {
                _ = try JSONValueDecoder().decode(Inner.self, from: value)
                Issue.record("no error for \(value)")
            } catch {
                guard case .typeMismatch(_, let context) = error else { return fail("\(error)") }
                #expect(context.codingPath.map(\.stringValue).joined(separator: ".") == path, "\(value)")
            }
        }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Bool.self, from: 1) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(String.self, from: 1) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Color.self, from: "blue") }
    }

    @Test func missingKeysAndNullsAreReported() throws {
        do {
            _ = try JSONValueDecoder().decode(Outer.self, from: ["name": "x"])
            Issue.record("no error")
        } catch {
            guard case .keyNotFound(let key, let context) = error else { return fail("\(error)") }
            #expect(key.stringValue == "active")
            #expect(context.codingPath.isEmpty)
        }
        do {
            _ = try JSONValueDecoder().decode([Inner].self, from: [["id": 1, "tags": []], ["id": 2]])
            Issue.record("no error")
        } catch {
            guard case .keyNotFound(let key, let context) = error else { return fail("\(error)") }
            #expect(key.stringValue == "tags")
            #expect(context.codingPath.map(\.stringValue) == ["Index 1"])
        }
        do {
            _ = try JSONValueDecoder().decode(Inner.self, from: ["id": .null, "tags": []])
            Issue.record("no error")
        } catch {
            guard case .valueNotFound(_, let context) = error else { return fail("\(error)") }
            #expect(context.codingPath.map(\.stringValue) == ["id"])
        }
        // Optional members: missing or null are nil.
        let inner = try JSONValueDecoder().decode(Inner.self, from: ["id": 1, "tags": [], "weight": .null])
        #expect(inner == Inner(id: 1, tags: [], weight: nil))
        #expect(try JSONValueDecoder().decode(Int?.self, from: .null) == nil)
        #expect(try JSONValueEncoder().encode(Int?.none) == .null)
        #expect(try JSONValueEncoder().encode([1, nil, 3] as [Int?]).canonicalText == "[1, null, 3]")
    }

    @Test func intKeyedDictionariesUseDecimalTextKeys() throws {
        let dictionary: [Int: [String: Bool]] = [-1: ["a": true], 100: [:]]
        let value = try JSONValueEncoder().encode(dictionary)
        #expect(value.canonicalText == #"{"-1": {"a": true}, "100": {}}"#)
        #expect(try JSONValueDecoder().decode([Int: [String: Bool]].self, from: value) == dictionary)
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode([Int: Int].self, from: ["x": 1]) }
        // Other key types are arrays of alternating keys and values, as in Foundation.
        let pairs = try JSONValueEncoder().encode([Color.red: 1])
        #expect(pairs.canonicalText == #"{"red": 1}"# || pairs.canonicalText == #"["red", 1]"#)
        #expect(try JSONValueDecoder().decode([Color: Int].self, from: pairs) == [.red: 1])
    }

    class Base: Codable {
        var id: Int
        init(id: Int) { self.id = id }
    }

    final class Derived: Base, @unchecked Sendable {
        var name: String
        init(id: Int, name: String) {
            self.name = name
            super.init(id: id)
        }
        enum CodingKeys: String, CodingKey { case name, base }
        required init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            try super.init(from: container.superDecoder())
        }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try super.encode(to: container.superEncoder())
            try super.encode(to: container.superEncoder(forKey: .base))
        }
    }

    @Test func superEncoderAndSuperDecoder() throws {
        let value = try JSONValueEncoder().encode(Derived(id: 4, name: "n"))
        #expect(value.canonicalText == #"{"base": {"id": 4}, "name": "n", "super": {"id": 4}}"#)
        let back = try JSONValueDecoder().decode(Derived.self, from: value)
        #expect(back.id == 4 && back.name == "n")
    }

    /// Hand-written containers: nested keyed and unkeyed containers inside an unkeyed one.
    struct Manual: Codable, Equatable {
        var a: Int
        var b: [String]
        enum Key: String, CodingKey { case a }
        init(a: Int, b: [String]) {
            self.a = a
            self.b = b
        }
        func encode(to encoder: any Encoder) throws {
            var list = encoder.unkeyedContainer()
            var object = list.nestedContainer(keyedBy: Key.self)
            try object.encode(a, forKey: .a)
            var inner = list.nestedUnkeyedContainer()
            for s in b { try inner.encode(s) }
            try list.encodeNil()
            try "end".encode(to: list.superEncoder())
        }
        init(from decoder: any Decoder) throws {
            var list = try decoder.unkeyedContainer()
            a = try list.nestedContainer(keyedBy: Key.self).decode(Int.self, forKey: .a)
            var inner = try list.nestedUnkeyedContainer()
            b = []
            while !inner.isAtEnd { b.append(try inner.decode(String.self)) }
            guard try list.decodeNil() else {
                throw DecodingError.dataCorruptedError(in: list, debugDescription: "nil")
            }
            guard try String(from: list.superDecoder()) == "end", list.isAtEnd else {
                throw DecodingError.dataCorruptedError(in: list, debugDescription: "end")
            }
            _ = try list.decode(Int.self)  // past the end: throws
        }
    }

    @Test func nestedContainersInUnkeyedContainers() throws {
        let value = try JSONValueEncoder().encode(Manual(a: 1, b: ["x", "y"]))
        #expect(value.canonicalText == #"[{"a": 1}, ["x", "y"], null, "end"]"#)
        do {
            _ = try JSONValueDecoder().decode(Manual.self, from: value)
            Issue.record("no error")
        } catch {
            guard case .valueNotFound(_, let context) = error else { return fail("\(error)") }
            #expect(context.codingPath.map(\.stringValue) == ["Index 4"])
        }
    }

    struct Silent: Encodable { func encode(to encoder: any Encoder) throws {} }
    struct Failing: Codable {
        struct Oops: Error {}
        init() {}
        init(from decoder: any Decoder) throws { throw Oops() }
        func encode(to encoder: any Encoder) throws { throw Oops() }
    }

    @Test func encodingErrorsAreTyped() throws {
        do {
            _ = try JSONValueEncoder().encode(Silent())
            Issue.record("no error")
        } catch {
            guard case .invalidValue = error else { return fail("\(error)") }
        }
        do {
            _ = try JSONValueEncoder().encode(Failing())
            Issue.record("no error")
        } catch {
            guard case .invalidValue(_, let context) = error else { return fail("\(error)") }
            #expect(context.underlyingError is Failing.Oops)
        }
        do {
            _ = try JSONValueDecoder().decode(Failing.self, from: .null)
            Issue.record("no error")
        } catch {
            guard case .dataCorrupted(let context) = error else { return fail("\(error)") }
            #expect(context.underlyingError is Failing.Oops)
        }
        // An empty nested value is an empty object, as in Foundation.
        #expect(try JSONValueEncoder().encode([Silent()]).canonicalText == "[{}]")
    }

    @Test func jsonValuesPassThroughAndUserInfoIsVisible() throws {
        struct Wrapper: Codable { var raw: JSONValue }
        let raw: JSONValue = ["b": [1, 2.5, .null], "a": "x"]
        let value = try JSONValueEncoder().encode(Wrapper(raw: raw))
        #expect(value.canonicalText == #"{"raw": {"a": "x", "b": [1, 2.5, null]}}"#)
        #expect(try JSONValueDecoder().decode(Wrapper.self, from: value).raw == raw)

        struct Reads: Encodable {
            func encode(to encoder: any Encoder) throws {
                var c = encoder.singleValueContainer()
                try c.encode(encoder.userInfo[CodingUserInfoKey(rawValue: "k")!] as? String ?? "missing")
            }
        }
        var encoder = JSONValueEncoder()
        encoder.userInfo[CodingUserInfoKey(rawValue: "k")!] = "seen"
        #expect(try encoder.encode(Reads()) == "seen")
    }
}

/// Records an issue (usable as `return fail(...)` in a `guard`).
private func fail(_ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}
