import Foundation
import RedisTestSupport
import Testing

/// lock and nextid over five real masters, some stopped; and nextid's verbs.
@Suite struct QuorumCommandTests {
    /// POTTERY_MASTERS for `servers`.
    func masters(_ servers: [RedisServerProcess]) -> [String: String] {
        ["POTTERY_MASTERS": servers.map(\.url).joined(separator: ","), "POTTERY_TIMEOUT": "2"]
    }

    func run(_ arguments: [String], _ servers: [RedisServerProcess]) -> ProcessResult {
        PotteryBinary.run(arguments, server: nil, environment: masters(servers))
    }

    @Test func fiveMastersTwoDownWorkThreeDownFailFastWithTheQuorumMessage() throws {
        let servers = try (0..<5).map { _ in try RedisServerProcess.start() }
        defer { servers.forEach { $0.stop() } }
        let key = uniqueKey("q")
        let token = run(["lock", "acquire", key], servers)
        #expect(token.status == 0)
        for server in servers {
            #expect(
                try server.cli("GET", "redlock:\(key)") == token.stdoutText.trimmingCharacters(in: .newlines))
        }
        #expect(
            run(["lock", "release", key, token.stdoutText.trimmingCharacters(in: .newlines)], servers).status
                == 0)

        servers[1].stop()
        servers[3].stop()
        let held = run(["lock", "acquire", key, "--ttl", "30"], servers)
        #expect(held.status == 0, "\(held.stderrText)")
        let heldToken = held.stdoutText.trimmingCharacters(in: .newlines)
        #expect(run(["lock", "status", key], servers).status == 0)
        #expect(run(["lock", "acquire", key, "--nowait"], servers).status == 1)
        #expect(run(["lock", "extend", key, heldToken], servers).status == 0)
        #expect(run(["lock", "release", key, heldToken], servers).status == 0)
        #expect(run(["lock", "run", key, "--", "true"], servers).status == 0)
        #expect(run(["nextid", "next", key, "--count", "3"], servers).lines == ["1", "2", "3"])
        #expect(run(["nextid", "current", key], servers).lines == ["3"])

        servers[4].stop()
        for (arguments, status) in [
            (["lock", "acquire", key], Int32(3)), (["lock", "release", key, heldToken], 3),
            (["lock", "status", key], 3), (["lock", "run", key, "--", "true"], 3),
            (["nextid", "next", key], 3), (["nextid", "current", key], 3), (["nextid", "reset", key], 3),
        ] {
            let started = Date()
            let result = run(arguments, servers)
            #expect(result.status == status, "\(arguments): \(result.stderrText)")
            #expect(result.stderrText.contains("quorum impossible: 2 of 5 masters answered, 3 needed"))
            #expect(result.stderrText.split(separator: "\n").count == 1)
            #expect(Date().timeIntervalSince(started) < 4, "\(arguments)")
        }
    }

    @Test func nextidVerbsOnOneMaster() throws {
        let server = RedisServerProcess.shared
        let key = uniqueKey("ids")
        #expect(PotteryBinary.run("nextid", "current", key).lines == ["0"])
        #expect(PotteryBinary.run("nextid", "next", key).lines == ["1"])
        #expect(PotteryBinary.run("nextid", "next", key, "--count", "4").lines == ["2", "3", "4", "5"])
        #expect(try server.cli("GET", "nextid:\(key)") == "5")
        #expect(PotteryBinary.run("nextid", "current", key).lines == ["5"])
        #expect(PotteryBinary.run("nextid", "reset", key).status == 0)
        #expect(try server.cli("EXISTS", "nextid:\(key)") == "0")
        #expect(PotteryBinary.run("nextid", "next", key).lines == ["1"])
        try server.cli("SET", "nextid:\(key)", "not a number")
        #expect(PotteryBinary.run("nextid", "next", key).status == 3)
        try server.cli("HSET", "nextid:\(key)", "a", "b")
        _ = try? server.cli("DEL", "nextid:\(key)")
        try server.cli("HSET", "nextid:\(key)", "a", "b")
        let wrongType = PotteryBinary.run("nextid", "next", key)
        #expect(wrongType.status == 3)
        #expect(wrongType.stderrText.contains("WRONGTYPE"))
    }

    /// `nextid current` printed -5 with status 0 where `nextid next` refused it (issue 17): one rule,
    /// one message, status 3 for both, and the value is left as it was.
    @Test func currentAndNextRefuseANegativeValueAlike() throws {
        let server = RedisServerProcess.shared
        let key = uniqueKey("ids")
        try server.cli("SET", "nextid:\(key)", "-5")
        let current = PotteryBinary.run("nextid", "current", key)
        let next = PotteryBinary.run("nextid", "next", key)
        #expect(current.status == 3 && current.stdout.isEmpty)
        #expect(next.status == 3 && next.stdout.isEmpty)
        let why = "key nextid:\(key): holds -5, not an id (ids are whole numbers from 0 up)\n"
        #expect(
            current.stderrText.hasPrefix("pottery: nextid current \(key): ")
                && current.stderrText.hasSuffix(why))
        #expect(next.stderrText.hasPrefix("pottery: nextid next \(key): ") && next.stderrText.hasSuffix(why))
        #expect(try server.cli("GET", "nextid:\(key)") == "-5")
    }

    @Test func aBlockOfAThousandIdsTakesOneQuorumRound() throws {
        let servers = try (0..<3).map { _ in try RedisServerProcess.start() }
        defer { servers.forEach { $0.stop() } }
        let key = uniqueKey("ids")
        #expect(run(["nextid", "next", key], servers).lines == ["1"])  // scripts are cached now
        for server in servers { try server.cli("CONFIG", "RESETSTAT") }
        let block = run(["nextid", "next", key, "--count", "1000"], servers)
        #expect(block.lines == (2...1001).map(String.init))
        for server in servers {
            let stats = try server.cli("INFO", "commandstats")
            func calls(_ command: String) -> Int {
                guard
                    let line = stats.split(whereSeparator: \.isNewline).first(where: {
                        $0.hasPrefix("cmdstat_\(command):")
                    }),
                    let field = line.split(separator: ",").first?.split(separator: "=").last
                else { return 0 }
                return Int(field) ?? 0
            }
            // One GET and one EVALSHA per master; Redis also counts the GET and SET the script makes.
            #expect(calls("get") == 2)
            #expect(calls("set") == 1)
            #expect(calls("evalsha") == 1)
            #expect(calls("eval") == 0)
        }
    }

    @Test func mastersThatReachOneServerAreRefused() throws {
        let server = try RedisServerProcess.start()
        let other = try RedisServerProcess.start()
        defer {
            server.stop()
            other.stop()
        }
        let key = uniqueKey("q")
        for list in [
            [server.url, "redis://localhost:\(server.port)/1"], [other.url, server.url, server.url],
        ] {
            for verb in [["lock", "acquire", key, "--nowait"], ["nextid", "next", key]] {
                let result = PotteryBinary.run(
                    verb, server: nil, environment: ["POTTERY_MASTERS": list.joined(separator: ",")])
                #expect(result.status == 2, "\(list) \(verb): \(result.stderrText)")
                #expect(result.stderrText.contains("reach the same server (127.0.0.1:\(server.port))"))
            }
        }
        for node in [server, other] {
            #expect(try node.cli("EXISTS", "redlock:\(key)", "nextid:\(key)") == "0")
        }
        let distinct = PotteryBinary.run(
            ["lock", "acquire", key, "--nowait"], server: nil,
            environment: ["POTTERY_MASTERS": [server.url, other.url].joined(separator: ",")])
        #expect(distinct.status == 0, "\(distinct.stderrText)")
    }

    /// One redis-server reached as 127.0.0.1, 127.0.0.2 and [::1]: three addresses, one server (its
    /// run_id). The address check let it through: `lock run` waited for ever, `nextid` wrote.
    @Test func oneServerUnderThreeAddressesIsRefused() throws {
        let server = try RedisServerProcess.start(extraArguments: ["--bind", "127.0.0.1", "127.0.0.2", "::1"])
        defer { server.stop() }
        let urls = ["127.0.0.1", "127.0.0.2", "[::1]"].map { "redis://\($0):\(server.port)/0" }
        let key = uniqueKey("q")
        for verb in [
            ["lock", "acquire", key, "--nowait"], ["lock", "run", key, "--", "true"],
            ["nextid", "next", key],
        ] {
            let result = PotteryBinary.run(
                verb, server: nil,
                environment: ["POTTERY_MASTERS": urls.joined(separator: ","), "POTTERY_TIMEOUT": "2"],
                timeout: 20)
            #expect(result.status == 2, "\(verb): \(result.stderrText)")
            #expect(result.stderrText.contains("masters \(urls[0]) and \(urls[1]) reach the same server"))
        }
        #expect(try server.cli("EXISTS", "redlock:\(key)", "nextid:\(key)") == "0")
        // One master: no INFO is sent (the identity costs nothing there).
        _ = try server.cli("CONFIG", "RESETSTAT")
        let single = PotteryBinary.run(["lock", "acquire", key, "--nowait"], server: nil, url: urls[2])
        #expect(single.status == 0, "\(single.stderrText)")
        #expect(try !server.cli("INFO", "commandstats").contains("cmdstat_info:"))
    }

    @Test func aSilentMasterCostsAtMostTheTimeout() throws {
        let servers = try (0..<2).map { _ in try RedisServerProcess.start() }
        defer { servers.forEach { $0.stop() } }
        let silent = try FakeRedisServer { arguments in
            String(decoding: arguments.first ?? [], as: UTF8.self).uppercased() == "CLIENT" ? .ok : .silence
        }
        defer { silent.stop() }
        let key = uniqueKey("q")
        let environment = [
            "POTTERY_MASTERS": (servers.map(\.url) + [silent.url]).joined(separator: " "),
            "POTTERY_TIMEOUT": "1",
        ]
        for arguments in [
            ["lock", "acquire", key, "--ttl", "30"], ["lock", "status", key], ["nextid", "next", key],
            ["lock", "run", "\(key)-run", "--", "true"],
        ] {
            let started = Date()
            let result = PotteryBinary.run(arguments, server: nil, environment: environment)
            let seconds = Date().timeIntervalSince(started)
            #expect(result.status == 0, "\(arguments): \(result.stderrText)")
            #expect(seconds < 4, "\(arguments) took \(seconds) s")
        }
        for server in servers { #expect(try server.cli("EXISTS", "redlock:\(key)") == "1") }
    }
}
