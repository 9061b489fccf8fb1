import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// Commands and replies against a real redis-server.
@Suite struct ConnectionTests {
    @Test func callReturnsEveryReplyType() throws {
        let connection = try connect()
        let key = uniqueKey("types")
        defer { _ = try? connection.call("DEL", key, key + ":list") }
        #expect(try connection.call("PING") == .simpleString(b("PONG")))
        #expect(try connection.call("SET", key, "v\r\n1") == .simpleString(b("OK")))
        #expect(try connection.call("GET", key) == .bulkString(b("v\r\n1")))
        #expect(try connection.call("GET", key + ":missing") == .bulkString(nil))
        #expect(try connection.call("INCR", key + ":n") == .integer(1))
        _ = try connection.call("DEL", key + ":n")
        #expect(try connection.call("RPUSH", key + ":list", "a", "", "c") == .integer(3))
        #expect(
            try connection.call("LRANGE", key + ":list", "0", "-1")
                == .array([.bulkString(b("a")), .bulkString([]), .bulkString(b("c"))]))
        #expect(try connection.call("LRANGE", key + ":missing", "0", "-1") == .array([]))
        // BLPOP timing out is a null array in RESP2.
        #expect(try connection.call("BLPOP", key + ":missing", "0.01") == .array(nil))
        connection.enqueue("NOSUCHCOMMAND")
        guard case .error(let text) = try connection.readReply() else {
            Issue.record("no error reply")
            return
        }
        #expect(String(decoding: text, as: UTF8.self).hasPrefix("ERR unknown command"))
    }

    @Test func evalReturnsNestedArraysAndNil() throws {
        let connection = try connect()
        let reply = try connection.call(
            "EVAL", "return {1, 'two', {3, {'four', false}}, redis.status_reply('FINE'), {}}", "0")
        #expect(
            reply
                == .array([
                    .integer(1), .bulkString(b("two")),
                    .array([.integer(3), .array([.bulkString(b("four")), .bulkString(nil)])]),
                    .simpleString(b("FINE")), .array([]),
                ]))
        #expect(try connection.call("EVAL", "return nil", "0") == .bulkString(nil))
        let error = #expect(throws: RedisError.self) {
            try connection.call("EVAL", "return redis.error_reply('MYCODE custom failure')", "0")
        }
        #expect(error?.code == "MYCODE")
        #expect(error?.message == "custom failure")
        #expect(error?.kind == .server)
    }

    @Test func binarySafeKeysAndValues() throws {
        let connection = try connect()
        let key = b(uniqueKey("bin")) + [0, 13, 10, 255]
        let value = (0...255).map { UInt8($0) } + [UInt8](repeating: 7, count: 200_000)
        #expect(try connection.call([b("SET"), key, value]) == .simpleString(b("OK")))
        #expect(try connection.call([b("GET"), key]) == .bulkString(value))
        #expect(try connection.call([b("DEL"), key]) == .integer(1))
    }

    @Test func wrongTypeKeepsCodeCommandAndServer() throws {
        let connection = try connect()
        let key = uniqueKey("wrongtype")
        defer { _ = try? connection.call("DEL", key) }
        _ = try connection.call("SET", key, "string")
        let error = #expect(throws: RedisError.self) { try connection.call("HGET", key, "field") }
        #expect(error?.kind == .server)
        #expect(error?.code == "WRONGTYPE")
        #expect(error?.command == "HGET")
        #expect(error?.message.hasPrefix("Operation against a key") == true)
        #expect(error?.server == connection.url.redacted)
        #expect(error?.description.contains("HGET: WRONGTYPE Operation") == true)
        // The connection stays usable after an error reply.
        #expect(try connection.call("GET", key) == .bulkString(b("string")))
    }

    @Test func pipelineOfTenThousandCommandsInOneFlush() throws {
        let connection = try connect()
        let key = uniqueKey("pipeline")
        defer { _ = try? connection.call("DEL", key, key + ":s") }
        for _ in 0..<10_000 { connection.enqueue("INCR", key) }
        connection.enqueue(command: "SADD", key: b(key + ":s"), arguments: (0..<500).map { b("m\($0)") })
        connection.enqueue("HGET", key, "f")
        #expect(connection.pendingReplies == 10_002)
        try connection.flush()
        #expect(connection.bufferedOutputBytes == 0)
        for expected in 1...10_000 {
            let reply = try connection.readReply()
            guard reply == .integer(Int64(expected)) else {
                Issue.record("reply \(expected) was \(reply)")
                return
            }
        }
        #expect(try connection.readReply() == .integer(500))
        guard case .error(let text) = try connection.readReply() else {
            Issue.record("HGET on a string should fail")
            return
        }
        #expect(text.starts(with: b("WRONGTYPE")))
        #expect(connection.pendingReplies == 0)
        #expect(try connection.call("SCARD", key + ":s") == .integer(500))
    }

    @Test func streamingBuilderAndHugePipelineFlushedInBatches() throws {
        let connection = try connect()
        let key = uniqueKey("batches")
        defer { _ = try? connection.call("DEL", key) }
        var member = 0
        for _ in 0..<50 {
            for _ in 0..<10 {
                connection.enqueue(argumentCount: 2 + 200) { encoder in
                    encoder.appendArgument("SADD")
                    encoder.appendArgument(key)
                    for _ in 0..<200 {
                        encoder.appendArgument(member)
                        member += 1
                    }
                }
            }
            try connection.flush()
            for _ in 0..<10 { #expect(try connection.readReply() == .integer(200)) }
        }
        #expect(try connection.call("SCARD", key) == .integer(100_000))
    }

    @Test func readReplyIfAvailableNeverWaits() throws {
        let connection = try connect()
        let key = uniqueKey("available")
        defer { _ = try? connection.call("DEL", key) }
        #expect(try connection.readReplyIfAvailable() == nil)
        for _ in 0..<100 { connection.enqueue("INCR", key) }
        try connection.flush()
        var replies: [RESPValue] = []
        while replies.count < 100 {
            if let reply = try connection.readReplyIfAvailable() {
                replies.append(reply)
            } else {
                replies.append(try connection.readReply())
            }
        }
        #expect(replies == (1...100).map { .integer(Int64($0)) })
        #expect(connection.pendingReplies == 0)
        #expect(try connection.readReplyIfAvailable() == nil)
    }

    @Test func largeRepliesAndRequests() throws {
        let connection = try connect()
        let key = uniqueKey("large")
        defer { _ = try? connection.call("DEL", key) }
        let value = (0..<8_000_000).map { UInt8(truncatingIfNeeded: $0) }
        #expect(try connection.call([b("SET"), b(key), value]) == .simpleString(b("OK")))
        #expect(try connection.call("STRLEN", key) == .integer(8_000_000))
        #expect(try connection.call("GET", key) == .bulkString(value))
    }

    @Test func selectsTheDatabaseOfTheURL() throws {
        let server = RedisServerProcess.shared
        let key = uniqueKey("db")
        let connection = try RedisConnection(url: RedisURL(parsing: "redis://127.0.0.1:\(server.port)/3"))
        defer { _ = try? connection.call("DEL", key) }
        _ = try connection.call("SET", key, "in three")
        #expect(try server.cli("-n", "3", "GET", key) == "in three")
        #expect(try server.cli("-n", "0", "EXISTS", key) == "0")
        let error = #expect(throws: RedisError.self) {
            try RedisConnection(url: RedisURL(parsing: "redis://127.0.0.1:\(server.port)/999"))
        }
        #expect(error?.kind == .server)
        #expect(error?.command == "SELECT")
        #expect(error?.code == "ERR")
    }

    @Test func clientNameIsVisibleInClientList() throws {
        let name = "pottery-test-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let named = try connect(clientName: name)
        let other = try connect()
        let list = try #require(try other.call("CLIENT", "LIST").string)
        #expect(list.contains("name=\(name) "))
        #expect(try other.call("CLIENT", "GETNAME") == .bulkString(b("pottery")))
        _ = named
        let anonymous = try connect(clientName: nil)
        #expect(try anonymous.call("CLIENT", "GETNAME") == .bulkString(nil))
    }

    @Test func unixSocket() throws {
        let server = try RedisServerProcess.start(unixSocket: true)
        defer { server.stop() }
        let path = try #require(server.unixSocketPath)
        let connection = try RedisConnection(
            url: RedisURL(parsing: "unix://\(path)?db=2"),
            options: RedisConnectionOptions(clientName: "pottery"))
        #expect(try connection.call("PING") == .simpleString(b("PONG")))
        _ = try connection.call("SET", "k", "over unix")
        #expect(try server.cli("-n", "2", "GET", "k") == "over unix")
        let list = try #require(try connection.call("CLIENT", "LIST").string)
        #expect(list.contains("name=pottery"))
        #expect(list.contains("addr=\(path)") || list.contains("addr=/"))
    }

    @Test(.enabled(if: ipv6LoopbackAvailable(), "this host cannot bind ::1"))
    func ipv6Loopback() throws {
        let server = try RedisServerProcess.start(extraArguments: ["--bind", "127.0.0.1", "::1"])
        defer { server.stop() }
        let connection = try RedisConnection(url: RedisURL(parsing: "redis://[::1]:\(server.port)/0"))
        #expect(try connection.call("PING") == .simpleString(b("PONG")))
        let info = try #require(try connection.call("CLIENT", "INFO").string)
        #expect(info.contains("laddr=[::1]") || info.contains("laddr=::1"))
    }

    @Test func localhostResolvesAndConnects() throws {
        let connection = try RedisConnection(
            url: RedisURL(parsing: "localhost:\(RedisServerProcess.shared.port)"))
        #expect(try connection.call("PING") == .simpleString(b("PONG")))
    }

    @Test func closedConnectionThrows() throws {
        let connection = try connect()
        connection.close()
        #expect(!connection.isUsable)
        let error = #expect(throws: RedisError.self) { try connection.call("PING") }
        #expect(error?.kind == .connectionLost)
        #expect(error?.command == "PING")
    }

    @Test func readReplyWithoutTimeoutWaitsForBlockingCommands() throws {
        let connection = try connect(timeout: 0.2)
        let pusher = try connect()
        let key = uniqueKey("blocking")
        defer { _ = try? pusher.call("DEL", key) }
        let id = try #require(try connection.call("CLIENT", "ID").int)
        connection.enqueue("BLPOP", key, "0")
        try connection.flush()
        // The pusher acts once the server shows our connection blocked (a condition, polled),
        // so the reply comes after more than the 0.2 s timeout only if the server is slow.
        let deadline = Date().addingTimeInterval(10)
        while try pusher.call("CLIENT", "LIST", "ID", "\(id)").string?.contains("cmd=blpop") != true {
            try #require(Date() < deadline)
        }
        _ = try pusher.call("RPUSH", key, "late")
        #expect(
            try connection.readReply(timeout: nil) == .array([.bulkString(b(key)), .bulkString(b("late"))]))
    }
}
