/// What ``Redlock/status()`` finds: held when a quorum of masters hold one token; the time left is
/// how long a quorum still will (the quorum-th longest PTTL among them); -1 when a quorum hold it
/// without expiry; 0 when free.
public struct RedlockStatus: Sendable, Equatable {
    public var locked: Bool
    public var ttlMilliseconds: Int

    public init(locked: Bool, ttlMilliseconds: Int) {
        self.locked = locked
        self.ttlMilliseconds = ttlMilliseconds
    }
}
