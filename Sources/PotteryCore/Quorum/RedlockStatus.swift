/// What `Redlock/status()` finds: held when a quorum of masters hold one token; the time left is
/// how long a quorum still will (the quorum-th longest PTTL among them); -1 when a quorum hold it
/// without expiry; 0 when free.
public struct RedlockStatus: Sendable, Equatable {
    /// Whether a quorum of masters hold one token.
    public var locked: Bool
    /// How long a quorum still holds it, in milliseconds; -1 without expiry, 0 when free.
    public var ttlMilliseconds: Int

    /// A status as given.
    public init(locked: Bool, ttlMilliseconds: Int) {
        self.locked = locked
        self.ttlMilliseconds = ttlMilliseconds
    }
}
