import Foundation
import Testing
import RedisTestSupport

@Suite struct ConnectionFailureTests {
    @Test func refusedPortExitsThree() {
        let port = freeLoopbackPort()
        let result = PotteryBinary.run(
            ["dict", "get", "k", "f"], server: nil, url: "redis://127.0.0.1:\(port)/0")
        #expect(result.status == 3)
        #expect(result.stderrText.hasPrefix("pottery: "))
        #expect(result.stderrText.contains("127.0.0.1:\(port)"))
    }

    @Test func silentServerTimesOut() throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let started = Date()
        let result = PotteryBinary.run(
            ["dict", "get", "k", "f", "--timeout", "0.5"], server: nil,
            url: "redis://127.0.0.1:\(listener.port)/0",
            timeout: 20)
        #expect(result.status == 3)
        #expect(Date().timeIntervalSince(started) < 15, "it did not hang")
        #expect(result.stderrText.contains("no reply within 0.5 s"))
    }

    @Test func wrongPasswordNeverShown() throws {
        let server = try RedisServerProcess.start(password: "right-secret")
        defer { server.stop() }
        let url = "redis://:wrong-secret@127.0.0.1:\(server.port)/0"
        let result = PotteryBinary.run(["dict", "get", "k", "f"], server: nil, url: url)
        #expect(result.status == 3)
        #expect(!result.stderrText.contains("wrong-secret") && !result.stdoutText.contains("wrong-secret"))
        #expect(result.stderrText.contains("***") || result.stderrText.contains("127.0.0.1"))

        let good = PotteryBinary.run(
            ["dict", "set", "k", "f", "1"], server: nil, url: "redis://127.0.0.1:\(server.port)/0",
            environment: ["POTTERY_PASSWORD": "right-secret"])
        #expect(good.status == 0, "\(good.stderrText)")
        let read = PotteryBinary.run(
            ["dict", "get", "k", "f"], server: nil, url: "redis://:right-secret@127.0.0.1:\(server.port)/0")
        #expect(read.stdoutText == "1\n")
        let noAuth = PotteryBinary.run(
            ["dict", "get", "k", "f"], server: nil, url: "redis://127.0.0.1:\(server.port)/0")
        #expect(noAuth.status == 3 && !noAuth.stderrText.contains("right-secret"))
    }

    @Test func selectsTheDatabaseInTheURL() throws {
        let server = RedisServerProcess.shared
        let key = uniqueKey("db")
        let url = "redis://127.0.0.1:\(server.port)/3"
        #expect(PotteryBinary.run(["set", "add", key, "x"], server: nil, url: url).status == 0)
        #expect(try server.cli("-n", "3", "SCARD", key) == "1")
        #expect(try server.cli("SCARD", key) == "0")
    }

    @Test func badURLIsAUsageError() {
        let result = PotteryBinary.run(["ping"], server: nil, url: "http://nope")
        #expect(result.status == 2)
        #expect(result.stderrText.hasPrefix("pottery: "))
    }
}
