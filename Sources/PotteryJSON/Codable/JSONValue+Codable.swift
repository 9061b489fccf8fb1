/// `JSONValue` is itself Codable: `JSONValueEncoder`/`JSONValueDecoder` take it as it is; other
/// coders see the value it holds.
extension JSONValue: Codable {
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .integer(let text):
            var c = encoder.singleValueContainer()
            if let i = Int64(text) {
                try c.encode(i)
            } else if let u = UInt64(text) {
                try c.encode(u)
            } else {
                try c.encode(Double(text) ?? .nan)
            }
        case .float(let d):
            var c = encoder.singleValueContainer()
            try c.encode(d)
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s.string)
        case .array(let elements):
            var c = encoder.unkeyedContainer()
            for element in elements { try c.encode(element) }
        case .object(let members):
            var c = encoder.container(keyedBy: JSONCodingKey.self)
            for member in members {
                try c.encode(member.value, forKey: JSONCodingKey(stringValue: member.key.string))
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? ValueDecoder {
            self = decoder.value
            return
        }
        if let c = try? decoder.container(keyedBy: JSONCodingKey.self) {
            self = .sortedObject(
                try c.allKeys.map { key in
                    JSONMember(
                        key: JSONString(key.stringValue), value: try c.decode(JSONValue.self, forKey: key))
                })
            return
        }
        if var c = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !c.isAtEnd { elements.append(try c.decode(JSONValue.self)) }
            self = .array(elements)
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .integer(String(i))
        } else if let u = try? c.decode(UInt64.self) {
            self = .integer(String(u))
        } else if let d = try? c.decode(Double.self) {
            self = .float(d)
        } else {
            self = .string(JSONString(try c.decode(String.self)))
        }
    }
}
