import RedisClient
import RedisTestSupport
import Testing

@Suite struct FanOutTests {
    @Test func oneLiveOneStoppedOneSilent() throws {
        let live = try RedisServerProcess.start()
        defer { live.stop() }
        let doomed = try RedisServerProcess.start()
        let silent = try SilentListener()
        defer { silent.close() }
        let connections = [
            try connect(live),
            try connect(doomed),
            try RedisConnection(
                url: RedisURL(parsing: silent.url), options: .withoutClusterProbe()),
        ]
        doomed.stop()

        var results: [Result<RESPValue, RedisError>] = []
        let seconds = elapsed {
            results = RedisFanOut.call(connections, [b("ECHO"), b("hello")], timeout: 1)
        }
        #expect(seconds >= 0.9 && seconds < 2.5, "took \(seconds) s")
        #expect(try results[0].get() == .bulkString(b("hello")))
        #expect(throws: RedisError.self) { try results[1].get() }
        #expect(throws: RedisError.self) { try results[2].get() }
        if case .failure(let error) = results[1] {
            #expect(error.kind == .connectionLost)
            #expect(error.command == "ECHO")
        }
        if case .failure(let error) = results[2] {
            #expect(error.kind == .timeout)
            #expect(error.server == "redis://127.0.0.1:\(silent.port)/0")
        }
        #expect(connections[0].isUsable)
        #expect(!connections[2].isUsable)
        // The live connection goes on working.
        #expect(try connections[0].call("ECHO", "again") == .bulkString(b("again")))
    }

    @Test func allLiveRepliesInOrderOfConnections() throws {
        let servers = [
            RedisServerProcess.shared, try RedisServerProcess.start(), try RedisServerProcess.start(),
        ]
        defer { servers.dropFirst().forEach { $0.stop() } }
        let connections = try servers.map { try connect($0) }
        let key = uniqueKey("fan")
        defer { _ = RedisFanOut.call(connections, [b("DEL"), b(key)], timeout: 5) }
        _ = try connections[1].call("SET", key, "5")
        _ = try connections[2].call("SET", key, "not a number")
        let results = RedisFanOut.call(connections, [b("INCR"), b(key)], timeout: 5)
        #expect(try results[0].get() == .integer(1))
        #expect(try results[1].get() == .integer(6))
        guard case .failure(let error) = results[2] else {
            Issue.record("INCR of a string should fail")
            return
        }
        #expect(error.kind == .server)
        #expect(error.code == "ERR")
        #expect(error.command == "INCR")
        #expect(connections[2].isUsable)
    }

    @Test func connectAllInParallel() throws {
        let silent = try SilentListener()
        defer { silent.close() }
        let refusedPort = freeLoopbackPort()
        let urls = try [RedisServerProcess.shared.url, "redis://127.0.0.1:\(refusedPort)/0", silent.url]
            .map { try RedisURL(parsing: $0) }
        var results: [Result<RedisConnection, RedisError>] = []
        let seconds = elapsed {
            results = RedisConnection.connectAll(
                urls, options: RedisConnectionOptions(timeout: 0.5, clientName: "pottery"))
        }
        #expect(seconds >= 0.4 && seconds < 2, "took \(seconds) s")
        let connection = try results[0].get()
        #expect(try connection.call("CLIENT", "GETNAME") == .bulkString(b("pottery")))
        guard case .failure(let refused) = results[1], case .failure(let silence) = results[2] else {
            Issue.record("expected two failures")
            return
        }
        #expect(refused.kind == .connect)
        #expect(silence.kind == .timeout)
        #expect(silence.command == "CLIENT SETNAME")
    }
}
