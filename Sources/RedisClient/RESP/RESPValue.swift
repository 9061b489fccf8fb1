/// One decoded RESP2 reply.
public enum RESPValue: Sendable, Equatable {
    case simpleString([UInt8])
    /// An error reply, as the full line without the leading `-` (e.g. `WRONGTYPE Operation ...`).
    case error([UInt8])
    case integer(Int64)
    /// `nil` is the null bulk string (`$-1`).
    case bulkString([UInt8]?)
    /// `nil` is the null array (`*-1`).
    case array([RESPValue]?)
}

extension RESPValue {
    /// The bytes of a bulk or simple string; `nil` for anything else, including null.
    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): bytes
        case .simpleString(let bytes): bytes
        default: nil
        }
    }

    /// The value of an integer reply; `nil` for anything else.
    public var int: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The elements of a non-null array; `nil` for anything else.
    public var array: [RESPValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// `true` for the null bulk string and the null array.
    public var isNull: Bool {
        switch self {
        case .bulkString(nil), .array(nil): true
        default: false
        }
    }

    /// A bulk or simple string decoded as UTF-8 (invalid sequences become U+FFFD).
    public var string: String? {
        bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The text of an error reply; `nil` for anything else.
    public var errorMessage: String? {
        if case .error(let bytes) = self { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    /// `true` for an error reply.
    public var isError: Bool {
        if case .error = self { return true }
        return false
    }
}

extension RESPValue: CustomStringConvertible {
    /// A compact, redis-cli-like rendering for logs and test failures.
    public var description: String {
        switch self {
        case .simpleString(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .error(let bytes): return "(error) " + String(decoding: bytes, as: UTF8.self)
        case .integer(let value): return "(integer) \(value)"
        case .bulkString(nil), .array(nil): return "(nil)"
        case .bulkString(let bytes?): return "\"" + String(decoding: bytes, as: UTF8.self) + "\""
        case .array(let elements?): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        }
    }
}
