import RedisClient
import RedisTestSupport
import Testing

/// `CommandKeys` against the real server's `COMMAND GETKEYS` and `COMMAND INFO`, and its slots
/// against the real cluster (a cross-slot command is refused, a single-slot one is not moved).
@Suite struct CommandKeysTests {
    static let samples: [[String]] = [
        ["GET", "k"], ["set", "k", "v", "EX", "10"], ["HSET", "h", "f", "v", "g", "w"], ["HGET", "h", "f"],
        ["HINCRBY", "h", "f", "1"], ["HSCAN", "h", "0", "COUNT", "10"], ["HMGET", "h", "a", "b"],
        ["SADD", "s", "a", "b"], ["SMISMEMBER", "s", "a", "b"], ["SSCAN", "s", "0"], ["SCARD", "s"],
        ["SUNION", "a", "b", "c"], ["SINTERSTORE", "d", "a", "b"], ["SMOVE", "a", "b", "m"],
        ["SINTERCARD", "2", "a", "b", "LIMIT", "5"], ["RPUSH", "l", "a", "b"], ["LRANGE", "l", "0", "-1"],
        ["LPOP", "l", "2"], ["LSET", "l", "0", "v"], ["LMOVE", "a", "b", "LEFT", "RIGHT"],
        ["BLPOP", "a", "b", "0"],
        ["BRPOPLPUSH", "a", "b", "0"], ["LMPOP", "2", "a", "b", "LEFT"],
        ["BLMPOP", "0", "2", "a", "b", "LEFT"],
        ["XADD", "x", "*", "f", "v"], ["XADD", "x", "MAXLEN", "~", "10", "*", "f", "v"],
        ["XRANGE", "x", "-", "+"],
        ["XDEL", "x", "1-1"], ["XLEN", "x"], ["XREAD", "STREAMS", "x", "0"],
        ["XREAD", "COUNT", "10", "BLOCK", "5", "STREAMS", "x", "y", "0", "0"],
        ["XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "NOACK", "STREAMS", "x", "y", ">", ">"],
        ["XGROUP", "CREATE", "x", "g", "$", "MKSTREAM"], ["XINFO", "STREAM", "x"], ["XACK", "x", "g", "1-1"],
        ["SETBIT", "b", "7", "1"], ["GETBIT", "b", "7"], ["BITCOUNT", "b", "0", "-1"],
        ["BITFIELD", "b", "GET", "u8", "0"], ["BITFIELD_RO", "b", "GET", "u8", "0"],
        ["BITOP", "AND", "d", "a", "b"],
        ["PFADD", "p", "a"], ["PFCOUNT", "p", "q"], ["PFMERGE", "d", "p", "q"],
        ["COPY", "a", "b", "REPLACE"],
        ["RENAME", "a", "b"], ["EVAL", "return 1", "2", "a", "b", "arg"], ["EVALSHA", "abc", "1", "a", "x"],
        ["EVAL_RO", "return 1", "1", "k"], ["DEL", "a", "b", "c"], ["UNLINK", "a"], ["EXISTS", "a", "a"],
        ["TYPE", "a"], ["PEXPIRE", "a", "100"], ["PTTL", "a"], ["TTL", "a"], ["PERSIST", "a"],
        ["MSET", "a", "1", "b", "2"], ["MGET", "a", "b"], ["WATCH", "a", "b"], ["ZADD", "z", "1", "m"],
        ["ZUNION", "2", "a", "b", "WITHSCORES"], ["BZPOPMIN", "a", "b", "0"], ["OBJECT", "ENCODING", "a"],
        ["MEMORY", "USAGE", "a", "SAMPLES", "5"], ["TOUCH", "a", "b"], ["GETEX", "a", "PERSIST"],
        ["RESTORE", "a", "0", "payload"],
    ]

    static let keyless: [[String]] = [
        ["PING"], ["SCAN", "0", "MATCH", "*"], ["CLIENT", "SETNAME", "x"], ["SCRIPT", "LOAD", "return 1"],
        ["INFO"],
        ["DBSIZE"], ["MULTI"], ["EXEC"], ["UNWATCH"], ["EVAL", "return 1", "0"],
        ["EVALSHA", "abc", "0", "x"],
        ["ECHO", "x"], ["TIME"], ["XINFO", "HELP"],
    ]

    @Test func keysMatchCommandGetkeys() throws {
        let redis = try connect()
        for sample in Self.samples {
            let arguments = sample.map(b)
            let ours = try CommandKeys.keys(in: arguments)
            let theirs = try redis.call([b("COMMAND"), b("GETKEYS")] + arguments, as: [[UInt8]].self)
            #expect(ours == theirs, "\(sample)")
        }
        for sample in Self.keyless {
            #expect(try CommandKeys.positions(in: sample.map(b)) == nil, "\(sample)")
            let reply = try? redis.call([b("COMMAND"), b("GETKEYS")] + sample.map(b))
            #expect(reply == nil || reply == .array([]), "\(sample): \(String(describing: reply))")
        }
    }

    @Test func rangesMatchCommandInfo() throws {
        let redis = try connect()
        var ranges = 0
        for name in CommandKeys.commandNames {
            guard case .array(let entries?) = try redis.call("COMMAND", "INFO", name),
                case .array(let info?) = entries.first, info.count >= 6
            else {
                Issue.record("COMMAND INFO \(name)")
                continue
            }
            let (first, last, step) = (info[3].int ?? -99, info[4].int ?? -99, info[5].int ?? -99)
            let flags = info[2].array?.compactMap(\.string) ?? []
            let long = [name] + (1...9).map { "a\($0)" }
            guard first != 0 else {
                // Keyless: no positions. Movable keys (EVAL, XREAD, LMPOP, ...) and containers
                // (XGROUP, OBJECT): checked by GETKEYS above.
                if !flags.contains("movablekeys") && !(info.count > 9 && info[9].array?.isEmpty == false) {
                    #expect(try CommandKeys.positions(in: long.map(b)) == nil, "\(name)")
                }
                continue
            }
            ranges += 1
            // A range rule: the positions for a long enough command follow first/last/step.
            let positions = try CommandKeys.positions(in: long.map(b)) ?? []
            let end = last >= 0 ? Int(last) : long.count + Int(last)
            let expected = Array(stride(from: Int(first), through: end, by: Int(step)))
            #expect(positions == expected, "\(name): COMMAND INFO \(first) \(last) \(step)")
        }
        #expect(ranges > 100)
    }

    @Test func hostileAndMalformedCommandsThrowNeverTrap() throws {
        let bad: [[[UInt8]]] = [
            [], [b("GET")], [b("NOSUCHCOMMAND"), b("k")], [b("EVAL"), b("s"), b("3"), b("a")],
            [b("EVAL"), b("s"), b("-1")], [b("EVAL"), b("s"), b("99999999999999999999999")],
            [b("EVAL"), b("s"), b("1x"), b("a")], [b("XREAD"), b("STREAMS"), b("x")],
            [b("XREAD"), b("COUNT")],
            [b("XREAD"), b("STREAMS")], [b("XGROUP")], [b("XGROUP"), b("NOPE"), b("x")],
            [b("BLPOP"), b("0")],
            [b("DEL")], [[0xFF, 0xFE]], [b("SINTERCARD"), b("")],
        ]
        for arguments in bad {
            #expect(throws: CommandKeysError.self, "\(arguments)") {
                try CommandKeys.positions(in: arguments)
            }
        }
        #expect(try CommandKeys.positions(in: [b("get"), [0xFF, 0x00]]) == [1])
        #expect(CommandKeys.knows("hset"))
        #expect(!CommandKeys.knows("hsetx"))
    }

