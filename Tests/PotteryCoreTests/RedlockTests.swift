import Foundation
import PotteryCore
import RedisClient
import RedisTestSupport
import Testing

/// Several real redis-servers as the masters of a quorum, some of which a test may stop.
final class Masters: @unchecked Sendable {
    let servers: [RedisServerProcess]

    init(_ count: Int) throws {
        servers = try (0..<count).map { _ in try RedisServerProcess.start() }
    }

    deinit { for server in servers { server.stop() } }

    /// Fresh connections to every server that still runs (pass `count` as the masters' number).
    func connections(timeout: Double = 2) throws -> [RedisConnection] {
        try servers.compactMap { server in
            let url = try RedisURL(parsing: server.url)
            return try? RedisConnection(url: url, options: RedisConnectionOptions(timeout: timeout))
        }
    }

    var count: Int { servers.count }

    var urls: [String] { servers.map(\.url) }
}

@Suite struct RedlockTests {
    @Test func acquireReleaseExtendOnOneMasterWithPythonsKey() throws {
        let redis = try connect()
        let key = uniqueKey("lock")
        let lock = Redlock(key: key, masters: [redis], autoReleaseMilliseconds: 5000)
        #expect(try lock.acquire(blocking: false))
        let token = try #require(lock.token)
        #expect(token.count == 36 && token.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(try RedisServerProcess.shared.cli("GET", "redlock:\(key)") == token)
        let pttl = Int(try RedisServerProcess.shared.cli("PTTL", "redlock:\(key)")) ?? 0
        #expect(pttl > 4000 && pttl <= 5000)

        let other = Redlock(key: key, masters: [redis])
        #expect(try !other.acquire(blocking: false))
        #expect(try !other.acquire(timeout: 0.3))
        #expect(try other.status().locked)
        #expect(try !other.release(token: "not-the-token"))
        #expect(try !other.extend(token: "not-the-token"))

        #expect(try lock.extend(milliseconds: 60_000))
        #expect((Int(try RedisServerProcess.shared.cli("PTTL", "redlock:\(key)")) ?? 0) > 50_000)
        let status = try lock.status()
        #expect(status.locked && status.ttlMilliseconds > 50_000 && status.ttlMilliseconds <= 60_000)
        #expect(try lock.release())
        #expect(try RedisServerProcess.shared.cli("EXISTS", "redlock:\(key)") == "0")
        #expect(try lock.status() == RedlockStatus(locked: false, ttlMilliseconds: 0))
        #expect(try !lock.release())
    }

    @Test func fencingTokenGrowsAcrossAcquisitionsAndHolders() throws {
        let masters = try Masters(3)
        let key = uniqueKey("lock")
        var seen: [Int] = []
        for round in 0..<6 {
            let lock = Redlock(key: key, masters: try masters.connections())
            #expect(try lock.acquire(blocking: false), "round \(round)")
            seen.append(try #require(lock.fencingToken))
            #expect(try lock.release())
        }
        #expect(seen == Array(1...6))
        // Counters that drifted apart (an acquisition that reached only some masters) are raised to
        // the quorum's maximum, so the next holder still gets a larger token.
        try masters.servers[0].cli("SET", "{redlock:\(key)}:fencing", "40")
        let first = Redlock(key: key, masters: try masters.connections())
        #expect(try first.acquire(blocking: false))
        #expect(first.fencingToken == 41)
        for server in masters.servers {
            #expect(Int(try server.cli("GET", "{redlock:\(key)}:fencing")) ?? 0 >= 41)
        }
        #expect(try first.release())
        let second = Redlock(key: key, masters: Array(try masters.connections()[1...]), masterCount: 3)
        #expect(try second.acquire(blocking: false))
        #expect(try #require(second.fencingToken) > 41)
    }

    @Test func blockingAcquireWaitsForTheRelease() throws {
        let redis = try connect()
        let key = uniqueKey("lock")
        let holder = Redlock(key: key, masters: [redis], autoReleaseMilliseconds: 600)
        #expect(try holder.acquire())
        let started = Date()
        let waiter = Redlock(key: key, masters: [try connect()])
        #expect(try waiter.acquire(timeout: 10))
        let waited = Date().timeIntervalSince(started)
        #expect(waited > 0.3 && waited < 5, "waited \(waited) s")
        #expect(try waiter.release())
    }

    @Test func synchronizeRunsTheBodyUnderTheLockAndReleases() throws {
        let redis = try connect()
        let key = uniqueKey("lock")
        let value = try synchronize(key: key, masters: [redis]) { lock in
            let stored = try RedisServerProcess.shared.cli("GET", "redlock:\(key)")
            #expect(stored == lock.token)
            return 42
        }
        #expect(value == 42)
        #expect(try RedisServerProcess.shared.cli("EXISTS", "redlock:\(key)") == "0")
        let holder = Redlock(key: key, masters: [redis])
        #expect(try holder.acquire())
        var ran = false
        #expect(throws: PotteryError.self) {
            try synchronize(key: key, masters: [try connect()], blocking: false) { _ in ran = true }
        }
        #expect(!ran)
    }

    @Test func quorumOfFiveSurvivesTwoDownAndFailsFastWithThree() throws {
        let masters = try Masters(5)
        let key = uniqueKey("lock")
        let connections = try masters.connections()
        masters.servers[3].stop()
        masters.servers[4].stop()
        let lock = Redlock(key: key, masters: connections)
        #expect(try lock.acquire(blocking: false))
        #expect(try lock.status().locked)
        #expect(try lock.extend())
        #expect(try lock.release())

        masters.servers[2].stop()
        let started = Date()
        let survivors = try masters.connections(timeout: 1)
        #expect(survivors.count == 2)
        let error = redisError { () throws(PotteryError) in
            _ = try Redlock(key: key, masters: survivors, masterCount: 5).acquire()
        }
        #expect(error?.kind == .quorum)
        #expect(error?.message.contains("2 of 5 masters answered, 3 needed") == true)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func renewTellsALostLeaseFromAnUndecidedOne() throws {
        let masters = try Masters(3)
        let key = uniqueKey("lock")
        let lock = Redlock(key: key, masters: try masters.connections(timeout: 1))
        #expect(try lock.acquire(blocking: false))
        #expect(try lock.renew() == .extended)
        try masters.servers[0].cli("DEL", "redlock:\(key)")
        #expect(try lock.renew() == .extended)  // two of three still hold it
        try masters.servers[1].cli("DEL", "redlock:\(key)")
        #expect(try lock.renew() == .lost)
        let other = Redlock(key: uniqueKey("lock"), masters: try masters.connections(timeout: 1))
        #expect(try other.acquire(blocking: false))
        masters.servers[1].stop()
        masters.servers[2].stop()
        #expect(try other.renew() == .undecided)
    }
}
