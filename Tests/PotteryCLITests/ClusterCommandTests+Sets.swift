import Foundation
import RedisTestSupport
import Testing

/// `pottery set ...` on a cluster: every verb on keys of all three masters, bulk input, and the
/// algebra and relations of keys in different slots.
extension ClusterCommandTests {
    @Test func setVerbsOnEveryMaster() throws {
        for key in fixture.keysOnEveryMaster("cset") {
            #expect(fixture.run("set", "add", key, "jack", "4098", "02139", "{\"a\":1}").status == 0)
            let raw = try fixture.cli("SMEMBERS", key).split(separator: "\n").map(String.init)
            #expect(Set(raw) == ["\"jack\"", "4098", "\"02139\"", "{\"a\": 1}"])
            #expect(fixture.run("set", "has", key, "4098").stdoutText == "true\n")
            #expect(fixture.run("set", "has", key, "\"4098\"").status == 1)
            #expect(fixture.run("set", "len", key).stdoutText == "4\n")
            #expect(
                fixture.run("set", "contains-many", key, "jack", "nobody", "02139").lines == [
                    "true", "false", "true",
                ])
            #expect(
                fixture.run(["set", "contains-many", key, "-"], stdin: "4098\nx\n").lines == [
                    "true", "false",
                ])
            #expect(fixture.run("set", "remove", key, "jack", "nobody").status == 1)
            #expect(fixture.run("set", "remove", key, "4098").status == 0)
            #expect(fixture.run("set", "discard", key, "nobody").status == 0)
            #expect(Set(fixture.run("set", "members", key).lines) == ["\"02139\"", "{\"a\": 1}"])
            let popped = fixture.run("set", "pop", key, "-r")
            #expect(popped.status == 0 && ["02139\n", "{\"a\": 1}\n"].contains(popped.stdoutText))
            #expect(try fixture.cli("SCARD", key) == "1")
            #expect(fixture.run("set", "clear", key).status == 0)
            #expect(try fixture.cli("EXISTS", key) == "0")
            #expect(fixture.run("set", "pop", key).status == 1)
        }
        try fixture.expectNoRedirections()
    }

    @Test func setBulkInputOnEveryMaster() throws {
        let input = (0..<5000).map { "\($0)" }.joined(separator: "\n") + "\n"
        for key in fixture.keysOnEveryMaster("cbulk") {
            #expect(fixture.run(["set", "add", key, "-"], stdin: input).status == 0)
            #expect(try fixture.cli("SCARD", key) == "5000")
            #expect(try fixture.cli("SISMEMBER", key, "4999") == "1")
            #expect(fixture.run("set", "members", key).lines.count == 5000)
            let answers = fixture.run(["set", "contains-many", key, "-"], stdin: input + "5000\n").lines
            #expect(
                answers.count == 5001 && answers.dropLast().allSatisfy { $0 == "true" }
                    && answers.last == "false")

            // -j: all or nothing, in the key's own slot.
            let strict = key + ":strict"
            let bad = fixture.run(["set", "add", strict, "-", "-j"], stdin: input + "not json\n1\n")
            #expect(bad.status == 2 && bad.stderrText.contains("line 5001"))
            #expect(try fixture.cli("EXISTS", strict) == "0")
            #expect(fixture.run(["set", "add", strict, "-", "-j"], stdin: input).status == 0)
            #expect(try fixture.cli("SCARD", strict) == "5000")
            #expect(fixture.run("del", key, strict).status == 0)
        }
        try fixture.expectNoRedirections()
    }

    @Test func setAlgebraAndRelationsAcrossSlots() throws {
        let keys = fixture.keysOnEveryMaster("calg")
        let (a, b, c) = (keys[0], keys[1], keys[2])
        let empty = keys[0] + ":empty"
        #expect(fixture.run(["set", "add", a] + (0..<3000).map(String.init)).status == 0)
        #expect(
            fixture.run(
                ["set", "add", b, "-"], stdin: (2000..<5000).map(String.init).joined(separator: "\n")
            ).status == 0)
        #expect(fixture.run(["set", "add", c] + (2500..<2600).map(String.init)).status == 0)
        #expect(Set([a, b, c].map(fixture.owner(of:))).count == 3)

        let union = fixture.run("set", "union", a, b, c)
        #expect(
            union.status == 0 && union.lines.count == 5000
                && Set(union.lines) == Set((0..<5000).map(String.init)))
        let intersection = fixture.run("set", "intersection", a, b, c).lines
        #expect(intersection.count == 100 && Set(intersection) == Set((2500..<2600).map(String.init)))
        let difference = fixture.run("set", "difference", a, b).lines
        #expect(difference.count == 2000 && Set(difference) == Set((0..<2000).map(String.init)))
        #expect(fixture.run("set", "difference", c, a, b).stdoutText.isEmpty)
        #expect(fixture.run("set", "intersection", a, empty).stdoutText.isEmpty)

        #expect(fixture.run("set", "issubset", c, b).stdoutText == "true\n")
        #expect(fixture.run("set", "issubset", c, a).status == 0)
        let notSubset = fixture.run("set", "issubset", b, c)
        #expect(notSubset.status == 1 && notSubset.stdoutText == "false\n")
        #expect(fixture.run("set", "issuperset", b, c).status == 0)
        #expect(fixture.run("set", "issuperset", c, a).status == 1)
        #expect(fixture.run("set", "isdisjoint", a, c).status == 1)
        #expect(fixture.run("set", "isdisjoint", c, empty).stdoutText == "true\n")
        #expect(fixture.run("set", "issubset", empty, c).status == 0)
        #expect(fixture.run("set", "isdisjoint", "-q", a, b).stdout.isEmpty)
        // Disjoint sets in different slots.
        #expect(fixture.run(["set", "add", empty, "x", "y"]).status == 0)
        #expect(fixture.run("set", "isdisjoint", empty, b).status == 0)
        #expect(fixture.run("del", a, b, c, empty).status == 0)
        try fixture.expectNoRedirections()
    }
}
