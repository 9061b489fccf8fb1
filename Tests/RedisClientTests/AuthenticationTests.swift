import RedisClient
import RedisTestSupport
import Testing

@Suite struct AuthenticationTests {
    static let password = "pa:ss@w/o%rd é"

    @Test func passwordOnly() throws {
        let server = try RedisServerProcess.start(password: Self.password)
        defer { server.stop() }
        let url = try RedisURL(parsing: server.authenticatedURL)
        #expect(url.password == Self.password)
        let connection = try RedisConnection(url: url)
        #expect(try connection.call("PING") == .simpleString(b("PONG")))
        #expect(try connection.call("ACL", "WHOAMI") == .bulkString(b("default")))

        // The options' password overrides the URL's.
        let overridden = try RedisConnection(
            url: RedisURL(parsing: "redis://:wrong@127.0.0.1:\(server.port)"),
            options: RedisConnectionOptions(password: Self.password))
        #expect(try overridden.call("PING") == .simpleString(b("PONG")))
    }

    @Test func wrongPasswordAndMissingPassword() throws {
        let server = try RedisServerProcess.start(password: Self.password)
        defer { server.stop() }
        let wrongSecret = "WrongSecret123"
        let wrong = #expect(throws: RedisError.self) {
            try RedisConnection(url: RedisURL(parsing: "redis://:\(wrongSecret)@127.0.0.1:\(server.port)/0"))
        }
        #expect(wrong?.kind == .authentication)
        #expect(wrong?.code == "WRONGPASS")
        #expect(wrong?.command == "AUTH")
        #expect(wrong?.server == "redis://:***@127.0.0.1:\(server.port)/0")
        #expect(wrong.map { !"\($0)".contains(wrongSecret) && !$0.message.contains(wrongSecret) } == true)

        let missing = #expect(throws: RedisError.self) {
            // CLIENT SETNAME is the handshake's only command here: it meets NOAUTH.
            try RedisConnection(
                url: RedisURL(parsing: server.url), options: RedisConnectionOptions(clientName: "pottery"))
        }
        #expect(missing?.kind == .authentication)
        #expect(missing?.code == "NOAUTH")

        // Without a handshake, the first command gets NOAUTH: still .authentication.
        let bare = try RedisConnection(
            url: RedisURL(parsing: server.url), options: RedisConnectionOptions(clientName: nil))
        let noauth = #expect(throws: RedisError.self) { try bare.call("GET", "x") }
        #expect(noauth?.kind == .authentication)
        #expect(noauth?.code == "NOAUTH")
        #expect(noauth?.command == "GET")
    }

    @Test func aclUser() throws {
        let user = (name: "alice", password: "Wonder land!42")
        let server = try RedisServerProcess.start(aclUser: user)
        defer { server.stop() }
        let connection = try RedisConnection(url: RedisURL(parsing: server.authenticatedURL))
        #expect(try connection.call("ACL", "WHOAMI") == .bulkString(b("alice")))

        let wrong = #expect(throws: RedisError.self) {
            try RedisConnection(
                url: RedisURL(parsing: "redis://alice:NotHerPassword9@127.0.0.1:\(server.port)"))
        }
        #expect(wrong?.kind == .authentication)
        #expect(wrong?.code == "WRONGPASS")
        #expect(wrong?.server == "redis://alice:***@127.0.0.1:\(server.port)/0")
        #expect(wrong.map { "\($0)".contains("alice") && !"\($0)".contains("NotHerPassword9") } == true)

        let unknown = #expect(throws: RedisError.self) {
            try RedisConnection(
                url: RedisURL(parsing: "redis://bob:\(user.password)@127.0.0.1:\(server.port)"))
        }
        #expect(unknown?.code == "WRONGPASS")
        #expect(unknown.map { !"\($0)".contains(user.password) } == true)
    }

    @Test func passwordToAServerWithoutOne() throws {
        let error = #expect(throws: RedisError.self) {
            try RedisConnection(
                url: RedisURL(parsing: "redis://:unneeded@127.0.0.1:\(RedisServerProcess.shared.port)"))
        }
        #expect(error?.kind == .authentication)
        #expect(error?.command == "AUTH")
        #expect(error.map { !"\($0)".contains("unneeded") } == true)
    }
}
