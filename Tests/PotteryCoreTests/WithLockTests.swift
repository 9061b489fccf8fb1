import Foundation
import PotteryCore
import RedisClient
import RedisTestSupport
import Synchronization
import Testing

/// `lock.withLock { }` and its async twin: the lease is extended while the body runs, a lost lease
/// cancels the async body, and the lock is released on every path.
@Suite struct WithLockTests {
    let server = RedisServerProcess.shared

    func kind(_ error: (any Error)?) -> RedisError.Kind? { (error as? PotteryError)?.redisError?.kind }

    @Test func theAsyncBodyRunsUnderTheLockWithItsFencingToken() async throws {
        let key = uniqueKey("withlock")
        let lock = Redlock(key: key, masters: [try connect()], autoReleaseMilliseconds: 600)
        let (fencing, excluded) = try await lock.withLock { lease -> (Int?, Bool) in
            let other = Redlock(key: key, masters: [try connect()])
            // Three leases long: the lock stays held throughout, extended in the background.
            var excluded = true
            for _ in 0..<18 {
                let acquired = try await other.acquire(blocking: false)
                excluded = excluded && !acquired
                try await Task.sleep(for: .milliseconds(100))
            }
            return (lease.fencingToken, excluded && lease.isHeld)
        }
        #expect(fencing != nil && excluded)
        #expect(try server.cli("EXISTS", "redlock:\(key)") == "0")
    }

    /// The key deleted under the body: the next extension finds the lease lost, the body's task is
    /// cancelled (its long sleep ends at once) and the call throws `leaseLost`.
    @Test func aLostLeaseCancelsTheAsyncBody() async throws {
        let key = uniqueKey("withlock")
        let lock = Redlock(key: key, masters: [try connect()], autoReleaseMilliseconds: 600)
        let sawCancellation = Mutex(false)
        let error = await #expect(throws: (any Error).self) {
            try await lock.withLock { _ in
                _ = try RedisServerProcess.shared.cli("DEL", "redlock:\(key)")
                do {
                    try await Task.sleep(for: .seconds(60))
                } catch is CancellationError {
                    sawCancellation.withLock { $0 = true }
                    throw CancellationError()
                }
            }
        }
        #expect(kind(error) == .leaseLost, "\(String(describing: error))")
        #expect(sawCancellation.withLock { $0 })
    }

    /// Cancelling the caller cancels the body, and the lock is released.
    @Test func cancellingTheCallerReleasesTheLock() async throws {
        let key = uniqueKey("withlock")
        let lock = Redlock(key: key, masters: [try connect()], autoReleaseMilliseconds: 5000)
        let task = Task { try await lock.withLock { _ in try await Task.sleep(for: .seconds(60)) } }
        let deadline = Date().addingTimeInterval(120)
        while try server.cli("EXISTS", "redlock:\(key)") != "1" {
            guard Date() < deadline else { throw TestSupportError("the lock was never taken") }
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try server.cli("EXISTS", "redlock:\(key)") == "0")
    }

    /// The blocking form cannot stop its body, but tells it: `isHeld` turns false once an extension
    /// finds the lease lost, and the call throws `leaseLost` instead of returning the result.
    @Test func theBlockingFormTellsItsBodyOfALostLease() throws {
        let key = uniqueKey("withlock")
        let lock = Redlock(key: key, masters: [try connect()], autoReleaseMilliseconds: 600)
        #expect {
            try lock.withLock { lease -> Int in
                _ = try RedisServerProcess.shared.cli("DEL", "redlock:\(key)")
                let deadline = Date().addingTimeInterval(120)
                while lease.isHeld && Date() < deadline { usleep(10_000) }
                #expect(!lease.isHeld && lease.loss == .notHeld)
                return 1
            }
        } throws: { kind($0) == .leaseLost }
    }

    @Test func aLockHeldElsewhereIsNotAcquiredAndTheBodyNeverRuns() async throws {
        let key = uniqueKey("withlock")
        // A lease far longer than a loaded machine could take to run this test.
        let holder = Redlock(key: key, masters: [try connect()], autoReleaseMilliseconds: 600_000)
        #expect(try await holder.acquire(blocking: false))
        defer { _ = try? holder.release() as Bool }
        let lock = Redlock(key: key, masters: [try connect()])
        let ran = Mutex(false)
        let error = await #expect(throws: (any Error).self) {
            try await lock.withLock(blocking: false) { _ in ran.withLock { $0 = true } }
        }
        #expect(kind(error) == .notAcquired && !ran.withLock { $0 })
        #expect(throws: (any Error).self) {
            try lock.withLock(blocking: false) { _ in ran.withLock { $0 = true } }
        }
        #expect(!ran.withLock { $0 })
    }
}
