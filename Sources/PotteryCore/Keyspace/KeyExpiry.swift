/// A key's time to live, as TTL or PTTL report it.
public enum KeyExpiry: Sendable, Equatable {
    /// There is no such key.
    case noKey
    /// The key exists and does not expire.
    case persistent
    /// The key expires after this many seconds (TTL) or milliseconds (PTTL).
    case expiresIn(Int)
}
