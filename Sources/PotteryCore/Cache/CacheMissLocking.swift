/// What `cache run --lock` needs of a lock, and no more: one attempt, an extension while the command
/// runs, a release. ``CacheMissLock`` does it on the one server; Redlock over the quorum masters can
/// conform instead (its lease is a key and a token too) without the cache changing.
public protocol CacheMissLocking: AnyObject {
    /// How long a lease lasts unless extended; the cache extends it every third of that.
    var leaseMilliseconds: Int { get }
    /// One attempt: the lease, or nil while someone else holds the lock on `name`.
    func tryAcquire(_ name: [UInt8]) throws(PotteryError) -> CacheMissLease?
    /// Extends the lease to a whole lease from now; false if it is no longer ours.
    func extend(_ lease: CacheMissLease) -> Bool
    /// Releases the lease if it is still ours.
    func release(_ lease: CacheMissLease)
}

/// A held lock: the key it is held at and our token.
public struct CacheMissLease: Sendable, Equatable {
    public let key: [UInt8]
    public let token: [UInt8]

    public init(key: [UInt8], token: [UInt8]) {
        self.key = key
        self.token = token
    }
}
