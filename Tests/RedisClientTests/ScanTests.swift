import RedisClient
import RedisTestSupport
import Testing

/// On a server of its own: 12,000 keys in the shared server would show up in other suites' scans.
@Suite struct ScanTests {
    static let total = 12_000
    static let server: RedisServerProcess = {
        do {
            return try RedisServerProcess.start()
        } catch {
            fatalError("\(error)")
        }
    }()

    @Test func prefetchingCursorReturnsEverythingAndCancelKeepsTheConnectionInStep() throws {
        let connection = try connect(Self.server)
        let key = uniqueKey("prefetch")
        var arguments = [b("HSET"), b(key)]
        for index in 0..<5000 { arguments += [b("f\(index)"), b("\(index)")] }
        _ = try connection.call(arguments)
        defer { _ = try? connection.call("DEL", key) }

        var cursor = connection.hscan(b(key), count: 100)
        cursor.prefetch = true
        var fields = Set<[UInt8]>()
        while let batch = try cursor.nextBatch() {
            for index in stride(from: 0, to: batch.count, by: 2) { fields.insert(batch[index]) }
        }
        #expect(fields.count == 5000)
        #expect(connection.pendingReplies == 0)

        var early = connection.hscan(b(key), count: 100)
        early.prefetch = true
        #expect(try early.nextBatch()?.isEmpty == false)
        #expect(connection.pendingReplies == 1, "the next request is already on its way")
        early.cancel()
        #expect(connection.pendingReplies == 0)
        #expect(try connection.call("PING") == .simpleString(b("PONG")))
    }

    @Test func scanReturnsEveryKey() throws {
        let connection = try connect(Self.server)
        let prefix = uniqueKey("scan")
        let keys = (0..<Self.total).map { b("\(prefix):\($0)") }
        for chunk in stride(from: 0, to: keys.count, by: 1000) {
            connection.enqueue(
                [b("MSET")] + keys[chunk..<min(chunk + 1000, keys.count)].flatMap { [$0, b("v")] })
        }
        for _ in stride(from: 0, to: keys.count, by: 1000) {
            #expect(try connection.readReply() == .simpleString(b("OK")))
        }
        defer {
            for chunk in stride(from: 0, to: keys.count, by: 1000) {
                _ = try? connection.call([b("UNLINK")] + keys[chunk..<min(chunk + 1000, keys.count)])
            }
        }
        _ = try connection.call("SADD", prefix + ":set", "x")
        defer { _ = try? connection.call("DEL", prefix + ":set") }

        var cursor = connection.scan(match: b(prefix + ":*"), count: 500)
        var seen = Set<[UInt8]>()
        var batches = 0
        while let batch = try cursor.nextBatch() {
            #expect(!batch.isEmpty)
            batches += 1
            seen.formUnion(batch)
        }
        #expect(batches > 1)
        #expect(seen == Set(keys).union([b(prefix + ":set")]))
        #expect(try cursor.nextBatch() == nil)

        var typed = connection.scan(match: b(prefix + ":*"), count: 2000, type: "set")
        #expect(try typed.collect() == [b(prefix + ":set")])
    }

    @Test func hscanReturnsEveryFieldAndValue() throws {
        let connection = try connect(Self.server)
        let key = uniqueKey("hscan")
        defer { _ = try? connection.call("UNLINK", key) }
        connection.enqueue([b("HSET"), b(key)] + (0..<Self.total).flatMap { [b("f\($0)"), b("v\($0)")] })
        #expect(try connection.readReply() == .integer(Int64(Self.total)))
        var cursor = connection.hscan(b(key), count: 1000)
        var fields: [String: String] = [:]
        while let batch = try cursor.nextBatch() {
            #expect(batch.count % 2 == 0)
            for pair in stride(from: 0, to: batch.count, by: 2) {
                fields[String(decoding: batch[pair], as: UTF8.self)] = String(
                    decoding: batch[pair + 1], as: UTF8.self)
            }
        }
        #expect(fields.count == Self.total)
        #expect((0..<Self.total).allSatisfy { fields["f\($0)"] == "v\($0)" })

        var matching = connection.hscan(b(key), match: b("f1999*"))
        let matched = try matching.collect()
        #expect(matched == [b("f1999"), b("v1999")])
    }

    @Test func sscanReturnsEveryMember() throws {
        let connection = try connect(Self.server)
        let key = uniqueKey("sscan")
        defer { _ = try? connection.call("UNLINK", key) }
        let members = (0..<Self.total).map { b("member-\($0)") }
        connection.enqueue(command: "SADD", key: b(key), arguments: members)
        #expect(try connection.readReply() == .integer(Int64(Self.total)))
        var cursor = connection.sscan(b(key), count: 700)
        var seen = Set<[UInt8]>()
        while let batch = try cursor.nextBatch() { seen.formUnion(batch) }
        #expect(seen == Set(members))
    }

    @Test func scanOfAMissingKeyIsEmpty() throws {
        let connection = try connect(Self.server)
        var cursor = connection.sscan(b(uniqueKey("none")))
        #expect(try cursor.nextBatch() == nil)
        var wrong = connection.hscan(b(uniqueKey("none")), count: 10)
        #expect(try wrong.collect() == [])
    }
}
