/// Why a byte stream is not valid RESP2. The connection turns it into a `.protocolViolation`.
public struct RESPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
