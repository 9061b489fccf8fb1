/// Failures of pottery's own making, beside the ``RedisError``s of the client.
public struct PotteryError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// A stored value is not JSON, so it cannot be decoded (Python pottery would fail the same way).
        case notJSON
        /// A value or argument that cannot be used (bad JSON in strict input, a bad index).
        case invalidValue
    }

    public var kind: Kind
    public var message: String
    public var key: String?

    public init(_ kind: Kind, _ message: String, key: String? = nil) {
        self.kind = kind
        self.message = message
        self.key = key
    }

    public var description: String { key.map { "\($0): \(message)" } ?? message }
}
