import Foundation
import PotteryCore
import RedisClient
import RedisTestSupport
import Testing

@Suite struct NextIdTests {
    @Test func nextBlocksCurrentAndResetOnPythonsKey() throws {
        let redis = try connect()
        let key = uniqueKey("ids")
        let ids = NextId(key: key, masters: [redis])
        #expect(try ids.current() == 0)
        #expect(try ids.next() == 1)
        #expect(try ids.next() == 2)
        #expect(try ids.next(count: 1000) == 3...1002)
        #expect(try ids.current() == 1002)
        #expect(try RedisServerProcess.shared.cli("GET", "nextid:\(key)") == "1002")
        try ids.reset()
        #expect(try RedisServerProcess.shared.cli("EXISTS", "nextid:\(key)") == "0")
        #expect(try ids.next() == 1)
    }

    @Test func takesTheMaximumOverTheQuorumAndRejectsGarbage() throws {
        let masters = try Masters(3)
        let key = uniqueKey("ids")
        try masters.servers[1].cli("SET", "nextid:\(key)", "77")
        let ids = NextId(key: key, masters: try masters.connections())
        #expect(try ids.next() == 78)
        for server in masters.servers { #expect(try server.cli("GET", "nextid:\(key)") == "78") }
        try masters.servers[0].cli("SET", "nextid:\(key)", "\(NextId.maximum)")
        let error = potteryError { () throws(PotteryError) in _ = try ids.next() }
        #expect(error?.statusClass == .invalidInput)
        try masters.servers[0].cli("SET", "nextid:\(key)", "twelve")
        #expect(potteryError { () throws(PotteryError) in _ = try ids.current() } != nil)
    }

    /// `current` and `next` apply one rule to what a master holds (issue 17): -5 is not an id, for
    /// either, with the same message; neither changes it.
    @Test func aNegativeValueIsRefusedByCurrentAsByNext() throws {
        let key = uniqueKey("ids")
        try RedisServerProcess.shared.cli("SET", "nextid:\(key)", "-5")
        let ids = NextId(key: key, masters: [try connect()])
        let current = potteryError { () throws(PotteryError) in _ = try ids.current() }
        let next = potteryError { () throws(PotteryError) in _ = try ids.next() }
        #expect(current?.kind.isUndecodable == true)
        #expect(current?.description.contains("holds -5, not an id") == true)
        #expect(next?.description == current?.description)
        #expect(try RedisServerProcess.shared.cli("GET", "nextid:\(key)") == "-5")
    }

    @Test func concurrentCallersAllSucceedWithoutDuplicates() throws {
        let masters = try Masters(5)
        let key = uniqueKey("ids")
        let collected = Guarded([Int]())
        let failures = Guarded(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            guard let connections = try? masters.connections(timeout: 5) else {
                failures.withLock { $0 += 1 }
                return
            }
            let ids = NextId(key: key, masters: connections, retryTimeout: 30)
            for _ in 0..<50 {
                do {
                    let id = try ids.next()
                    collected.withLock { $0.append(id) }
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        let all = collected.withLock { $0 }
        #expect(all.count == 200)
        #expect(Set(all).count == 200)
    }

    @Test func twoMastersDownStillWorkThreeDownIsAQuorumError() throws {
        let masters = try Masters(5)
        let key = uniqueKey("ids")
        masters.servers[0].stop()
        masters.servers[1].stop()
        let ids = NextId(key: key, masters: try masters.connections(), masterCount: 5)
        #expect(try ids.next(count: 5) == 1...5)
        masters.servers[2].stop()
        let few = NextId(key: key, masters: try masters.connections(), masterCount: 5)
        let started = Date()
        let error = redisError { () throws(PotteryError) in _ = try few.next() }
        #expect(error?.kind == .quorum)
        #expect(error?.message.contains("2 of 5 masters answered, 3 needed") == true)
        #expect(Date().timeIntervalSince(started) < 3)
    }
}

/// A value behind a lock, shared by concurrent test callers.
final class Guarded<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
