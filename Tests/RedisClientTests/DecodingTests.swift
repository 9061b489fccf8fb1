import RedisClient
import RedisTestSupport
import Testing

/// Typed replies: the right shape decodes, any other shape is an error naming what came.
@Suite struct DecodingTests {
    @Test func decodesEveryConformanceFromARealServer() throws {
        let connection = try connect()
        let key = uniqueKey("decode")
        defer { _ = try? connection.call("DEL", key, key + ":s", key + ":l") }
        #expect(try connection.call([b("SET"), b(key + ":s"), b("héllo")], as: RESPOK.self) == RESPOK())
        #expect(try connection.call([b("GET"), b(key + ":s")], as: String.self) == "héllo")
        #expect(try connection.call([b("GET"), b(key + ":s")], as: [UInt8].self) == b("héllo"))
        #expect(try connection.call([b("GET"), b(key + ":missing")], as: [UInt8]?.self) == nil)
        #expect(try connection.call([b("SADD"), b(key), b("a"), b("b")], as: Int.self) == 2)
        #expect(try connection.call([b("SCARD"), b(key)], as: Int64.self) == 2)
        #expect(try connection.call([b("SISMEMBER"), b(key), b("a")], as: Bool.self))
        #expect(
            try connection.call([b("SMISMEMBER"), b(key), b("a"), b("x"), b("b")], as: [Bool].self, count: 3)
                == [true, false, true])
        _ = try connection.call("RPUSH", key + ":l", "x", "", "z")
        #expect(
            try connection.call([b("LRANGE"), b(key + ":l"), b("0"), b("-1")], as: [String].self) == [
                "x", "", "z",
            ])
        #expect(
            try connection.call([b("LRANGE"), b(key + ":l"), b("0"), b("-1")], as: [[UInt8]].self)
                == [b("x"), [], b("z")])
        #expect(try connection.call([b("BLPOP"), b(key + ":none"), b("0.01")], as: [[UInt8]]?.self) == nil)
        #expect(try connection.call([b("PING")], as: RESPValue.self) == .simpleString(b("PONG")))
    }

    @Test func wrongShapeIsAProtocolViolationNamingBoth() throws {
        let connection = try connect()
        let key = uniqueKey("decode-shape")
        defer { _ = try? connection.call("DEL", key) }
        _ = try connection.call("SET", key, "text")
        let error = #expect(throws: RedisError.self) {
            try connection.call([b("GET"), b(key)], as: Int.self)
        }
        #expect(error?.kind == .protocolViolation)
        #expect(error?.command == "GET")
        #expect(error?.message == "expected an integer, got a bulk string of 4 bytes")
        #expect(!connection.isUsable)
    }

    @Test func errorRepliesAreThrownAsTheServers() throws {
        let connection = try connect()
        let key = uniqueKey("decode-error")
        defer { _ = try? connection.call("DEL", key) }
        _ = try connection.call("SET", key, "text")
        let error = #expect(throws: RedisError.self) {
            try connection.call([b("SCARD"), b(key)], as: Int.self)
        }
        #expect(error?.kind == .server)
        #expect(error?.code == "WRONGTYPE")
        #expect(connection.isUsable)
    }

    @Test func pipelinedRepliesDecodeStrictly() throws {
        let server = "redis://127.0.0.1:1/0"
        #expect(try RESPValue.integer(1).decode(as: Bool.self, command: "X", server: server))
        let two = #expect(throws: RedisError.self) {
            try RESPValue.integer(2).decode(as: Bool.self, command: "SISMEMBER", server: server)
        }
        #expect(two?.kind == .protocolViolation)
        #expect(two?.description == "\(server): SISMEMBER: expected an integer 0 or 1, got an integer 2")

        let three = RESPValue.array([.integer(1), .integer(0), .integer(1)])
        #expect(
            try three.decode(as: [Bool].self, count: 3, command: "SMISMEMBER", server: server) == [
                true, false, true,
            ])
        let short = #expect(throws: RedisError.self) {
            try three.decode(as: [Bool].self, count: 2, command: "SMISMEMBER", server: server)
        }
        #expect(short?.message == "expected an array of 2 elements, got an array of 3 elements")

        let nested = RESPValue.array([.integer(1), .error(b("ERR boom"))])
        let inner = #expect(throws: RedisError.self) {
            try nested.decode(as: [Int].self, command: "EXEC", server: server)
        }
        #expect(inner?.kind == .server)
        #expect(inner?.code == "ERR")
        #expect(inner?.message == "boom")

        let element = #expect(throws: RedisError.self) {
            try RESPValue.array([.integer(1), .bulkString(nil)]).decode(
                as: [Int].self, command: "X", server: server)
        }
        #expect(element?.message == "expected element 1 to be an integer, got a null bulk string")

        #expect(throws: RedisError.self) {
            try RESPValue.bulkString([0xFF, 0xFE]).decode(as: String.self, command: "GET", server: server)
        }
        #expect(throws: RedisError.self) {
            try RESPValue.bulkString(nil).decode(as: [UInt8].self, command: "GET", server: server)
        }
        #expect(throws: RedisError.self) {
            try RESPValue.simpleString(b("QUEUED")).decode(as: RESPOK.self, command: "SET", server: server)
        }
        #expect(try RESPValue.array(nil).decode(as: [Int]?.self, command: "X", server: server) == nil)
        #expect(throws: RedisError.self) {
            try RESPValue.integer(Int64.min).decode(as: UInt8.self, command: "X", server: server)
        }
    }

    @Test func fakeServerAnsweringPongToScard() throws {
        let fake = try FakeRedisServer { arguments in
            String(decoding: arguments[0], as: UTF8.self) == "SCARD" ? .simple("PONG") : .ok
        }
        defer { fake.stop() }
        let connection = try RedisConnection(url: RedisURL(parsing: fake.url), options: .init(timeout: 2))
        let error = #expect(throws: RedisError.self) {
            try connection.call([b("SCARD"), b("k")], as: Int.self)
        }
        #expect(error?.kind == .protocolViolation)
        #expect(error?.command == "SCARD")
        #expect(error?.message == "expected an integer, got a simple string \"PONG\"")
        #expect(!connection.isUsable)
    }
}
