import RedisTestSupport
import Testing

/// Hardening item 11: algebra over a missing first key and a key of another type fails as Python's
/// pottery (and Redis' own SINTER/SDIFF) do, instead of printing an empty result with status 0.
@Suite struct SetAlgebraWrongTypeTests {
    let server = RedisServerProcess.shared

    @Test(arguments: ["union", "intersection", "difference", "isdisjoint", "issubset", "issuperset"])
    func wrongTypeWithAMissingFirstKey(_ verb: String) throws {
        let missing = uniqueKey("nope")
        let hash = uniqueKey("hash")
        _ = try server.cli("HSET", hash, "f", "1")
        let result = PotteryBinary.run("set", verb, missing, hash)
        #expect(result.status == 3)
        #expect(result.stdoutText == "")
        #expect(result.stderrText.contains("WRONGTYPE"))
        #expect(result.stderrText.split(separator: "\n").count == 1)
    }
}
