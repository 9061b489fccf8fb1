// TEMPORARY — delete this file at merge: PotteryJSON provides the real `JSONValueEncoder` and
// `JSONValueDecoder` (same names and calls), and CodableCodec then uses those.
// This stub handles only String, Int, Bool and Double, and throws for anything else.
import PotteryJSON

struct TemporaryCodingUnsupported: Error, CustomStringConvertible {
    var description: String
}

struct JSONValueEncoder {
    init() {}

    func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        switch value {
        case let value as String: return JSONValue(value)
        case let value as Int: return JSONValue(value)
        case let value as Bool: return JSONValue(value)
        case let value as Double: return JSONValue(value)
        default: throw TemporaryCodingUnsupported(description: "\(T.self) is not supported by the stub")
        }
    }
}

struct JSONValueDecoder {
    init() {}

    func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        let decoded: Any?
        switch type {
        case is String.Type: decoded = value.stringValue
        case is Int.Type: decoded = value.intValue
        case is Bool.Type: decoded = value.boolValue
        case is Double.Type:
            if case .float(let double) = value { decoded = double } else { decoded = nil }
        default: throw TemporaryCodingUnsupported(description: "\(T.self) is not supported by the stub")
        }
        guard let result = decoded as? T else {
            throw TemporaryCodingUnsupported(description: "\(value) is not a \(T.self)")
        }
        return result
    }
}
