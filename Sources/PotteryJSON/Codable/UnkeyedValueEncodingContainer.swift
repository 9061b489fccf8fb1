/// The unkeyed container of `ValueEncoder`: items of an array.
struct UnkeyedValueEncodingContainer: UnkeyedEncodingContainer {
    let encoder: ValueEncoder
    let node: EncodingNode
    let codingPath: [any CodingKey]

    var count: Int { node.elements?.count ?? 0 }

    private func append(_ value: JSONValue) { node.appendElement(EncodingNode(value)) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(JSONString(value))) }
    mutating func encode(_ value: Double) throws { append(.float(value)) }
    mutating func encode(_ value: Float) throws { append(.float(Double(value))) }
    mutating func encode(_ value: Int) throws { append(JSONValue(integer: value)) }
    mutating func encode(_ value: Int8) throws { append(JSONValue(integer: value)) }
    mutating func encode(_ value: Int16) throws { append(JSONValue(integer: value)) }
    mutating func encode(_ value: Int32) throws { append(JSONValue(integer: value)) }
    mutating func encode(_ value: Int64) throws { append(JSONValue(integer: value)) }
    mutating func encode(_ value: UInt) throws { append(JSONValue(integer: value)) }
    mutating func encode(_ value: UInt8) throws { append(JSONValue(integer: value)) }
    mutating func encode(_ value: UInt16) throws { append(JSONValue(integer: value)) }
    mutating func encode(_ value: UInt32) throws { append(JSONValue(integer: value)) }
    mutating func encode(_ value: UInt64) throws { append(JSONValue(integer: value)) }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128) throws { append(JSONValue(integer: value)) }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128) throws { append(JSONValue(integer: value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let key = JSONCodingKey(index: count)
        node.appendElement(try encoder.box(value, at: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        let key = JSONCodingKey(index: count)
        let child = EncodingNode()
        child.keyed()
        node.appendElement(child)
        return KeyedEncodingContainer(
            KeyedValueEncodingContainer<NestedKey>(
                encoder: encoder.child(child, key), node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = JSONCodingKey(index: count)
        let child = EncodingNode()
        child.unkeyed()
        node.appendElement(child)
        return UnkeyedValueEncodingContainer(
            encoder: encoder.child(child, key), node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        let key = JSONCodingKey(index: count)
        let child = EncodingNode()
        node.appendElement(child)
        return encoder.child(child, key)
    }
}
