/// What one extension of a ``Redlock`` lease found (``Redlock/renew(token:milliseconds:wait:)``).
public enum LeaseRenewal: Sendable, Equatable {
    /// A quorum of masters extended it.
    case extended
    /// So many masters answered that they do not hold the token that no quorum can: lost.
    case lost
    /// Too few masters answered either way (timeouts, errors); the lease may still be held.
    case undecided
}
