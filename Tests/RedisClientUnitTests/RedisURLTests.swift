import RedisClient
import Testing

@Suite struct RedisURLTests {
    @Test(arguments: [
        ("redis://localhost", RedisURL(endpoint: .tcp(host: "localhost", port: 6379))),
        ("redis://127.0.0.1:6380/2", RedisURL(endpoint: .tcp(host: "127.0.0.1", port: 6380), db: 2)),
        ("REDIS://Example.COM:1/0", RedisURL(endpoint: .tcp(host: "Example.COM", port: 1))),
        ("redis://", RedisURL(endpoint: .tcp(host: "localhost", port: 6379))),
        ("redis://host/", RedisURL(endpoint: .tcp(host: "host", port: 6379))),
        ("redis://:secret@host", RedisURL(endpoint: .tcp(host: "host", port: 6379), password: "secret")),
        ("redis://secret@host", RedisURL(endpoint: .tcp(host: "host", port: 6379), password: "secret")),
        (
            "redis://alice:pw@host:7000/15",
            RedisURL(endpoint: .tcp(host: "host", port: 7000), user: "alice", password: "pw", db: 15)
        ),
        ("redis://alice:@host", RedisURL(endpoint: .tcp(host: "host", port: 6379), user: "alice")),
        (
            "redis://a%40b:p%3Aw%2F%25%20%C3%A9@host",
            RedisURL(endpoint: .tcp(host: "host", port: 6379), user: "a@b", password: "p:w/% é")
        ),
        ("redis://[::1]", RedisURL(endpoint: .tcp(host: "::1", port: 6379))),
        ("redis://[::1]:6390/3", RedisURL(endpoint: .tcp(host: "::1", port: 6390), db: 3)),
        (
            "redis://u:p@[2001:db8::7]:1234",
            RedisURL(endpoint: .tcp(host: "2001:db8::7", port: 1234), user: "u", password: "p")
        ),
        ("redis://[fe80::1%25eth0]:6379", RedisURL(endpoint: .tcp(host: "fe80::1%eth0", port: 6379))),
        ("redis://host?db=4", RedisURL(endpoint: .tcp(host: "host", port: 6379), db: 4)),
        (
            "redis://host/1?password=p%26w&foo=bar",
            RedisURL(endpoint: .tcp(host: "host", port: 6379), password: "p&w", db: 1)
        ),
        ("unix:///tmp/redis.sock", RedisURL(endpoint: .unix(path: "/tmp/redis.sock"))),
        ("unix:///tmp/redis.sock?db=3", RedisURL(endpoint: .unix(path: "/tmp/redis.sock"), db: 3)),
        ("unix:///tmp/my%20dir/r.sock", RedisURL(endpoint: .unix(path: "/tmp/my dir/r.sock"))),
        ("unix://:pw@/run/redis.sock", RedisURL(endpoint: .unix(path: "/run/redis.sock"), password: "pw")),
        (
            "unix://bob:pw@/run/redis.sock?db=1",
            RedisURL(endpoint: .unix(path: "/run/redis.sock"), user: "bob", password: "pw", db: 1)
        ),
        ("localhost", RedisURL(endpoint: .tcp(host: "localhost", port: 6379))),
        ("10.0.0.1:7001", RedisURL(endpoint: .tcp(host: "10.0.0.1", port: 7001))),
        ("  redis-master:6379/2\n", RedisURL(endpoint: .tcp(host: "redis-master", port: 6379), db: 2)),
        ("[::1]:7002", RedisURL(endpoint: .tcp(host: "::1", port: 7002))),
        ("/var/run/redis.sock", RedisURL(endpoint: .unix(path: "/var/run/redis.sock"))),
    ])
    func parses(_ text: String, _ expected: RedisURL) throws {
        #expect(try RedisURL(parsing: text) == expected)
    }

