import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// `pottery list get|del|pop|set|insert|remove` against Python's own list: scripts/list_oracle.py
/// prints, for each case, the list before, the command and what Python gives (status, printed
/// values, list after); each case runs the binary on a real server.
@Suite struct ListOracleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var before: [String]
        var verb: String
        var args: [String]
        var status: Int32
        var printed: [String]
        var after: [String]
        var testDescription: String { "\(verb) \(args) on \(before.count) items" }
    }

    static let cases: [Case] = {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/list_oracle.py")
        let result = runProcess("/usr/bin/env", ["python3", script.path], timeout: 60)
        guard result.status == 0 else { return [] }
        return result.stdoutText.split(separator: "\n").compactMap { line in
            guard
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let before = object["before"] as? [String], let verb = object["verb"] as? String,
                let args = object["args"] as? [String], let status = object["status"] as? Int,
                let printed = object["printed"] as? [String], let after = object["after"] as? [String]
            else { return nil }
            return Case(
                before: before, verb: verb, args: args, status: Int32(status), printed: printed, after: after)
        }
    }()

    @Test func theOracleGivesEnoughCases() {
        #expect(Self.cases.count >= 50)
        #expect(Set(Self.cases.map(\.verb)) == ["get", "del", "pop", "set", "insert", "remove"])
        #expect(Self.cases.contains { $0.status == 2 } && Self.cases.contains { $0.status == 1 })
    }

    @Test(arguments: cases) func agreesWithPython(_ test: Case) throws {
        let key = uniqueKey("list-oracle")
        let redis = try RedisConnection(url: RedisURL(parsing: RedisServerProcess.shared.url))
        defer { redis.close() }
        if !test.before.isEmpty {
            _ = try redis.call([Array("RPUSH".utf8), Array(key.utf8)] + test.before.map { Array($0.utf8) })
        }
        let result = PotteryBinary.run(["list", test.verb, key] + test.args)
        #expect(result.status == test.status, "\(result.stderrText)")
        #expect(result.lines == test.printed)
        let after = try redis.call([Array("LRANGE".utf8), Array(key.utf8), Array("0".utf8), Array("-1".utf8)])
        guard case .array(let items?) = after else {
            Issue.record("LRANGE: \(after)")
            return
        }
        let texts = items.map { item -> String in
            if case .bulkString(let bytes?) = item { return String(decoding: bytes, as: UTF8.self) }
            return "?"
        }
        #expect(texts == test.after)
        if test.status == 2 { #expect(result.stderrText.hasPrefix("pottery: list \(test.verb)")) }
    }
}
