import RedisClient
import RedisTestSupport
import Testing

@Suite struct TransactionTests {
    @Test func retriesWhenAnotherClientChangesAWatchedKey() throws {
        let connection = try connect()
        let meddler = try connect()
        let key = uniqueKey("tx")
        defer { _ = try? meddler.call("DEL", key) }
        _ = try connection.call("SET", key, "10")
        var attempts = 0
        let results = try connection.transaction(watching: [b(key)]) {
            (tx) throws(RedisError) -> [[[UInt8]]]? in
            attempts += 1
            let current = Int(try tx.call("GET", key).string ?? "0") ?? 0
            if attempts == 1 {
                _ = try meddler.call("SET", key, "100")  // invalidates the WATCH
            }
            return [[b("SET"), b(key), b(String(current + 1))], [b("GET"), b(key)]]
        }
        #expect(attempts == 2)
        #expect(results == [.simpleString(b("OK")), .bulkString(b("101"))])
        #expect(try meddler.call("GET", key) == .bulkString(b("101")))
    }

    @Test func givesUpAfterTheRetries() throws {
        let connection = try connect()
        let meddler = try connect()
        let key = uniqueKey("tx")
        defer { _ = try? meddler.call("DEL", key) }
        var attempts = 0
        let error = #expect(throws: RedisError.self) {
            try connection.transaction(watching: [b(key)], retries: 2) {
                (_) throws(RedisError) -> [[[UInt8]]]? in
                attempts += 1
                _ = try meddler.call("INCR", key)
                return [[b("SET"), b(key), b("mine")]]
            }
        }
        #expect(attempts == 3)
        #expect(error?.command == "EXEC")
        #expect(error?.kind == .server)
        #expect(try meddler.call("GET", key) == .bulkString(b("3")))
        // Nothing left watched: a plain transaction goes through.
        #expect(
            try connection.transaction(watching: []) { _ in [[b("SET"), b(key), b("x")]] } == [
                .simpleString(b("OK"))
            ])
    }

    @Test func bodyReturningNilUnwatches() throws {
        let connection = try connect()
        let meddler = try connect()
        let key = uniqueKey("tx")
        defer { _ = try? meddler.call("DEL", key) }
        let result = try connection.transaction(watching: [b(key)]) { _ in nil }
        #expect(result == nil)
        // Had the key stayed watched, this EXEC would abort.
        _ = try meddler.call("SET", key, "changed")
        _ = try connection.call("MULTI")
        _ = try connection.call("SET", key, "after")
        #expect(try connection.call("EXEC") == .array([.simpleString(b("OK"))]))
    }

    @Test func runtimeAndQueueingErrors() throws {
        let connection = try connect()
        let key = uniqueKey("tx")
        defer { _ = try? connection.call("DEL", key) }
        _ = try connection.call("SET", key, "text")
        let results = try #require(
            try connection.transaction(watching: [b(key)]) { _ in
                [[b("INCR"), b(key)], [b("GET"), b(key)]]
            })
        #expect(results.count == 2)
        #expect(results[0].isError)
        #expect(results[1] == .bulkString(b("text")))

        let error = #expect(throws: RedisError.self) {
            try connection.transaction(watching: [b(key)]) { _ in [[b("GET")], [b("SET"), b(key), b("y")]] }
        }
        #expect(error?.code == "ERR")
        #expect(error?.command == "GET")
        #expect(try connection.call("GET", key) == .bulkString(b("text")))
    }

    @Test func bodyErrorPropagatesAndUnwatches() throws {
        let connection = try connect()
        let key = uniqueKey("tx")
        _ = try connection.call("SET", key, "s")
        defer { _ = try? connection.call("DEL", key) }
        let error = #expect(throws: RedisError.self) {
            try connection.transaction(watching: [b(key)]) { (tx) throws(RedisError) -> [[[UInt8]]]? in
                _ = try tx.call("HGET", key, "f")
                return []
            }
        }
        #expect(error?.code == "WRONGTYPE")
        #expect(try connection.call("PING") == .simpleString(b("PONG")))
    }
}