    @Test(arguments: [
        "", "   ", "http://host", "redis://host:0", "redis://host:65536",
        "redis://host:port",
        "redis://host:", "redis://host/x", "redis://host/-1", "redis://host/1/2", "redis://[::1",
        "redis://[::1]x", "redis://[zz::1]", "redis://[127.0.0.1]", "redis://ho st", "redis://h%41st",
        "redis://:p%zz@host", "redis://:p%4@host", "redis://:%FF%FE@host", "unix://", "unix://relative/path",
        "unix://pw@host/path", "redis://host?db=x", "redis://:pa/ss@host", "redis://:pa#ss@host",
        "redis://host/99999999999",
    ])
    func rejects(_ text: String) {
        let error = #expect(throws: RedisError.self) { try RedisURL(parsing: text) }
        #expect(error?.kind == .invalidURL)
        #expect(error?.message.hasPrefix("invalid Redis URL: ") == true)
    }

    @Test func parseErrorsNeverQuoteThePassword() {
        let secret = "Sup3rSecretValue"
        for text in [
            "redis://:\(secret)@host:99999", "redis://:\(secret)@host/x", "redis://u:\(secret)%zz@host",
            "redis://:\(secret)/x@host", "redis://:\(secret)#@host", "rediss://:\(secret)@host:0",
            "ftp://:\(secret)@host", "unix://:\(secret)@relative", "\(secret)@ho st",
        ] {
            do {
                _ = try RedisURL(parsing: text)
                Issue.record("accepted \(text)")
            } catch {
                #expect(!error.description.contains(secret), "\(error.description)")
                #expect(!error.message.contains(secret))
            }
        }
    }

    @Test(arguments: [
        ("redis://localhost", "redis://localhost:6379/0"),
        ("redis://:pw@h:1/2", "redis://:***@h:1/2"),
        ("redis://alice:pw@h", "redis://alice:***@h:6379/0"),
        ("redis://a%40b:pw@h", "redis://a%40b:***@h:6379/0"),
        ("redis://alice:@h", "redis://alice:@h:6379/0"),
        ("redis://pw@h", "redis://:***@h:6379/0"),
        ("redis://[::1]:7000", "redis://[::1]:7000/0"),
        ("unix:///tmp/r.sock", "unix:///tmp/r.sock"),
        ("unix://:pw@/tmp/r%20s.sock?db=2", "unix://:***@/tmp/r%20s.sock?db=2"),
    ])
    func redacts(_ text: String, _ expected: String) throws {
        let url = try RedisURL(parsing: text)
        #expect(url.redacted == expected)
        #expect(url.description == expected)
        #expect(String(reflecting: url) == expected)
        #expect(try RedisURL(parsing: url.redacted.replacingPassword(with: url.password)) == url)
    }

    @Test func passwordAppearsInNoRendering() throws {
        let url = try RedisURL(parsing: "redis://alice:TopSecret42@host:6379/1")
        var dumped = ""
        dump(url, to: &dumped)
        for text in [url.description, url.redacted, "\(url)", String(reflecting: url), dumped] {
            #expect(!text.contains("TopSecret42"), "\(text)")
        }
        let options = RedisConnectionOptions(password: "OtherSecret")
        var dumpedOptions = ""
        dump(options, to: &dumpedOptions)
        #expect(!"\(options)".contains("OtherSecret"))
        #expect(!dumpedOptions.contains("OtherSecret"))
    }

    @Test func address() throws {
        #expect(try RedisURL(parsing: "redis://:pw@[::1]:7000/3").address == "[::1]:7000")
        #expect(try RedisURL(parsing: "redis://h/3").address == "h:6379")
        #expect(try RedisURL(parsing: "unix:///tmp/s").address == "/tmp/s")
    }
}

extension String {
    /// Puts `password` (percent-encoded) back where `***` is, to round-trip a redacted URL.
    fileprivate func replacingPassword(with password: String?) -> String {
        guard let password else { return self }
        let encoded = password.unicodeScalars.map { scalar -> String in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                ? String(scalar) : "%" + String(scalar.value, radix: 16)
        }.joined()
        return replacing("***", with: encoded)
    }
}
