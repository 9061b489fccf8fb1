import PotteryCore
import RedisClient
import RedisTestSupport

/// A connection to `server` (the shared one by default).
func connect(_ server: RedisServerProcess = .shared) throws -> RedisConnection {
    try RedisConnection(url: RedisURL(parsing: server.url))
}

/// UTF-8 bytes of a string.
func b(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The Redis error inside a PotteryCore error, if that is what `body` threw.
func redisError(_ body: () throws(PotteryError) -> Void) -> RedisError? {
    do {
        try body()
        return nil
    } catch {
        return error.redisError
    }
}

/// The PotteryCore error `body` threw, if any.
func potteryError(_ body: () throws(PotteryError) -> Void) -> PotteryError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

/// The shared test server's URL, for test files that import nothing but PotteryCore.
func sharedServerURL() -> String { RedisServerProcess.shared.url }

/// A key unique to this call (see `uniqueKey`), for test files that import nothing but PotteryCore.
func testKey(_ prefix: String) -> String { uniqueKey(prefix) }
