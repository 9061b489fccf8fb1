import Foundation
import RedisClient
import RedisTestSupport
import Testing

/// Timeouts, refused connections, dying servers and garbage: errors, never hangs.
@Suite struct FailureTests {
    @Test func silentServerTimesOutAndBreaksTheConnection() throws {
        let silent = try SilentListener()
        defer { silent.close() }
        let connection = try RedisConnection(
            url: RedisURL(parsing: silent.url), options: .withoutClusterProbe(timeout: 0.3)
        )
        var error: RedisError?
        let seconds = elapsed { error = #expect(throws: RedisError.self) { try connection.call("GET", "k") } }
        #expect(error?.kind == .timeout)
        #expect(error?.command == "GET")
        #expect(seconds >= 0.29 && seconds < 2, "took \(seconds) s")
        #expect(!connection.isUsable)
        let later = #expect(throws: RedisError.self) { try connection.call("PING") }
        #expect(later?.kind == .connectionLost)
        #expect(later?.message.contains("earlier error") == true)
    }

    @Test func writeToAServerThatNeverReadsTimesOut() throws {
        let silent = try SilentListener()
        defer { silent.close() }
        let connection = try RedisConnection(
            url: RedisURL(parsing: silent.url), options: .withoutClusterProbe(timeout: 0.3)
        )
        let value = [UInt8](repeating: 0x78, count: 64 << 20)
        var error: RedisError?
        let seconds = elapsed {
            error = #expect(throws: RedisError.self) { try connection.call([b("SET"), b("k"), value]) }
        }
        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("took no data") == true)
        #expect(error?.command == "SET")
        #expect(seconds < 3, "took \(seconds) s")
        #expect(!connection.isUsable)
    }

    @Test func silentServerTimesOutTheHandshake() throws {
        let silent = try SilentListener()
        defer { silent.close() }
        var error: RedisError?
        let seconds = elapsed {
            error = #expect(throws: RedisError.self) {
                try RedisConnection(
                    url: RedisURL(parsing: silent.url),
                    options: RedisConnectionOptions(timeout: 0.3, clientName: "pottery"))
            }
        }
        #expect(error?.kind == .timeout)
        #expect(error?.command == "CLIENT SETNAME")
        #expect(seconds >= 0.29 && seconds < 2, "took \(seconds) s")
    }

    @Test func connectionRefusedIsQuick() throws {
        let port = freeLoopbackPort()
        var error: RedisError?
        let seconds = elapsed {
            error = #expect(throws: RedisError.self) {
                try RedisConnection(url: RedisURL(parsing: "redis://127.0.0.1:\(port)"))
            }
        }
        #expect(error?.kind == .connect)
        #expect(error?.message.lowercased().contains("refused") == true)
        #expect(error?.server == "redis://127.0.0.1:\(port)/0")
        #expect(seconds < 1)

        let unix = #expect(throws: RedisError.self) {
            try RedisConnection(url: RedisURL(parsing: "unix:///nonexistent/redis.sock"))
        }
        #expect(unix?.kind == .connect)
    }

    @Test func serverKilledMidPipeline() throws {
        let server = try RedisServerProcess.start()
        let connection = try connect(server, timeout: 20)
        let key = uniqueKey("killed")
        for _ in 0..<1000 { connection.enqueue("INCR", key) }
        connection.enqueue("BLPOP", key + ":list", "0")  // holds the rest of the pipeline back
        for _ in 0..<1000 { connection.enqueue("INCR", key) }
        try connection.flush()
        for expected in 1...1000 { #expect(try connection.readReply() == .integer(Int64(expected))) }
        server.stop()
        var error: RedisError?
        let seconds = elapsed { error = #expect(throws: RedisError.self) { try connection.readReply() } }
        #expect(error?.kind == .connectionLost)
        #expect(seconds < 5)
        #expect(!connection.isUsable)
    }

    @Test func serverClosingMidReply() throws {
        let peer = try ScriptedPeer(reply: b("$10\r\nabc"))
        let connection = try RedisConnection(
            url: RedisURL(parsing: peer.url), options: .withoutClusterProbe())
        let error = #expect(throws: RedisError.self) { try connection.call("GET", "k") }
        #expect(error?.kind == .connectionLost)
        #expect(error?.message.contains("middle of a reply") == true)
        #expect(error?.command == "GET")
    }

    @Test func garbageIsAProtocolViolation() throws {
        let peer = try ScriptedPeer(reply: b("HTTP/1.1 400 Bad Request\r\n\r\n"))
        let connection = try RedisConnection(
            url: RedisURL(parsing: peer.url), options: .withoutClusterProbe())
        let error = #expect(throws: RedisError.self) { try connection.call("PING") }
        #expect(error?.kind == .protocolViolation)
        #expect(error?.command == "PING")
        #expect(!connection.isUsable)
    }

    @Test func writesToADeadServerFail() throws {
        let server = try RedisServerProcess.start()
        let connection = try connect(server, timeout: 2)
        server.stop()
        let value = [UInt8](repeating: 1, count: 4 << 20)
        var error: RedisError?
        let seconds = elapsed {
            error = #expect(throws: RedisError.self) { try connection.call([b("SET"), b("k"), value]) }
        }
        #expect(error?.kind == .connectionLost)
        #expect(seconds < 2)
    }
}
