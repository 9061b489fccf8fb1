/// What an encoder has written so far at one place in the value being built. A reference, so
/// that containers handed out earlier keep writing into their parent.
final class EncodingNode {
    /// A scalar or a value written whole (single-value container).
    var value: JSONValue?
    /// Items of an unkeyed container.
    var elements: [EncodingNode]?
    /// Members of a keyed container; a key written twice keeps its last value.
    var members: [String: EncodingNode]?

    init() {}

    init(_ value: JSONValue) { self.value = value }

    /// Whether nothing at all was written here.
    var isEmpty: Bool { value == nil && elements == nil && members == nil }

    /// The finished value; a place where nothing was written is an empty object, as in Foundation.
    var jsonValue: JSONValue {
        if let value { return value }
        if let elements { return .array(elements.map(\.jsonValue)) }
        guard let members else { return .object([]) }
        return .sortedObject(members.map { JSONMember(key: JSONString($0.key), value: $0.value.jsonValue) })
    }

    /// The members dictionary, created on first use (a keyed container replaces anything else).
    func keyed() {
        if members == nil {
            value = nil
            elements = nil
            members = [:]
        }
    }

    /// The elements array, created on first use (an unkeyed container replaces anything else).
    func unkeyed() {
        if elements == nil {
            value = nil
            members = nil
            elements = []
        }
    }

    /// Sets a member (making this an object if it was not one).
    func setMember(_ key: String, _ child: EncodingNode) {
        keyed()
        members![key] = child
    }

    /// Appends an item (making this an array if it was not one).
    func appendElement(_ child: EncodingNode) {
        unkeyed()
        elements!.append(child)
    }
}