    @Test func slotsAgreeWithTheCluster() throws {
        let redis = try connectNode(sharedCluster.ports[0])
        let map = try redis.loadClusterSlotMap()
        let tag = "{ck\(UInt32.random(in: 0...UInt32.max))}"
        // Same slot through a hash tag: runs on the slot's master, not moved.
        let single: [[String]] = [
            ["DEL", tag + "a", tag + "b"], ["SUNION", tag + "a", tag + "b"], ["MGET", tag + "a", tag + "b"],
            ["PFMERGE", tag + "d", tag + "p"], ["EVAL", "return #KEYS", "2", tag + "a", tag + "b"],
        ]
        for command in single {
            guard case .slot(let slot) = try CommandKeys.slot(of: command.map(b)) else {
                Issue.record("\(command) is not single-slot")
                continue
            }
            let master = try #require(map.master(forSlot: slot))
            let reply = try connectNode(master.port).call(command.map(b))
            #expect(!reply.isError, "\(command): \(reply)")
        }
        // Different slots: the cluster refuses it as CROSSSLOT, and we said so.
        var crossChecked = 0
        for index in 0..<20 {
            let a = "ck:a\(index)"
            let other = "ck:b\(index)"
            let command = ["MGET", a, other].map(b)
            let expected: CommandSlot =
                ClusterSlot.of(a) == ClusterSlot.of(other) ? .slot(ClusterSlot.of(a)) : .crossSlot
            #expect(try CommandKeys.slot(of: command) == expected)
            guard expected == .crossSlot, let master = map.master(forSlot: ClusterSlot.of(a)) else {
                continue
            }
            let node = try connectNode(master.port)
            do throws(RedisError) {
                _ = try node.call(command)
                Issue.record("MGET \(a) \(other) was not refused")
            } catch {
                #expect(error.code == "CROSSSLOT", "\(error)")
                crossChecked += 1
            }
        }
        #expect(crossChecked > 10)
        #expect(try CommandKeys.slot(of: [b("PING")]) == .anyNode)
    }
}
