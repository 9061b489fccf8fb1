import RedisClient
import RedisTestSupport
import Testing

/// TLS against a real redis-server with certificates made at test time: verification by default,
/// the reason when it fails, client certificates, the handshake bounded by the timeout, and the
/// client's other machinery (pipelining, fan-out) unchanged over TLS.
@Suite(.serialized) struct TLSTests {
    static let fixture: TLSFixture = {
        do { return try TLSFixture() } catch { fatalError("cannot make test certificates: \(error)") }
    }()

    func options(ca: Bool = true, verify: Bool = true, client: Bool = false, timeout: Double = 5)
        -> RedisConnectionOptions
    {
        var options = RedisConnectionOptions(timeout: timeout)
        options.tls.caFile = ca ? Self.fixture.caFile : nil
        options.tls.verify = verify
        if client {
            options.tls.certFile = Self.fixture.clientCert
            options.tls.keyFile = Self.fixture.clientKey
        }
        return options
    }

    func failure(_ url: String, _ options: RedisConnectionOptions) -> RedisError? {
        do {
            _ = try RedisConnection(url: RedisURL(parsing: url), options: options)
            return nil
        } catch {
            return error
        }
    }

    @Test func verifiedConnectionPipelinesAndFansOut() throws {
        let (server, port) = try Self.fixture.startServer()
        defer { server.stop() }
        for host in ["127.0.0.1", "localhost"] {
            let redis = try RedisConnection(
                url: RedisURL(parsing: "rediss://\(host):\(port)/0"), options: options())
            #expect(try redis.call("PING").string == "PONG")
            for index in 0..<20_000 { redis.enqueue("RPUSH", "tls:list", String(index)) }
            var last: RESPValue = .integer(0)
            for _ in 0..<20_000 { last = try redis.readReply() }
            #expect(last.int == Int64(20_000 * (host == "localhost" ? 2 : 1)))
            let big = String(repeating: "x", count: 3_000_000)
            _ = try redis.call("SET", "tls:big", big)
            #expect(try redis.call("GET", "tls:big").bytes?.count == 3_000_000)
        }
        let urls = try (0..<3).map { _ in try RedisURL(parsing: "rediss://127.0.0.1:\(port)/0") }
        let connections = RedisConnection.connectAll(urls, options: options()).compactMap { try? $0.get() }
        #expect(connections.count == 3)
        let replies = RedisFanOut.call(connections, [Array("PING".utf8)], timeout: 5)
        #expect(replies.allSatisfy { (try? $0.get())?.string == "PONG" })
    }

    @Test func verificationFailuresSayWhy() throws {
        let (server, port) = try Self.fixture.startServer()
        defer { server.stop() }
        let unknownCA = failure("rediss://127.0.0.1:\(port)/0", options(ca: false))
        #expect(unknownCA?.kind == .connect)
        #expect(
            unknownCA?.message.contains("certificate verification failed") == true,
            "\(String(describing: unknownCA))")
        // --insecure connects all the same.
        let insecure = try RedisConnection(
            url: RedisURL(parsing: "rediss://127.0.0.1:\(port)/0"), options: options(ca: false, verify: false)
        )
        #expect(try insecure.call("PING").string == "PONG")

        let (other, otherPort) = try Self.fixture.startServer(certificate: "other")
        defer { other.stop() }
        let mismatch = failure("rediss://127.0.0.1:\(otherPort)/0", options())
        #expect(mismatch?.message.contains("mismatch") == true, "\(String(describing: mismatch))")

        let (expired, expiredPort) = try Self.fixture.startServer(certificate: "expired")
        defer { expired.stop() }
        let old = failure("rediss://127.0.0.1:\(expiredPort)/0", options())
        #expect(old?.message.contains("expired") == true, "\(String(describing: old))")
    }

    @Test func clientCertificates() throws {
        let (server, port) = try Self.fixture.startServer(clientCertificates: true)
        defer { server.stop() }
        let url = "rediss://127.0.0.1:\(port)/0"
        // With TLS 1.3 the server refuses a missing certificate after the client's side of the
        // handshake is done: the first command fails, and nothing is answered.
        #expect(throws: RedisError.self) {
            let without = try RedisConnection(url: RedisURL(parsing: url), options: options())
            _ = try without.call("PING")
        }
        let with = try RedisConnection(url: RedisURL(parsing: url), options: options(client: true))
        #expect(try with.call("PING").string == "PONG")
    }

    @Test func theTimeoutBoundsTheHandshake() throws {
        // A plain port never starts TLS: the handshake waits for bytes that never come.
        let server = RedisServerProcess.shared
        let start = ContinuousClock.now
        let error = failure("rediss://127.0.0.1:\(server.port)/0", options(timeout: 0.5))
        #expect(error?.kind == .timeout, "\(String(describing: error))")
        #expect(ContinuousClock.now - start < .seconds(20))
        // A server that never answers after the handshake: the reply times out.
        let (tls, port) = try Self.fixture.startServer()
        defer { tls.stop() }
        let redis = try RedisConnection(
            url: RedisURL(parsing: "rediss://127.0.0.1:\(port)/0"), options: options(timeout: 0.5))
        redis.enqueue("BLPOP", "tls:never", "0")
        #expect(throws: RedisError.self) { _ = try redis.readReply() }
    }

    @Test func urlsSayTLS() throws {
        let url = try RedisURL(parsing: "rediss://user:pw@example.com:6380/2")
        #expect(url.tls && url.redacted == "rediss://user:***@example.com:6380/2")
        #expect(try !RedisURL(parsing: "redis://example.com").tls)
        var tls = RedisTLSOptions()
        #expect(!tls.applies(to: try RedisURL(parsing: "redis://h")))
        tls.certFile = "client.crt"
        #expect(!tls.applies(to: try RedisURL(parsing: "redis://h")), "certificates alone never turn TLS on")
        tls.required = true
        #expect(tls.applies(to: try RedisURL(parsing: "unix:///tmp/r.sock")))
    }
}
