import RedisClient
import RedisTestSupport
import Testing

/// Every typed command definition against the real server: the name exists, the arguments
/// start with it, the keys are the ones `COMMAND GETKEYS` finds in the arguments, and a command
/// that says it needs a newer server than the one running is flagged as such.
@Suite struct RedisCommandDefinitionTests {
    /// One value of each definition in `Sources/RedisClient/Commands`, with options that change
    /// the arguments.
    static let samples: [any RedisCommand] = [
        DEL([b("a"), b("b")]), EXISTS(b("k")), TYPE(b("k")), PEXPIRE(b("k"), milliseconds: 100), TTL(b("k")),
        PTTL(b("k")), OBJECT_ENCODING(b("k")), PING(), DBSIZE(), GET(b("k")), SET(b("k"), b("v")),
        SET(b("k"), b("v"), onlyIfAbsent: true, milliseconds: 60000, returnOld: true),
        HGET(b("h"), field: b("f")), HMGET(b("h"), fields: [b("f"), b("g")]),
        HSET(b("h"), pairs: [b("f"), b("v")]), HDEL(b("h"), fields: [b("f")]), HEXISTS(b("h"), field: b("f")),
        HLEN(b("h")), HINCRBY(b("h"), field: b("f"), by: -3), SADD(b("s"), members: [b("a"), b("b")]),
        SREM(b("s"), members: [b("a")]), SISMEMBER(b("s"), member: b("a")),
        SMISMEMBER(b("s"), members: [b("a"), b("b")]), SCARD(b("s")), SPOP(b("s")),
        SINTERCARD([b("a"), b("b")]), SINTERCARD([b("a"), b("b")], limit: 1),
        RPUSH(b("l"), elements: [b("x")]),
        LPUSH(b("l"), elements: [b("x"), b("y")]), LPOP(b("l")), RPOP(b("l")), LLEN(b("l")),
        LINDEX(b("l"), index: -1), LRANGE(b("l"), start: 0, stop: -1),
        LREM(b("l"), count: 1, element: b("x")),
        XADD(b("x"), field: b("item"), value: b("1")), XLEN(b("x")),
        XREAD(b("x"), after: b("0-0"), count: 1, blockMilliseconds: 10), PFADD(b("p"), elements: [b("a")]),
        PFCOUNT(b("p")), PFMERGE(b("p"), sources: [b("q"), b("r")]), BITCOUNT(b("bits")),
        EVALSHA(RedisScript("return 1"), keys: [b("a"), b("b")], arguments: [b("x")]),
        EVAL(RedisScript("return 1"), keys: [b("a")], arguments: []), SCRIPT_LOAD(RedisScript("return 1")),
        MULTI(), EXEC(), DISCARD(), WATCH([b("a"), b("b")]), UNWATCH(), AUTH(user: "u", password: "p"),
        AUTH(user: nil, password: "p"), SELECT(1), CLIENT_SETNAME("n"), INFO("server"), CLUSTER_SHARDS(),
        CLUSTER_SLOTS(), ASKING(), SCAN(filter: ScanFilter(match: b("a*"), count: 10), type: "set"),
        HSCAN(b("h")), SSCAN(b("s"), filter: ScanFilter(match: b("*"))), ZSCAN(b("z")),
        BITFIELD(b("bits"), settingBitsAt: [1, 5][...]), BITFIELD_RO(b("bits"), readingBitsAt: [7][...]),
    ]

    @Test func definitionsMatchTheServer() throws {
        let redis = try connect()
        for command in Self.samples {
            let arguments = command.arguments
            let name = type(of: command).fullName
            #expect(
                type(of: command).nameArguments
                    == Array(arguments.prefix(type(of: command).nameArguments.count)))
            #expect(
                name.split(separator: " ").map(String.init)
                    == type(of: command).nameArguments.map {
                        String(decoding: $0, as: UTF8.self)
                    })
            // `COMMAND INFO object|encoding` names a subcommand.
            let infoName = name.lowercased().split(separator: " ").joined(separator: "|")
            guard case .array(let info?) = try redis.call("COMMAND", "INFO", infoName),
                case .array? = info.first
            else {
                Issue.record("the server does not know \(name)")
                continue
            }
            let found = try? redis.call([b("COMMAND"), b("GETKEYS")] + arguments, as: [[UInt8]].self)
            #expect((found ?? []) == command.keys, "\(name): \(command.keys) vs \(String(describing: found))")
        }
    }

    @Test func newerServerRequirementsAreDeclared() {
        #expect(SINTERCARD([b("a")]).requires == RedisServerVersion(7, 0))
        #expect(SET(b("k"), b("v"), onlyIfAbsent: true, returnOld: true).requires == RedisServerVersion(7, 0))
        #expect(SET(b("k"), b("v"), returnOld: true).requires == nil)
        #expect(HGET(b("h"), field: b("f")).requires == nil)
    }

    @Test func typedRepliesAndTheirErrors() throws {
        let redis = try connect()
        let key = b("typed-\(UInt32.random(in: 0...UInt32.max))")
        defer { _ = try? redis.execute(DEL([key])) }
        #expect(try redis.execute(SADD(key, members: [b("a"), b("b")])) == 2)
        #expect(try redis.execute(SMISMEMBER(key, members: [b("a"), b("z")])) == [true, false])
        #expect(try redis.execute(SPOP(key)) != nil)
        let wrong = #expect(throws: RedisError.self) { try redis.execute(HGET(key, field: b("f"))) }
        #expect(wrong?.code == "WRONGTYPE" && wrong?.command == "HGET")
        var batch = RedisBatch(redis)
        let count = batch.add(SCARD(key))
        let bad = batch.add(LLEN(key))
        let replies = try batch.send()
        #expect(try replies[count] == 1)
        #expect(throws: RedisError.self) { try replies[bad] }
        #expect(try redis.execute(PING()) == b("PONG"))
    }
}
