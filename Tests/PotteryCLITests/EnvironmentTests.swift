import RedisTestSupport
import Testing

@testable import PotteryCLI

/// Settings from the environment and from batch lines of options alone.
@Suite struct EnvironmentTests {
    let server = RedisServerProcess.shared

    @Test func redisURLIsTheFallback() {
        let key = uniqueKey("env")
        let set = PotteryBinary.run(
            ["dict", "set", key, "a", "1"], server: nil, environment: ["REDIS_URL": server.url])
        #expect(set.status == 0, "\(set.stderrText)")
        // POTTERY_URL wins over REDIS_URL, and -u over both.
        let shadowed = PotteryBinary.run(
            ["dict", "get", key, "a"], server: nil,
            environment: ["REDIS_URL": "redis://127.0.0.1:1/0", "POTTERY_URL": server.url])
        #expect(shadowed.stdoutText == "1\n")
        let flag = PotteryBinary.run(
            ["dict", "get", key, "a", "-u", server.url], server: nil,
            environment: ["POTTERY_URL": "redis://127.0.0.1:1/0"])
        #expect(flag.stdoutText == "1\n")
    }

    @Test func aBadTimeoutIsAUsageError() {
        for bad in ["soon", "0", "-1", "0x5", "inf", "1e300", ""] {
            let result = PotteryBinary.run(["ping"], environment: ["POTTERY_TIMEOUT": bad])
            #expect(result.status == 2, "POTTERY_TIMEOUT=\(bad)")
            #expect(result.stderrText.contains("POTTERY_TIMEOUT"), "\(bad)")
        }
        #expect(PotteryBinary.run(["ping"], environment: ["POTTERY_TIMEOUT": "2.5"]).status == 0)
    }

    @Test func mastersComeFromFlagsThenTheEnvironmentThenTheURL() {
        let environment = Environment { name in
            name == "POTTERY_MASTERS" ? " redis://a:1/0,redis://b:2/0  redis://c:3/0," : nil
        }
        var settings = Settings()
        #expect(settings.resolvedMasters(environment) == ["redis://a:1/0", "redis://b:2/0", "redis://c:3/0"])
        settings.masters = ["redis://x:9/0"]
        #expect(settings.resolvedMasters(environment) == ["redis://x:9/0"])
        let none = Environment { _ in nil }
        #expect(Settings().resolvedMasters(none) == ["redis://localhost:6379/0"])
    }

    @Test func timePrintsOneLineOnStandardError() {
        let result = PotteryBinary.run(["ping", "--time"])
        #expect(result.stdoutText == "PONG\n")
        let line = result.stderrText
        #expect(line.hasPrefix("pottery: ping: ") && line.hasSuffix(" ms\n"), "\(line)")
        let number = line.dropFirst("pottery: ping: ".count).dropLast(" ms\n".count)
        #expect(NumberSyntax.decimal(String(number)) != nil, "\(number)")
    }

    /// A batch line of options alone changes the lines after it; it used to start a nested batch.
    @Test func aBatchLineOfOptionsChangesTheSession() {
        let key = uniqueKey("batch")
        let script = """
            dict set \(key) name jack
            dict get \(key) name
            -r
            dict get \(key) name
            --url redis://127.0.0.1:1/0
            ping
            """
        let result = PotteryBinary.run([], stdin: script)
        #expect(result.lines == ["\"jack\"", "jack"])
        #expect(result.status == 3, "\(result.stderrText)")
        let keepGoing = PotteryBinary.run(["--keep-going"], stdin: "dict get \(key) nope\nping\n")
        #expect(keepGoing.lines == ["PONG"] && keepGoing.status == 1)
    }
}
