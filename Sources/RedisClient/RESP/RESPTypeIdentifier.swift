/// The first byte of every RESP2 value, naming its type.
///
/// RESP3 type bytes (`_`, `#`, `,`, `%`, `~`, ...) are not listed: this client speaks RESP2
/// only, and the parser rejects any other byte as a protocol violation.
public enum RESPTypeIdentifier: UInt8, Sendable, CaseIterable {
    /// `+OK\r\n`
    case simpleString = 0x2B
    /// `-ERR message\r\n`
    case error = 0x2D
    /// `:42\r\n`
    case integer = 0x3A
    /// `$5\r\nhello\r\n`, or `$-1\r\n` for null
    case bulkString = 0x24
    /// `*2\r\n...`, or `*-1\r\n` for null
    case array = 0x2A
}
