import Foundation
import RedisTestSupport
import Testing

@testable import PotteryCLI

/// The REPL's hints and completion of raw Redis commands come from the server's own `COMMAND` and
/// `COMMAND DOCS` (Redis 7, Valkey); a server without `COMMAND DOCS` (Redis 6.2) still gets its
/// command names completed, and no hint.
@Suite struct ServerCommandHintsCommandTests {
    let server = RedisServerProcess.shared

    private func commands() throws -> ServerCommands {
        let captured = try CapturedSession(url: server.url)
        let redis = try captured.session.connection(for: Settings())
        return try #require(ServerCommands.ask(redis, server: server.url))
    }

    @Test func hintsShowTheSyntaxAsRedisCliDoes() throws {
        let commands = try commands()
        #expect(commands.names.contains("hgetall") && commands.readOnly.contains("hgetall"))
        #expect(!commands.readOnly.contains("set") && !commands.readOnly.contains("blpop"))
        let hint = ReplHint(table: .standard, server: commands)
        guard RedisServerProcess.version >= (7, 0) else {
            #expect(commands.docs.isEmpty && hint.hint(for: Array("GET ".utf8)) == nil)
            return
        }
        // redis-cli 7.0's own hints for the same lines (Valkey 8 documents one more SET condition).
        let set = try #require(hint.hint(for: Array("SET ".utf8)))
        #expect(set.hasPrefix("key value [NX|XX"))
        #expect(
            set.hasSuffix(
                "] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]"
            ))
        #expect(hint.hint(for: Array("set ".utf8)) == "VERB")  // pottery's `set` comes first
        #expect(hint.hint(for: Array("hgetall".utf8)) == " key")
        #expect(hint.hint(for: Array("MSET ".utf8)) == "key value [key value ...]")
        #expect(hint.hint(for: Array("HSET h ".utf8)) == "field value [field value ...]")
        #expect(hint.hint(for: Array("HSET h f v ".utf8)) == nil)
        #expect(hint.hint(for: Array("config get ".utf8)) == "parameter [parameter ...]")
        #expect(hint.hint(for: Array("CONFIG ".utf8))?.contains("GET|HELP|") == true)
        #expect(hint.hint(for: Array("NOSUCH ".utf8)) == nil)
    }

    @Test func completionOffersServerCommandsWherePotteryHasNone() throws {
        var completer = Completer(table: .standard)
        completer.serverCommands = try commands()
        let texts = { (words: [String]) in completer.complete(words: words).map(\.text) }
        #expect(texts(["HGETA"]) == ["HGETALL"])
        #expect(texts(["hgeta"]) == ["hgetall"])
        #expect(texts(["dic"]) == ["dict"])  // pottery's word, when one begins so
        #expect(texts(["DE"]).contains("DEL") && texts(["DE"]).contains("DECRBY"))
        #expect(texts(["--ur"]) == ["--url"])
        if RedisServerProcess.version >= (7, 0) {
            #expect(texts(["CONFIG", "RE"]) == ["RESETSTAT", "REWRITE"])
            // The server's own summary (Redis and Valkey word it differently).
            let summary = completer.complete(words: ["HGETA"]).first?.description ?? ""
            #expect(summary.contains("fields and values"))
        }
    }
}
