/// The keyed container of `ValueEncoder`: members of an object, keyed by `Key.stringValue`.
struct KeyedValueEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ValueEncoder
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func set(_ value: JSONValue, _ key: Key) { node.setMember(key.stringValue, EncodingNode(value)) }

    mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.string(JSONString(value)), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(.float(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(.float(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(JSONValue(integer: value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(JSONValue(integer: value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(JSONValue(integer: value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(JSONValue(integer: value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(JSONValue(integer: value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(JSONValue(integer: value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(JSONValue(integer: value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(JSONValue(integer: value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(JSONValue(integer: value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(JSONValue(integer: value), key) }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128, forKey key: Key) throws { set(JSONValue(integer: value), key) }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128, forKey key: Key) throws { set(JSONValue(integer: value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.setMember(key.stringValue, try encoder.box(value, at: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy _: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingNode()
        child.keyed()
        node.setMember(key.stringValue, child)
        return KeyedEncodingContainer(
            KeyedValueEncodingContainer<NestedKey>(
                encoder: encoder.child(child, key), node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodingNode()
        child.unkeyed()
        node.setMember(key.stringValue, child)
        return UnkeyedValueEncodingContainer(
            encoder: encoder.child(child, key), node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(at: JSONCodingKey.super) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(at: key) }

    private func superEncoder(at key: any CodingKey) -> any Encoder {
        let child = EncodingNode()
        node.setMember(key.stringValue, child)
        return encoder.child(child, key)
    }
}
