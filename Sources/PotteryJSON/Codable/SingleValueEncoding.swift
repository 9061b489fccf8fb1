/// The single-value container of `ValueEncoder`: the value replaces whatever the node held.
struct SingleValueEncoding: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ value: JSONValue) {
        encoder.node.elements = nil
        encoder.node.members = nil
        encoder.node.value = value
    }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(JSONString(value))) }
    mutating func encode(_ value: Double) throws { set(.float(value)) }
    mutating func encode(_ value: Float) throws { set(.float(Double(value))) }
    mutating func encode(_ value: Int) throws { set(JSONValue(integer: value)) }
    mutating func encode(_ value: Int8) throws { set(JSONValue(integer: value)) }
    mutating func encode(_ value: Int16) throws { set(JSONValue(integer: value)) }
    mutating func encode(_ value: Int32) throws { set(JSONValue(integer: value)) }
    mutating func encode(_ value: Int64) throws { set(JSONValue(integer: value)) }
    mutating func encode(_ value: UInt) throws { set(JSONValue(integer: value)) }
    mutating func encode(_ value: UInt8) throws { set(JSONValue(integer: value)) }
    mutating func encode(_ value: UInt16) throws { set(JSONValue(integer: value)) }
    mutating func encode(_ value: UInt32) throws { set(JSONValue(integer: value)) }
    mutating func encode(_ value: UInt64) throws { set(JSONValue(integer: value)) }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128) throws { set(JSONValue(integer: value)) }
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128) throws { set(JSONValue(integer: value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        if let json = value as? JSONValue { return set(json) }
        try value.encode(to: encoder)
    }
}
