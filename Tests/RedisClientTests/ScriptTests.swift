import RedisClient
import RedisTestSupport
import Testing

@Suite struct ScriptTests {
    /// Calls of `command` so far, from INFO commandstats.
    static func calls(_ connection: RedisConnection, _ command: String) throws -> Int {
        let info = try connection.call("INFO", "commandstats").string ?? ""
        guard let line = info.split(separator: "\r\n").first(where: { $0.hasPrefix("cmdstat_\(command):") }),
            let field = line.split(separator: ",").first?.split(separator: "=").last
        else { return 0 }
        return Int(field) ?? 0
    }

    @Test func evalshaFallsBackToEvalOnNoscript() throws {
        let server = try RedisServerProcess.start()
        defer { server.stop() }
        let connection = try connect(server)
        let script = RedisScript("return {KEYS[1], ARGV[1], redis.call('INCR', KEYS[1])}")

        #expect(
            try connection.eval(script, keys: [b("counter")], arguments: [b("a")])
                == .array([.bulkString(b("counter")), .bulkString(b("a")), .integer(1)]))
        #expect(try Self.calls(connection, "evalsha") == 1)
        #expect(try Self.calls(connection, "eval") == 1)
        #expect(try connection.call("SCRIPT", "EXISTS", script.sha1) == .array([.integer(1)]))

        _ = try connection.eval(script, keys: [b("counter")], arguments: [b("b")])
        #expect(try Self.calls(connection, "evalsha") == 2)
        #expect(try Self.calls(connection, "eval") == 1)

        _ = try connection.call("SCRIPT", "FLUSH")
        #expect(
            try connection.eval(script, keys: [b("counter")], arguments: [b("c")])
                == .array([.bulkString(b("counter")), .bulkString(b("c")), .integer(3)]))
        #expect(try Self.calls(connection, "eval") == 2)
        #expect(try Self.calls(connection, "evalsha") == 3)
    }

    @Test func scriptErrorsAreThrown() throws {
        let connection = try connect()
        let script = RedisScript("return redis.call('NOSUCHCOMMAND')")
        let error = #expect(throws: RedisError.self) { try connection.eval(script, keys: [], arguments: []) }
        #expect(error?.kind == .server)
        #expect(error?.code == "ERR")
        #expect(error?.command == "EVAL" || error?.command == "EVALSHA")
    }

    @Test func pipelinedEvalsha() throws {
        let connection = try connect()
        let script = RedisScript("return tonumber(ARGV[1]) * 2")
        try connection.load(script)
        for index in 0..<100 { connection.enqueueEval(script, keys: [], arguments: [b("\(index)")]) }
        for index in 0..<100 { #expect(try connection.readReply() == .integer(Int64(index * 2))) }
    }
}
