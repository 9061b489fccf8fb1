/// The single-value container of `ValueDecoder`.
struct SingleValueDecoding: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    private var value: JSONValue { decoder.value }

    func decodeNil() -> Bool { value == .null }
    func decode(_: Bool.Type) throws -> Bool { try Unbox.bool(value, codingPath) }
    func decode(_: String.Type) throws -> String { try Unbox.string(value, codingPath) }
    func decode(_: Double.Type) throws -> Double { try Unbox.double(value, codingPath) }
    func decode(_: Float.Type) throws -> Float { try Unbox.float(value, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try Unbox.integer(value, type, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try Unbox.integer(value, type, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try Unbox.integer(value, type, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try Unbox.integer(value, type, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try Unbox.integer(value, type, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try Unbox.integer(value, type, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try Unbox.integer(value, type, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try Unbox.integer(value, type, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try Unbox.integer(value, type, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try Unbox.integer(value, type, codingPath) }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func decode(_ type: Int128.Type) throws -> Int128 { try Unbox.integer(value, type, codingPath) }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func decode(_ type: UInt128.Type) throws -> UInt128 { try Unbox.integer(value, type, codingPath) }
    func decode<T: Decodable>(_: T.Type) throws -> T { try decoder.decode(T.self) }
}
