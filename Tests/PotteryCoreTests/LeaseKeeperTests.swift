import Foundation
import PotteryCore
import RedisClient
import RedisTestSupport
import Testing

/// The one lease policy (issue 16): validity counted from when the acquisition started, no lease
/// taken with less than a period left, a lease lost when a quorum refuses it.
@Suite struct LeaseKeeperTests {
    /// A master paused for writes costs the attempt at most what leaves more than a period of the
    /// lease (it used to cost the whole 5 s timeout of a 6 s lease), and the lease is counted from
    /// when the attempt started.
    @Test func aPausedMasterLeavesMoreThanAPeriodOfTheLease() throws {
        let masters = try Masters(3)
        let lock = Redlock(
            key: uniqueKey("lease"), masters: try masters.connections(timeout: 5),
            autoReleaseMilliseconds: 6000)
        // Taken once before, so the masters have the scripts cached (no NOSCRIPT round).
        #expect(try lock.acquire(blocking: false) && lock.release())
        _ = try masters.servers[2].cli("CLIENT", "PAUSE", "20000", "WRITE")
        defer { _ = try? masters.servers[2].cli("CLIENT", "UNPAUSE") }
        let keeper = LeaseKeeper(lock: lock)
        let before = Redlock.monotonicNow()
        #expect(try keeper.acquire(blocking: false))
        let started = try #require(lock.acquisitionStarted)
        #expect(started >= before)
        #expect(keeper.validUntil == started + LeaseKeeper.validity(ttl: 6))
        #expect(keeper.validUntil - Redlock.monotonicNow() > keeper.period)
        #expect(keeper.tick())
    }

    /// A lease whose key another client deleted is lost at the release; ``synchronize`` then throws
    /// `leaseLost` instead of returning `body`'s value (it used to return it).
    @Test func synchronizeThrowsWhenTheLeaseWasNotHeldToTheEnd() throws {
        let key = uniqueKey("lease")
        #expect {
            try synchronize(key: key, masters: [try connect()]) { _ in
                _ = try RedisServerProcess.shared.cli("DEL", "redlock:\(key)")
                return 1
            }
        } throws: { error in
            (error as? PotteryError)?.redisError?.kind == .leaseLost
        }
        let keeper = LeaseKeeper(lock: Redlock(key: key, masters: [try connect()]))
        #expect(try keeper.acquire())
        _ = try RedisServerProcess.shared.cli("DEL", "redlock:\(key)")
        #expect(!keeper.release() && keeper.loss == .notHeld)
    }

    /// A thread of synchronize's own extends the lease while the body runs: a body three leases long
    /// keeps the lock throughout (it used to lapse after one lease, and another holder got it).
    @Test func synchronizeKeepsTheLeaseWhileTheBodyRuns() throws {
        let key = uniqueKey("lease")
        let attempts = try synchronize(key: key, masters: [try connect()], autoReleaseMilliseconds: 600) {
            _ in
            let other = Redlock(key: key, masters: [try connect()], autoReleaseMilliseconds: 600)
            let end = Date().addingTimeInterval(1.8)
            var attempts = 0
            while Date() < end {
                #expect(try !other.acquire(blocking: false), "acquired beside synchronize's body")
                attempts += 1
                usleep(50_000)
            }
            return attempts
        }
        #expect(attempts >= 5)
        #expect(try RedisServerProcess.shared.cli("EXISTS", "redlock:\(key)") == "0")
    }

    /// `cache run --lock`'s lock: a Redlock without fencing counter, exclusive, released.
    @Test func anUnfencedLockIsExclusiveAndLeavesNoCounter() throws {
        let key = uniqueKey("lease")
        let keeper = LeaseKeeper(lock: Redlock(key: key, masters: [try connect()], fencing: false))
        #expect(try keeper.acquire(blocking: false))
        #expect(keeper.lock.fencingToken == nil)
        let other = LeaseKeeper(lock: Redlock(key: key, masters: [try connect()], fencing: false))
        #expect(try !other.acquire(blocking: false))
        #expect(keeper.tick(now: keeper.validUntil - keeper.period) && keeper.extensions == 1)
        #expect(keeper.release())
        #expect(try other.acquire(blocking: false))
        #expect(other.release())
        #expect(try RedisServerProcess.shared.cli("KEYS", "*\(key)*") == "")
    }
}
