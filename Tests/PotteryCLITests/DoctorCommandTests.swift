import Foundation
import RedisTestSupport
import Testing

/// `pottery doctor` against real servers: a healthy one, one that does not answer, and a quorum
/// with one master down; text and JSON say the same, and the status follows what is needed.
@Suite struct DoctorCommandTests {
    let server = RedisServerProcess.shared

    @Test func aHealthyServerAndItsPersistence() throws {
        let text = PotteryBinary.run(["doctor"])
        #expect(text.status == 0, "\(text.stderrText)")
        let lines = text.lines
        #expect(lines.first == "url: \(server.url) (POTTERY_URL)")
        #expect(lines.contains { $0.hasPrefix("server: Redis ") || $0.hasPrefix("server: Valkey ") })
        #expect(lines.contains("tls: off") && lines.contains("masters: 1 of 1 answer, 1 needed for a quorum"))
        #expect(
            lines.contains {
                $0.hasPrefix("master \(server.url): answers, round trip ") && $0.contains("appendonly ")
            })
        #expect(lines.last == "ok")
        let json = PotteryBinary.run(["doctor", "--json"])
        #expect(json.status == 0)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [String: Any])
        #expect(document["ok"] as? Bool == true)
        let masters = try #require(document["masters"] as? [String: Any])
        let each = try #require(masters["each"] as? [[String: Any]])
        #expect(each.count == 1 && each[0]["url"] as? String == server.url)
        let persistence = try #require(each[0]["persistence"] as? [String: Any])
        let appendonly = try #require(persistence["appendonly"] as? String)
        #expect(
            appendonly
                == (try server.cli("CONFIG", "GET", "appendonly").split(separator: "\n").last.map(String.init))
        )
        // A master without appendonly forgets its locks when it restarts: said, and no failure.
        if appendonly == "no" {
            #expect(text.stdoutText.contains("  warning: \(server.url): appendonly no"))
            #expect((document["warnings"] as? [String])?.isEmpty == false)
        }
    }

    @Test func whatIsNeededDecidesTheStatus() throws {
        let dead = "redis://127.0.0.1:\(freeLoopbackPort())/0"
        let down = PotteryBinary.run(["doctor"], url: dead)
        #expect(down.status == 3 && down.lines.last == "not ok: 2 problem(s) above")
        #expect(down.stdoutText.contains("server: does not answer (Connection refused)"))
        #expect(down.stderrText.hasPrefix("pottery: doctor: server: does not answer (Connection refused); "))
        #expect(down.stderrText.split(separator: "\n").count == 1)
        // A quorum with one of three masters down still works: status 0, the dead one said.
        let other = try RedisServerProcess.start()
        defer { other.stop() }
        let quorum = PotteryBinary.run([
            "--master", server.url, "--master", other.url, "--master", dead, "doctor",
        ])
        #expect(quorum.status == 0, "\(quorum.stdoutText)")
        #expect(quorum.stdoutText.contains("masters: 2 of 3 answer, 2 needed for a quorum"))
        #expect(quorum.stdoutText.contains("master \(dead): does not answer"))
        let json = PotteryBinary.run(["--master", dead, "--master", other.url, "doctor", "--json"])
        #expect(json.status == 3)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [String: Any])
        #expect(document["ok"] as? Bool == false)
        #expect((document["masters"] as? [String: Any])?["answering"] as? Int == 1)
    }
}
