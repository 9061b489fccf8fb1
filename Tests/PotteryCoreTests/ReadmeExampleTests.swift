import PotteryCore
import RedisTestSupport
import Testing

/// The README's library example, as written there, against a real server.
@Suite struct ReadmeExampleTests {
    struct User: Codable { var name: String; var age: Int }

    @Test func theLibraryExampleWorks() throws {
        let server = RedisServerProcess.shared
        let key = uniqueKey("users")
        let redis = try RedisConnection(url: RedisURL(parsing: server.url))
        let users = RedisDict<String, User>(key: key, redis: redis)
        try users.set("jack", User(name: "Jack", age: 41))
        #expect(try users["jack"]?.age ?? 0 == 41)
        var names: [String] = []
        var items = users.items()
        while let (name, user) = try items.next() { names.append(name + ":" + user.name) }
        #expect(names == ["jack:Jack"])
        #expect(try server.cli("HGET", key, "\"jack\"") == #"{"age": 41, "name": "Jack"}"#)
    }
}
