#if canImport(Glibc)
    import Glibc
#endif
public import RedisClient

/// The lock `cache run --lock` computes a missing entry under, so one process runs the command and
/// the others wait and then hit. Deliberately narrow (acquire, extend, release) so that Redlock over
/// the quorum masters can take its place: it keeps Redlock's storage on its one server, a random
/// UUID4 token at `redlock:NAME` set with `SET NX PX`, extended and released by Lua compare-and-set.
public final class CacheMissLock: CacheMissLocking {
    public typealias Lease = CacheMissLease

    public let redis: RedisConnection
    /// How long a lease lasts unless extended: Redlock's default, 10 s.
    public let leaseMilliseconds: Int

    public init(redis: RedisConnection, leaseMilliseconds: Int = 10_000) {
        self.redis = redis
        self.leaseMilliseconds = max(leaseMilliseconds, 1)
    }

    /// Waits until the lock on `name` is ours, retrying after a random delay of up to 200 ms, as
    /// Redlock does; nil once `shouldStop` says so (a signal arrived).
    public func acquire(_ name: [UInt8], shouldStop: () -> Bool) throws(PotteryError) -> Lease? {
        while !shouldStop() {
            if let lease = try tryAcquire(name) { return lease }
            Self.pause()
        }
        return nil
    }

    /// One attempt: the lease, or nil while someone else holds the lock.
    public func tryAcquire(_ name: [UInt8]) throws(PotteryError) -> Lease? {
        let key = Array("redlock:".utf8) + name
        let token = Array(Self.uuid4().utf8)
        let reply = try redis.run(
            [
                Array("SET".utf8), key, token, Array("NX".utf8), Array("PX".utf8),
                Array(String(leaseMilliseconds).utf8),
            ],
            key: key)
        switch reply {
        case .simpleString: return Lease(key: key, token: token)
        case .bulkString(nil): return nil
        default: throw redis.wrongShape("OK or nil", reply, [Array("SET".utf8)], key: key)
        }
    }

    /// Extends the lease to a full lease from now; false if it is no longer ours (or Redis failed).
    public func extend(_ lease: Lease) -> Bool {
        let reply = try? redis.eval(
            Self.extendScript, keys: [lease.key],
            arguments: [lease.token, Array(String(leaseMilliseconds).utf8)])
        return reply == .integer(1)
    }

    /// Releases the lease if it is still ours; errors are ignored (the lease then simply expires).
    public func release(_ lease: Lease) {
        _ = try? redis.eval(Self.releaseScript, keys: [lease.key], arguments: [lease.token])
    }

    static let extendScript = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """)

    static let releaseScript = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """)

    /// A random UUID4 in its text form, as Redlock's tokens are.
    static func uuid4() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Sleeps a random 0 to 200 ms between attempts, as Redlock does; a signal cuts it short
    /// (pottery's handlers do not restart it), so the caller can check for it soon.
    public static func pause() {
        let milliseconds = Int.random(in: 0...200)
        var delay = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        _ = nanosleep(&delay, nil)
    }
}
