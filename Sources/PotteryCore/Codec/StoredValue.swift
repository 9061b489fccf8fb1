public import PotteryJSON

/// A value exactly as it is stored in Redis: canonical JSON text (SPEC §8.1), kept as bytes so it
/// can be passed on without being decoded and encoded again.
public struct StoredValue: Sendable, Hashable {
    /// The stored bytes.
    public var bytes: [UInt8]

    /// Wraps bytes that are already in stored form.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The stored form of a JSON value.
    public init(_ value: JSONValue) { self.bytes = value.canonicalBytes }

    /// The stored bytes as text (invalid UTF-8 shown as U+FFFD).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The JSON value behind the bytes; throws ``PotteryError/Kind/notJSON``.
    public func json() throws(PotteryError) -> JSONValue {
        try JSONValueCodec().decode(bytes)
    }
}

extension StoredValue: CustomStringConvertible {
    /// The stored bytes as text (invalid UTF-8 shown as U+FFFD).
    public var description: String { text }
}

/// Stores ``StoredValue``s as they are: no decoding, no encoding.
public struct StoredValueCodec: RedisCodec {
    /// The codec; it has no settings.
    public init() {}

    @inlinable public func encode(_ value: StoredValue) -> [UInt8] { value.bytes }

    @inlinable public func decode(_ stored: [UInt8]) -> StoredValue { StoredValue(bytes: stored) }
}
