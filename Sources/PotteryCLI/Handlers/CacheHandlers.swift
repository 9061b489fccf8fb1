import RedisClient
import PotteryProcess
import PotteryCore

/// `pottery cache ...`: memoized commands in a Redis hash, pottery's `redis_cache` for the shell.
enum CacheHandlers {
    static func cache(_ context: CommandContext, ttl: Milliseconds? = nil) throws -> RedisCache {
        RedisCache(
            key: context[CacheTable.key], redis: try context.connection(),
            ttlMilliseconds: (ttl ?? Milliseconds(count: RedisCache.defaultTTLMilliseconds)).count)
    }

    /// The entry of the verb's command, with standard input's bytes when `--stdin` is given.
    static func entry(_ context: CommandContext, input: [UInt8]?) -> CacheEntryID {
        CacheEntryID(arguments: context[CacheTable.command], input: input)
    }

    /// Standard input, whole, when `--stdin` asks for it; at most `limit` bytes.
    static func input(_ context: CommandContext, limit: Int) throws -> [UInt8]? {
        guard context[CacheTable.stdin] else { return nil }
        if context.session.stdinHoldsCommands {
            throw CLIError.usage("--stdin cannot be used in batch mode: standard input holds the commands")
        }
        return try WholeInput.read(fd: 0, limit: limit)
    }

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let limit = context[CacheTable.maxBytes] ?? CacheTable.defaultMaxBytes
        let input = try input(context, limit: limit)
        let entry = entry(context, input: input)
        let cache = try cache(context, ttl: context[CacheTable.ttl])
        let runner = CacheRunner(context: context, cache: cache, entry: entry, input: input, limit: limit)
        guard context[CacheTable.lock] else {
            if let hit = try cache.lookup(entry) { return try runner.serve(hit) }
            return try runner.compute()
        }
        // Wait for the lock, looking at the cache between attempts (without counting a miss): when
        // the holder stores the entry, a waiter hits at once. Under the lock, the look that counts.
        // The lock is a Redlock on the cache's server (no fencing counter), kept by the lease policy
        // `lock run` uses.
        let lock = Redlock(
            keyBytes: CacheRunner.lockName(key: cache.keyBytes, entry: entry), masters: [cache.redis],
            fencing: false)
        let keeper = LeaseKeeper(lock: lock)
        while true {
            if let hit = try cache.lookup(entry, countsMiss: false) { return try runner.serve(hit) }
            if try keeper.acquire(blocking: false) {
                defer { _ = keeper.release() }
                if let hit = try cache.lookup(entry) { return try runner.serve(hit) }
                return try runner.compute(keeping: keeper)
            }
            if let status = Interrupts.pendingExitStatus {
                throw CLIError(.interrupted(status), "interrupted")
            }
            _ = Redlock.pauseBeforeRetry(interrupted: cache.redis.options.interruptCheck)
        }
    }

    static func bypass(_ context: CommandContext) throws -> ExitStatus {
        let limit = context[CacheTable.maxBytes] ?? CacheTable.defaultMaxBytes
        let input = try input(context, limit: limit)
        let cache = try cache(context, ttl: context[CacheTable.ttl])
        try cache.recordMiss()
        return try CacheRunner(
            context: context, cache: cache, entry: entry(context, input: input), input: input, limit: limit
        ).compute()
    }

    static func forget(_ context: CommandContext) throws -> ExitStatus {
        let input = try input(context, limit: CacheTable.maximumBytes)
        return .answer(try cache(context).forget(entry(context, input: input)))
    }

    static func stats(_ context: CommandContext) throws -> ExitStatus {
        let info = try cache(context).cacheInfo()
        try context.out.writeLine(
            "{\"hits\": \(info.hits), \"misses\": \(info.misses), \"currsize\": \(info.currsize), "
                + "\"ttl\": \(seconds(info.ttlMilliseconds))}")
        return .success
    }

    static func clear(_ context: CommandContext) throws -> ExitStatus {
        try cache(context).clear()
        return .success
    }

    /// Milliseconds as a JSON number of seconds: `60`, `1.5`, `0.001`.
    static func seconds(_ milliseconds: Int) -> String {
        let whole = milliseconds / 1000
        let fraction = milliseconds % 1000
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
