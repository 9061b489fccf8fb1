import Foundation
import RedisTestSupport
import Testing

/// TLS from the command line: `rediss://`, `--tls`, `--cacert`, `--cert/--key`, `--insecure`, the
/// environment variables, and no OpenSSL at all in a process that does not use it.
@Suite(.serialized) struct TLSCommandTests {
    static let fixture: TLSFixture = {
        do { return try TLSFixture() } catch { fatalError("cannot make test certificates: \(error)") }
    }()

    @Test func rediss() throws {
        let (server, port) = try Self.fixture.startServer()
        defer { server.stop() }
        let url = "rediss://127.0.0.1:\(port)/0"
        let ca = Self.fixture.caFile
        #expect(
            PotteryBinary.run(["dict", "set", "k", "a", "1", "-u", url, "--cacert", ca], server: nil).status
                == 0)
        #expect(
            PotteryBinary.run(
                ["dict", "get", "k", "a", "-u", url], server: nil, environment: ["POTTERY_CACERT": ca]
            ).stdoutText == "1\n")
        let unverified = PotteryBinary.run(["ping", "-u", url], server: nil)
        #expect(unverified.status == 3)
        #expect(unverified.stderrText.contains("certificate verification failed"), "\(unverified.stderrText)")
        let insecure = PotteryBinary.run(["ping", "-u", url, "--insecure"], server: nil)
        #expect(insecure.stdoutText == "PONG\n" && insecure.stderrText.contains("not verified"))
        // --tls turns TLS on for a redis:// URL; certificates alone never do.
        let plainURL = "redis://127.0.0.1:\(port)/0"
        #expect(
            PotteryBinary.run(["ping", "-u", plainURL, "--tls", "--cacert", ca], server: nil).stdoutText
                == "PONG\n")
        let plain = PotteryBinary.run(
            ["ping"], server: nil, url: server.url,
            environment: ["POTTERY_CERT": Self.fixture.clientCert, "POTTERY_KEY": Self.fixture.clientKey])
        #expect(plain.stdoutText == "PONG\n", "\(plain.stderrText)")
    }

    @Test func clientCertificateFromTheEnvironment() throws {
        let (server, port) = try Self.fixture.startServer(clientCertificates: true)
        defer { server.stop() }
        let url = "rediss://127.0.0.1:\(port)/0"
        let environment = [
            "POTTERY_CACERT": Self.fixture.caFile, "POTTERY_CERT": Self.fixture.clientCert,
            "POTTERY_KEY": Self.fixture.clientKey,
        ]
        #expect(
            PotteryBinary.run(["ping", "-u", url], server: nil, environment: environment).stdoutText
                == "PONG\n")
        let refused = PotteryBinary.run(["ping", "-u", url, "--cacert", Self.fixture.caFile], server: nil)
        #expect(refused.status == 3)
    }

    /// `pottery doctor` names the server's certificate and when it expires: the fixture's lasts two
    /// days (a warning: inside 30), the expired one is reached only with --insecure (EXPIRED, and
    /// a warning); neither makes a problem of a connection that works.
    @Test func doctorShowsTheCertificateAndItsExpiry() throws {
        let (server, port) = try Self.fixture.startServer()
        defer { server.stop() }
        let url = "rediss://127.0.0.1:\(port)/0"
        let expected = runProcess(
            "/usr/bin/openssl", ["x509", "-noout", "-enddate", "-in", Self.fixture.directory + "/server.crt"]
        ).stdoutText
        let text = PotteryBinary.run(["doctor", "-u", url, "--cacert", Self.fixture.caFile], server: nil)
        #expect(text.status == 0, "\(text.stderrText)")
        let tls = try #require(text.lines.first { $0.hasPrefix("tls: ") })
        #expect(
            tls.hasPrefix("tls: on, certificate and name verified; certificate localhost, expires "), "\(tls)"
        )
        #expect(tls.hasSuffix("(in 1 day)") || tls.hasSuffix("(in 2 days)"), "\(tls)")
        #expect(text.stdoutText.contains("  warning: the server's certificate expires "))
        let json = PotteryBinary.run(
            ["doctor", "--json", "-u", url, "--cacert", Self.fixture.caFile], server: nil)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [String: Any])
        let certificate = try #require((document["tls"] as? [String: Any])?["certificate"] as? [String: Any])
        #expect(certificate["common_name"] as? String == "localhost")
        // openssl says `notAfter=Dec  6 10:00:00 2026 GMT`: the same instant as our ISO 8601.
        let notAfter = try #require(certificate["not_after"] as? String)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "MMM d HH:mm:ss yyyy 'GMT'"
        let openssl = try #require(
            formatter.date(
                from: expected.replacingOccurrences(of: "notAfter=", with: "").replacingOccurrences(
                    of: "  ", with: " "
                ).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(notAfter == ISO8601DateFormatter().string(from: openssl), "\(expected)")

        let (old, oldPort) = try Self.fixture.startServer(certificate: "expired")
        defer { old.stop() }
        let expired = PotteryBinary.run(
            ["doctor", "-u", "rediss://127.0.0.1:\(oldPort)/0", "--insecure"], server: nil)
        #expect(expired.status == 0, "\(expired.stderrText)")
        #expect(expired.stdoutText.contains("certificate localhost, EXPIRED on 2020-01-02 00:00:00 UTC"))
        #expect(
            expired.stdoutText.contains(
                "  warning: the server's certificate expired on 2020-01-02 00:00:00 UTC"))
    }

    /// Quorum masters over TLS (and one plain among them): lock and nextid as on plain sockets.
    @Test func tlsMastersMakeAQuorum() throws {
        let started = try (0..<2).map { _ in try Self.fixture.startServer() }
        let plain = try RedisServerProcess.start()
        defer {
            for (server, _) in started { server.stop() }
            plain.stop()
        }
        let masters = started.map { "rediss://127.0.0.1:\($0.tlsPort)/0" } + [plain.url]
        let environment = [
            "POTTERY_MASTERS": masters.joined(separator: ","), "POTTERY_CACERT": Self.fixture.caFile,
        ]
        let key = uniqueKey("tls-lock")
        let token = PotteryBinary.run(
            ["lock", "acquire", key, "--nowait"], server: nil, environment: environment)
        #expect(token.status == 0, "\(token.stderrText)")
        for (server, _) in started + [(plain, 0)] {
            #expect(
                try server.cli("GET", "redlock:\(key)") == token.stdoutText.trimmingCharacters(in: .newlines))
        }
        let again = PotteryBinary.run(
            ["lock", "acquire", key, "--nowait"], server: nil, environment: environment)
        #expect(again.status == 1)
        let release = PotteryBinary.run(
            ["lock", "release", key, token.stdoutText.trimmingCharacters(in: .newlines)], server: nil,
            environment: environment)
        #expect(release.status == 0, "\(release.stderrText)")
        let ids = PotteryBinary.run(
            ["nextid", "next", key, "--count", "3"], server: nil, environment: environment)
        #expect(ids.stdoutText == "1\n2\n3\n", "\(ids.stderrText)")
        // Without the CA, the TLS masters fail verification: no quorum of 3.
        let unverified = PotteryBinary.run(
            ["nextid", "next", key], server: nil,
            environment: ["POTTERY_MASTERS": masters.joined(separator: ",")])
        #expect(unverified.status == 3)
    }

    /// OpenSSL and readline are loaded on first use (a TLS connection, a REPL): the binary links
    /// neither, so a plain command starts as fast as before.
    @Test func heavyLibrariesAreNotLinked() {
        let linked = runProcess("/usr/bin/ldd", [PotteryBinary.path])
        #expect(linked.status == 0)
        for library in ["libssl", "libcrypto", "libreadline", "libtinfo"] {
            #expect(!linked.stdoutText.contains(library), "\(library): \(linked.stdoutText)")
        }
    }
}
