import Foundation
import RedisTestSupport
import Testing

/// `pottery bf ...` and `pottery hll ...` on a cluster: every verb on keys of all three masters,
/// bulk input, and `hll merge` of sources in other slots than DEST.
extension ClusterCommandTests {
    @Test func bloomVerbsOnEveryMaster() throws {
        let flags = ["--capacity", "100", "--error-rate", "0.01"]
        for key in fixture.keysOnEveryMaster("cbf") {
            #expect(fixture.run(["bf", "add", key, "rajiv"] + flags).status == 0)
            #expect(try fixture.cli("STRLEN", key) == "99")
            #expect(try fixture.cli("GETBIT", key, "183") == "1" && fixture.cli("GETBIT", key, "711") == "1")
            #expect(try fixture.cli("BITCOUNT", key) == "7")
            let companion = "{\(key)}:pottery-bloom"
            #expect(try fixture.cli("GET", companion) == #"{"capacity": 100, "error_rate": 0.01}"#)
            #expect(fixture.run("bf", "contains", key, "rajiv").stdoutText == "true\n")
            let raj = fixture.run("bf", "contains", key, "raj")
            #expect(raj.status == 1 && raj.stdoutText == "false\n")
            #expect(fixture.run("bf", "add", key, "raj", "dan").status == 0)
            #expect(fixture.run("bf", "len", key).stdoutText == "3\n")
            #expect(
                fixture.run("bf", "contains-many", key, "rajiv", "x", "dan").lines == [
                    "true", "false", "true",
                ])
            let info = fixture.run("bf", "info", key)
            #expect(info.stdoutText.hasPrefix(#"{"bits": 959, "bits_set": "#))
            #expect(info.stdoutText.contains(#""capacity": 100, "error_rate": 0.01, "hashes": 7, "len": 3"#))
            #expect(fixture.run("bf", "clear", key).status == 0)
            #expect(try fixture.cli("EXISTS", key) == "0" && fixture.cli("EXISTS", companion) == "0")

            // Bulk input, atomic with -j; a large filter (beyond the local bitmap) pipelines BITFIELDs.
            let input = (0..<4000).map { "\($0)" }.joined(separator: "\n") + "\n"
            let big = key + ":big"
            for (target, capacity) in [(key, "5000"), (big, "10000000")] {
                let bulkFlags = ["--capacity", capacity, "--error-rate", "0.01"]
                let bad = fixture.run(["bf", "add", target, "-", "-j"] + bulkFlags, stdin: input + "{oops\n")
                #expect(bad.status == 2)
                #expect(try fixture.cli("EXISTS", target) == "0")
                #expect(fixture.run(["bf", "add", target, "-", "-j"] + bulkFlags, stdin: input).status == 0)
                let answers = fixture.run(["bf", "contains-many", target, "-"], stdin: input).lines
                #expect(answers.count == 4000 && answers.allSatisfy { $0 == "true" })
                let count = Int(fixture.run("bf", "len", target).trimmed) ?? 0
                #expect(abs(count - 4000) < 200, "\(count)")
            }
            #expect(fixture.run("bf", "clear", key).status == 0)
            #expect(fixture.run("bf", "clear", big).status == 0)
        }
        try fixture.expectNoRedirections()
    }

    @Test func hyperLogLogVerbsOnEveryMaster() throws {
        for key in fixture.keysOnEveryMaster("chll") {
            #expect(fixture.run("hll", "add", key, "sonic the hedgehog", "snake", "pac-man").status == 0)
            #expect(try fixture.cli("PFADD", key, "\"snake\"") == "0")
            #expect(fixture.run("hll", "count", key).stdoutText == "3\n")
            #expect(fixture.run("hll", "contains", key, "snake").stdoutText == "true\n")
            let absent = fixture.run("hll", "contains", key, "jim carrey")
            #expect(absent.status == 1 && absent.stdoutText == "false\n")
            #expect(
                fixture.run("hll", "contains-many", key, "snake", "jim carrey", "pac-man").lines == [
                    "true", "false", "true",
                ])
            let input = (0..<5000).map { "\($0)" }.joined(separator: "\n") + "\n"
            #expect(fixture.run(["hll", "add", key, "-"], stdin: input).status == 0)
            #expect(
                fixture.run(["hll", "add", key + ":strict", "-", "-j"], stdin: input + "{oops\n").status == 2)
            #expect(try fixture.cli("EXISTS", key + ":strict") == "0")
            let count = Int(fixture.run("hll", "count", key).trimmed) ?? 0
            #expect(abs(count - 5003) < 150, "\(count)")
            let answers = fixture.run(["hll", "contains-many", key, "-"], stdin: input).lines
            #expect(answers.count == 5000 && answers.allSatisfy { $0 == "true" })
            #expect(fixture.run("hll", "clear", key).status == 0)
            #expect(try fixture.cli("EXISTS", key) == "0")
        }
        try fixture.expectNoRedirections()
    }

    @Test func hyperLogLogMergeAcrossSlots() throws {
        let base = uniqueKey("cmerge")
        let sources = fixture.spread(base)
        // The same values added to keys of one slot: the server's PFCOUNT over them is the union's.
        let tagged = (0..<3).map { "{\(base)}:copy\($0)" }
        for (index, key) in sources.enumerated() {
            let input = (index * 2000..<index * 2000 + 3000).map { "\($0)" }.joined(separator: "\n")
            #expect(fixture.run(["hll", "add", key, "-"], stdin: input).status == 0)
            #expect(fixture.run(["hll", "add", tagged[index], "-"], stdin: input).status == 0)
        }
        let union = try fixture.cluster.cli(fixture.owner(of: tagged[0]), arguments: ["PFCOUNT"] + tagged)
        #expect(abs((Int(union) ?? 0) - 7000) < 250, "\(union)")

        for dest in [sources[0] + ":dest", sources[1] + ":dest", sources[2]] {
            #expect(fixture.run(["hll", "merge", dest] + sources).status == 0, "\(dest)")
            #expect(fixture.run("hll", "count", dest).stdoutText == union + "\n", "\(dest)")
            #expect(try fixture.cli("PFCOUNT", dest) == union)
        }
        // A DEST with registers of its own keeps them.
        let extra = sources[1] + ":extra"
        #expect(fixture.run("hll", "add", extra, "only-here").status == 0)
        #expect(fixture.run(["hll", "merge", extra, sources[0], sources[2]]).status == 0)
        #expect(fixture.run("hll", "contains", extra, "only-here").status == 0)
        #expect(fixture.run("hll", "contains", extra, "0").status == 0)
        #expect(fixture.run("hll", "contains", extra, "4999").status == 0)
        // No scratch key is left behind, on any master.
        for port in fixture.masterPorts {
            let left = try fixture.cluster.cli(port, "--scan", "--pattern", "*\(base)*pottery-hll*")
            #expect(left.isEmpty, "\(port): \(left)")
        }
        let everything = sources + tagged + sources.prefix(2).map { $0 + ":dest" } + [extra]
        #expect(fixture.run(["del"] + everything).status == 0)
        try fixture.expectNoRedirections()
    }
}
