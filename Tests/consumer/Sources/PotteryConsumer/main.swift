// Run with a Redis URL: writes a RedisDict and a RedisCounter, reads them back, takes and releases a
// Redlock, then does the same from tasks over a connection pool (the async API: a pooled dict,
// an AsyncSequence, withLock), prints what it found, and exits 0; 1 on any mismatch, 2 on a
// failure. Nothing but PotteryCore is imported: the client and JSONValue come with it.
import PotteryCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

func check(_ what: String, _ ok: Bool) {
    guard ok else {
        print("MISMATCH: \(what)")
        exit(1)
    }
}

func run(url: String) throws {
    let redis = try RedisConnection(url: RedisURL(parsing: url))
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)

    let dict = RedisDict<String, JSONValue>(key: "consumer:dict:" + suffix, redis: redis)
    try dict.set("name", "jack")
    try dict.set("visits", 4098)
    check("dict name", try dict["name"] == "jack")
    check("dict visits", try dict["visits"]?.intValue == 4098)
    check("dict count", try dict.count() == 2)
    print("dict: name=\(try dict["name"] ?? .null) visits=\(try dict["visits"] ?? .null)")

    let counter = RedisCounter<String>(key: "consumer:counter:" + suffix, redis: redis)
    try counter.update(["a", "b", "a"])
    check("counter a", try counter.count(of: "a") == 2)
    check("counter b", try counter.count(of: "b") == 1)
    print("counter: a=\(try counter.count(of: "a")) b=\(try counter.count(of: "b"))")

    let lock = Redlock(key: "consumer:lock:" + suffix, masters: [redis], autoReleaseMilliseconds: 10_000)
    check("lock acquired", try lock.acquire(timeout: 5))
    check("lock held", try lock.status().locked)
    check("lock released", try lock.release())
    check("lock free", try !lock.status().locked)
    print("lock: acquired and released")

    try dict.clear()
    try counter.clear()
    _ = try RedisKeyspace(redis: redis).delete([Array("{redlock:consumer:lock:\(suffix)}:fencing".utf8)])
}

/// The async API as a service would use it: 20 tasks over a pool of 4 connections.
func runAsync(url: String) async throws {
    let pool = try RedisConnectionPool(url: url, maximumConnections: 4)
    defer { pool.close() }
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    let visits = RedisDict<String, Int>.pooled(key: "consumer:visits:" + suffix, pool: pool)
    try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<20 { group.addTask { try await visits.set("page-\(index)", index) } }
        try await group.waitForAll()
    }
    var total = 0
    for try await (_, count) in visits.items() { total += count }
    check("async total", total == 190)
    print("async dict: 20 fields, total \(total)")

    let redis = try RedisConnection(url: RedisURL(parsing: url))
    let lock = Redlock(key: "consumer:job:" + suffix, masters: [redis], autoReleaseMilliseconds: 10_000)
    let fenced = try await lock.withLock(timeout: 5) { lease in lease.fencingToken != nil && lease.isHeld }
    check("async lock", fenced)
    print("async lock: held with a fencing token")
    try await visits.clear()
    _ = try RedisKeyspace(redis: redis).delete([Array("{redlock:consumer:job:\(suffix)}:fencing".utf8)])
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    print("usage: PotteryConsumer REDIS-URL")
    exit(2)
}
do {
    try run(url: arguments[1])
    try await runAsync(url: arguments[1])
    print("ok")
} catch {
    print("FAILED: \(error)")
    exit(2)
}
