/// The unkeyed container of `ValueDecoder`: items of an array, read in order.
struct UnkeyedValueDecodingContainer: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(decoder: ValueDecoder, elements: [JSONValue], codingPath: [any CodingKey]) {
        self.decoder = decoder
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private var key: JSONCodingKey { JSONCodingKey(index: currentIndex) }

    /// The next item, for a `T`; the index advances only when reading it succeeds.
    private mutating func next<T>(
        _ type: T.Type, _ read: (JSONValue, [any CodingKey]) throws -> T
    ) throws -> T {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                .init(codingPath: codingPath + [key], debugDescription: "Unkeyed container is at end."))
        }
        let value = try read(elements[currentIndex], codingPath + [key])
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any?.self,
                .init(codingPath: codingPath + [key], debugDescription: "Unkeyed container is at end."))
        }
        guard elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ t: Bool.Type) throws -> Bool {
        try next(t) { v, p throws in try Unbox.bool(v, p) }
    }
    mutating func decode(_ t: String.Type) throws -> String {
        try next(t) { v, p throws in try Unbox.string(v, p) }
    }
    mutating func decode(_ t: Double.Type) throws -> Double {
        try next(t) { v, p throws in try Unbox.double(v, p) }
    }
    mutating func decode(_ t: Float.Type) throws -> Float {
        try next(t) { v, p throws in try Unbox.float(v, p) }
    }
    mutating func decode(_ t: Int.Type) throws -> Int { try integer(t) }
    mutating func decode(_ t: Int8.Type) throws -> Int8 { try integer(t) }
    mutating func decode(_ t: Int16.Type) throws -> Int16 { try integer(t) }
    mutating func decode(_ t: Int32.Type) throws -> Int32 { try integer(t) }
    mutating func decode(_ t: Int64.Type) throws -> Int64 { try integer(t) }
    mutating func decode(_ t: UInt.Type) throws -> UInt { try integer(t) }
    mutating func decode(_ t: UInt8.Type) throws -> UInt8 { try integer(t) }
    mutating func decode(_ t: UInt16.Type) throws -> UInt16 { try integer(t) }
    mutating func decode(_ t: UInt32.Type) throws -> UInt32 { try integer(t) }
    mutating func decode(_ t: UInt64.Type) throws -> UInt64 { try integer(t) }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func decode(_ t: Int128.Type) throws -> Int128 { try integer(t) }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func decode(_ t: UInt128.Type) throws -> UInt128 { try integer(t) }

    private mutating func integer<I: FixedWidthInteger>(_ t: I.Type) throws -> I {
        try next(t) { v, p throws in try Unbox.integer(v, t, p) }
    }

    mutating func decode<T: Decodable>(_ t: T.Type) throws -> T {
        let decoder = self.decoder
        return try next(t) { v, p throws in try decoder.child(v, p.last!).decode(t) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let decoder = self.decoder
        return try next(KeyedDecodingContainer<NestedKey>.self) { v, p throws in
            try decoder.child(v, p.last!).container(keyedBy: type)
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let decoder = self.decoder
        return try next((any UnkeyedDecodingContainer).self) { v, p throws in
            try decoder.child(v, p.last!).unkeyedContainer()
        }
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = self.decoder
        return try next((any Decoder).self) { v, p in decoder.child(v, p.last!) }
    }
}
