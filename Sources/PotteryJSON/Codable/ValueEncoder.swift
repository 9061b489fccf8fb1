/// The `Encoder` handed to each value: writes into one node.
final class ValueEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    let sendableUserInfo: [CodingUserInfoKey: any Sendable]

    init(node: EncodingNode, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
        self.node = node
        self.codingPath = codingPath
        self.sendableUserInfo = userInfo
    }

    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        node.keyed()
        return KeyedEncodingContainer(
            KeyedValueEncodingContainer<Key>(encoder: self, node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.unkeyed()
        return UnkeyedValueEncodingContainer(encoder: self, node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueEncoding(encoder: self)
    }

    /// A new encoder writing into `node` at `key` below this one.
    func child(_ node: EncodingNode, _ key: any CodingKey) -> ValueEncoder {
        ValueEncoder(node: node, codingPath: codingPath + [key], userInfo: sendableUserInfo)
    }

    /// The node of `value`, encoded at `path`. Scalars are stored directly.
    func box<T: Encodable>(_ value: T, at key: any CodingKey) throws -> EncodingNode {
        if let json = value as? JSONValue { return EncodingNode(json) }
        let node = EncodingNode()
        try value.encode(to: child(node, key))
        return node
    }
}

extension JSONValue {
    init<I: BinaryInteger>(integer: I) { self = .integer(String(integer)) }
}
