/// The keyed container of `ValueDecoder`: members of an object, looked up by `Key.stringValue`.
struct KeyedValueDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    /// Sorted by key, unique keys (a `JSONValue` object).
    let members: [JSONMember]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key.string) } }

    func contains(_ key: Key) -> Bool { lookup(key) != nil }

    private func lookup(_ key: any CodingKey) -> JSONValue? { JSONValue.object(members)[key.stringValue] }

    private func value(_ key: Key) throws(DecodingError) -> JSONValue {
        guard let value = lookup(key) else {
            throw .keyNotFound(
                key,
                .init(
                    codingPath: codingPath,
                    debugDescription:
                        "No value associated with key \(key.stringValue) (\"\(key.stringValue)\")."))
        }
        return value
    }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }
    func decode(_: Bool.Type, forKey key: Key) throws -> Bool { try Unbox.bool(value(key), path(key)) }
    func decode(_: String.Type, forKey key: Key) throws -> String { try Unbox.string(value(key), path(key)) }
    func decode(_: Double.Type, forKey key: Key) throws -> Double { try Unbox.double(value(key), path(key)) }
    func decode(_: Float.Type, forKey key: Key) throws -> Float { try Unbox.float(value(key), path(key)) }
    func decode(_ t: Int.Type, forKey key: Key) throws -> Int { try Unbox.integer(value(key), t, path(key)) }
    func decode(_ t: Int8.Type, forKey key: Key) throws -> Int8 {
        try Unbox.integer(value(key), t, path(key))
    }
    func decode(_ t: Int16.Type, forKey key: Key) throws -> Int16 {
        try Unbox.integer(value(key), t, path(key))
    }
    func decode(_ t: Int32.Type, forKey key: Key) throws -> Int32 {
        try Unbox.integer(value(key), t, path(key))
    }
    func decode(_ t: Int64.Type, forKey key: Key) throws -> Int64 {
        try Unbox.integer(value(key), t, path(key))
    }
    func decode(_ t: UInt.Type, forKey key: Key) throws -> UInt {
        try Unbox.integer(value(key), t, path(key))
    }
    func decode(_ t: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try Unbox.integer(value(key), t, path(key))
    }
    func decode(_ t: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try Unbox.integer(value(key), t, path(key))
    }
    func decode(_ t: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try Unbox.integer(value(key), t, path(key))
    }
    func decode(_ t: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try Unbox.integer(value(key), t, path(key))
    }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func decode(_ t: Int128.Type, forKey key: Key) throws -> Int128 {
        try Unbox.integer(value(key), t, path(key))
    }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func decode(_ t: UInt128.Type, forKey key: Key) throws -> UInt128 {
        try Unbox.integer(value(key), t, path(key))
    }

    func decode<T: Decodable>(_: T.Type, forKey key: Key) throws -> T {
        try decoder.child(value(key), key).decode(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(value(key), key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(value(key), key).unkeyedContainer()
    }

    /// A decoder for the member `super` (null if there is none, as in Foundation).
    func superDecoder() throws -> any Decoder {
        decoder.child(lookup(JSONCodingKey.super) ?? .null, JSONCodingKey.super)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.child(lookup(key) ?? .null, key)
    }
}
