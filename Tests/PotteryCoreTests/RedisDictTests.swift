import PotteryCore
import PotteryJSON
import RedisClient
import RedisTestSupport
import Testing

struct User: Codable, Equatable, Hashable {
    var name: String
    var age: Int
}

/// A value no encoder can write.
struct Unencodable: Codable {
    init() {}

    func encode(to encoder: any Encoder) throws {
        throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "never encodable"))
    }
}

@Suite struct RedisDictTests {
    let server = RedisServerProcess.shared

    @Test func codableKeysAndValuesAreStoredAsPotteryDoes() throws {
        let key = uniqueKey("dict")
        let ages = RedisDict<String, Int>(key: key, redis: try connect())
        try ages.set("jack", 4098)
        try ages.update([("sape", 4139), ("guido", 4127)])
        #expect(try server.cli("HGET", key, "\"jack\"") == "4098")
        #expect(try ages["jack"] == 4098)
        #expect(try ages.value(for: "nobody") == nil)
        #expect(try ages.contains("sape"))
        #expect(try ages.count() == 3)
        #expect(try ages.remove("sape"))
        #expect(try !ages.remove("sape"))
        #expect(try ages.toDictionary() == ["jack": 4098, "guido": 4127])
    }

    @Test func popSetDefaultPopItemAndSeveralValues() throws {
        let key = uniqueKey("dict")
        let dict = RedisDict<String, Int>(key: key, redis: try connect())
        try dict.update([("a", 1), ("b", 2)])
        #expect(try dict.pop("a") == 1)
        #expect(try dict.pop("a") == nil)
        #expect(try dict.setDefault("b", 9) == 2)
        #expect(try dict.setDefault("c", 3) == 3)
        #expect(try dict.values(for: ["c", "zz", "b"]) == [3, nil, 2])
        var popped: [String: Int] = [:]
        while let (field, value) = try dict.popItem() { popped[field] = value }
        #expect(popped == ["b": 2, "c": 3])
        #expect(try !dict.exists)
    }

    @Test func codableStructValues() throws {
        let key = uniqueKey("dict")
        let users = RedisDict<String, User>(key: key, redis: try connect())
        try users.set("jack", User(name: "Jack", age: 41))
        #expect(try server.cli("HGET", key, "\"jack\"") == "{\"age\": 41, \"name\": \"Jack\"}")
        #expect(try users["jack"] == User(name: "Jack", age: 41))
        _ = try server.cli("HSET", key, "\"bad\"", "[1, 2]")
        let error = potteryError { () throws(PotteryError) in _ = try users["bad"] }
        #expect(error.map { if case .undecodable = $0.kind { true } else { false } } == true)
    }

    @Test func jsonValues() throws {
        let key = uniqueKey("dict")
        let dict = RedisDict<JSONValue, JSONValue>(key: key, redis: try connect())
        try dict.set(["b": 2, "a": [1.5, true, .null]], "x")
        #expect(try server.cli("HKEYS", key) == "{\"a\": [1.5, true, null], \"b\": 2}")
        var items = dict.items()
        let first = try items.next()
        #expect(first?.0 == ["a": [1.5, true, .null], "b": 2] && first?.1 == "x")
        #expect(try items.next() == nil)
    }

    @Test func storedValuesPassThroughUntouched() throws {
        let key = uniqueKey("dict")
        let dict = RedisDict<StoredValue, StoredValue>(key: key, redis: try connect())
        // Not JSON: a stored value is passed on as it is, never decoded.
        _ = try server.cli("HSET", key, "raw", "not json")
        #expect(try dict[StoredValue(bytes: b("raw"))] == StoredValue(bytes: b("not json")))
        try dict.set(StoredValue(JSONValue("é")), StoredValue(bytes: b("1")))
        #expect(try server.cli("HGET", key, "\"\\u00e9\"") == "1")
        #expect(try dict.toDictionary().count == 2)
    }

    @Test func storedTextThatIsNotJSONIsReported() throws {
        let key = uniqueKey("dict")
        _ = try server.cli("HSET", key, "\"a\"", "not json")
        let dict = RedisDict<JSONValue, JSONValue>(key: key, redis: try connect())
        let error = potteryError { () throws(PotteryError) in _ = try dict["a"] }
        #expect(error.map { if case .notJSON = $0.kind { true } else { false } } == true)
        #expect(error?.keyName == key)
        #expect(error?.statusClass == .redis)
        var cursor = dict.values()
        #expect(potteryError { () throws(PotteryError) in _ = try cursor.next() }?.keyName == key)
    }

    @Test func typeMismatchIsAPotteryErrorWrappingWrongType() throws {
        let key = uniqueKey("dict")
        _ = try server.cli("SADD", key, "1")
        let dict = RedisDict<String, Int>(key: key, redis: try connect())
        let error = redisError { () throws(PotteryError) in _ = try dict["a"] }
        #expect(error?.kind == .server)
        #expect(error?.code == "WRONGTYPE")
        #expect(potteryError { () throws(PotteryError) in _ = try dict.count() }?.statusClass == .redis)
    }

    @Test func valuesThatCannotBeEncodedAreInvalidAndWriteNothing() throws {
        let dict = RedisDict<String, Unencodable>(key: uniqueKey("dict"), redis: try connect())
        let error = potteryError { () throws(PotteryError) in try dict.set("a", Unencodable()) }
        #expect(error.map { if case .invalidValue = $0.kind { true } else { false } } == true)
        #expect(error?.statusClass == .invalidInput)
        #expect(try !dict.exists)
    }
}
