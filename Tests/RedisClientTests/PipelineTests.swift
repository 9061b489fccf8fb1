import RedisClient
import RedisTestSupport
import Testing

/// The windowed pipeline against a real redis-server.
@Suite struct PipelineTests {
    /// A SADD pipeline of `key`, `itemsPerCommand` members per command.
    func saddPipeline(
        _ connection: RedisConnection, _ key: String, atomic: Bool = false, itemsPerCommand: Int = 100,
        window: RedisPipelineWindow = .init(maxCommands: 4, maxBytes: 4096, flushBytes: 512),
        onReply: @escaping RedisPipeline<[UInt8], RedisError>.OnReply = { _ in }
    ) -> RedisPipeline<[UInt8], RedisError> {
        let keyBytes = b(key)
        return RedisPipeline(
            connection: connection, commandName: "SADD", itemsPerCommand: itemsPerCommand,
            itemBytes: { $0.count + 16 }, atomic: atomic, window: window,
            encode: { members, output in
                output.beginCommand(argumentCount: 2 + members.count)
                output.appendArgument("SADD")
                output.appendArgument(keyBytes)
                for member in members { output.appendArgument(member) }
            }, onReply: onReply)
    }

    @Test func variadicBatchesWithATinyWindow() throws {
        // A server of its own, paused for writes at first: its replies wait, so the window must
        // fill (a fast server could otherwise answer each command before the next is added, and
        // the window would never be seen full); the pause ends by itself and the rest flows.
        let own = try RedisServerProcess.start()
        defer { own.stop() }
        let connection = try connect(own)
        let key = uniqueKey("pipe-sadd")
        _ = try own.cli("CLIENT", "PAUSE", "300", "WRITE")
        var added = 0
        var nextItem = 0
        let pipeline = saddPipeline(connection, key) { reply in
            #expect(reply.firstItem == nextItem)
            #expect(reply.items.count == reply.itemCount)
            #expect(reply.items.first == b("m\(reply.firstItem % 20_000)"))
            nextItem += reply.itemCount
            added += Int(reply.value.int ?? -1_000_000)
        }
        var most = (commands: 0, bytes: 0)
        for index in 0..<20_000 {
            try pipeline.add(b("m\(index)"))
            most = (max(most.commands, pipeline.commandsInFlight), max(most.bytes, pipeline.bytesInFlight))
        }
        // The window fills and holds: memory does not grow with the input.
        #expect(most.commands >= 2 && most.commands <= 4)
        #expect(most.bytes <= 4096 && most.bytes > 1000)
        try pipeline.add(b("m0"))
        try pipeline.finish()
        #expect(added == 20_000)
        #expect(nextItem == 20_001)
        #expect(pipeline.commandCount == 201)
        #expect(connection.pendingReplies == 0)
        #expect(try connection.call("SCARD", key) == .integer(20_000))
    }

    @Test func oneCommandPerItemAnswersInInputOrder() throws {
        let connection = try connect()
        let key = uniqueKey("pipe-smismember")
        defer { _ = try? connection.call("DEL", key) }
        _ = try connection.call("SADD", key, "1", "3", "5")
        var answers: [String] = []
        let keyBytes = b(key)
        let pipeline = RedisPipeline<[UInt8], RedisError>(
            connection: connection, commandName: "SMISMEMBER", itemsPerCommand: 1,
            window: .init(maxCommands: 3, maxBytes: 1 << 20, flushBytes: 64),
            encode: { items, output in
                output.beginCommand(argumentCount: 2 + items.count)
                output.appendArgument("SMISMEMBER")
                output.appendArgument(keyBytes)
                for item in items { output.appendArgument(item) }
            },
            onReply: { reply throws(RedisError) in
                let flags = try reply.value.decode(
                    as: [Bool].self, count: reply.itemCount, command: "SMISMEMBER", server: connection.server)
                for (item, flag) in zip(reply.items, flags) {
                    answers.append("\(String(decoding: item, as: UTF8.self))=\(flag)")
                }
            })
        for number in 0..<7 { try pipeline.add(b("\(number)")) }
        try pipeline.finish()
        #expect(answers == ["0=false", "1=true", "2=false", "3=true", "4=false", "5=true", "6=false"])
    }

    @Test func firstErrorReplyStopsAndTheConnectionStaysInStep() throws {
        let connection = try connect()
        let key = uniqueKey("pipe-error")
        defer { _ = try? connection.call("DEL", key, key + ":str") }
        _ = try connection.call("SET", key + ":str", "x")
        let keys = [b(key), b(key + ":str")]
        var replies = 0
        // Items are key indexes: item 3 goes to the string, so its SADD fails with WRONGTYPE.
        let pipeline = RedisPipeline<Int, RedisError>(
            connection: connection, commandName: "SADD", itemsPerCommand: 1,
            window: .init(maxCommands: 64, maxBytes: 1 << 20, flushBytes: 1 << 20),
            encode: { items, output in
                output.beginCommand(argumentCount: 3)
                output.appendArgument("SADD")
                output.appendArgument(keys[items.first! == 3 ? 1 : 0])
                output.appendArgument(items.first!)
            }, onReply: { _ in replies += 1 })
        for item in 0..<10 { try pipeline.add(item) }
        let error = #expect(throws: RedisError.self) { try pipeline.finish() }
        #expect(error?.code == "WRONGTYPE")
        #expect(error?.command == "SADD")
        #expect(replies == 3)
        #expect(connection.pendingReplies == 0)
        #expect(connection.isUsable)
        #expect(try connection.call("PING") == .simpleString(b("PONG")))
        // Not atomic: the commands before and after the failing one were applied.
        #expect(try connection.call("SCARD", key) == .integer(9))
        #expect(throws: RedisError.self) { try pipeline.add(11) }
    }

    @Test func onReplyCanStopThePipeline() throws {
        let connection = try connect()
        let key = uniqueKey("pipe-stop")
        defer { _ = try? connection.call("DEL", key) }
        let keyBytes = b(key)
        var seen = 0
        enum Stop: Error { case output, redis(RedisError) }
        let pipeline = RedisPipeline<[UInt8], Stop>(
            connection: connection, commandName: "SADD", itemsPerCommand: 1,
            window: .init(maxCommands: 2, maxBytes: 1 << 20, flushBytes: 1),
            encode: { items, output in
                output.beginCommand(argumentCount: 3)
                output.appendArgument("SADD")
                output.appendArgument(keyBytes)
                output.appendArgument(items.first!)
            },
            onReply: { _ throws(Stop) in
                seen += 1
                if seen == 5 { throw .output }
            }, wrap: { .redis($0) })
        var thrown: Stop?
        do {
            for index in 0..<1000 { try pipeline.add(b("\(index)")) }
            try pipeline.finish()
        } catch {
            thrown = error
        }
        guard case .output = thrown else {
            Issue.record("expected the callback's error, got \(String(describing: thrown))")
            return
        }
        #expect(seen == 5)
        #expect(connection.pendingReplies == 0)
        #expect(try connection.call("PING") == .simpleString(b("PONG")))
        let count = try #require(try connection.call("SCARD", key).int)
        #expect(count >= 5 && count < 1000, "the window bounds what went out after the stop: \(count)")
    }

    @Test func atomicAppliesEverythingAtExec() throws {
        let connection = try connect()
        let observer = try connect()
        let key = uniqueKey("pipe-atomic")
        defer { _ = try? connection.call("DEL", key) }
        var added = 0
        var firstItems: [Int] = []
        let pipeline = saddPipeline(connection, key, atomic: true) { reply in
            #expect(reply.items.isEmpty)
            firstItems.append(reply.firstItem)
            added += Int(reply.value.int ?? -1_000_000)
        }
        for index in 0..<1050 { try pipeline.add(b("m\(index)")) }
        #expect(try observer.call("EXISTS", key) == .integer(0))
        try pipeline.finish()
        #expect(added == 1050)
        #expect(firstItems == Array(stride(from: 0, to: 1050, by: 100)))
        #expect(try observer.call("SCARD", key) == .integer(1050))
    }

    @Test func atomicAbortDiscardsEverything() throws {
        let connection = try connect()
        let key = uniqueKey("pipe-abort")
        defer { _ = try? connection.call("DEL", key) }
        let pipeline = saddPipeline(connection, key, atomic: true)
        for index in 0..<5000 { try pipeline.add(b("m\(index)")) }
        pipeline.abort()
        #expect(connection.pendingReplies == 0)
        #expect(try connection.call("EXISTS", key) == .integer(0))
        // Out of MULTI: a plain command runs at once.
        #expect(try connection.call("SADD", key, "after") == .integer(1))
        #expect(try connection.call("SCARD", key) == .integer(1))
    }

    @Test func atomicRuntimeErrorIsThrownAfterExec() throws {
        let connection = try connect()
        let key = uniqueKey("pipe-atomic-wrongtype")
        defer { _ = try? connection.call("DEL", key) }
        _ = try connection.call("SET", key, "a string")
        let pipeline = saddPipeline(connection, key, atomic: true)
        for index in 0..<10 { try pipeline.add(b("m\(index)")) }
        let error = #expect(throws: RedisError.self) { try pipeline.finish() }
        #expect(error?.code == "WRONGTYPE")
        #expect(connection.pendingReplies == 0)
        #expect(try connection.call("GET", key) == .bulkString(b("a string")))
    }

    @Test func atomicQueueTimeErrorDiscards() throws {
        let connection = try connect()
        let key = uniqueKey("pipe-atomic-queue")
        defer { _ = try? connection.call("DEL", key) }
        let keyBytes = b(key)
        // Item 150 makes a command with a wrong number of arguments: rejected while queuing.
        let pipeline = RedisPipeline<Int, RedisError>(
            connection: connection, commandName: "SADD", itemsPerCommand: 1, atomic: true,
            window: .init(maxCommands: 16, maxBytes: 1 << 20, flushBytes: 256),
            encode: { items, output in
                let item = items.first!
                output.beginCommand(argumentCount: item == 150 ? 2 : 3)
                output.appendArgument("SADD")
                output.appendArgument(keyBytes)
                if item != 150 { output.appendArgument(item) }
            })
        var thrown: RedisError?
        do {
            for item in 0..<300 { try pipeline.add(item) }
            try pipeline.finish()
        } catch {
            thrown = error
        }
        #expect(thrown?.kind == .server)
        #expect(thrown?.code == "ERR")
        #expect(thrown?.message.contains("wrong number of arguments") == true)
        #expect(connection.pendingReplies == 0)
        #expect(try connection.call("EXISTS", key) == .integer(0))
        #expect(try connection.call("SADD", key, "after") == .integer(1))
    }

    @Test func emptyStreams() throws {
        let connection = try connect()
        let key = uniqueKey("pipe-empty")
        for atomic in [false, true] {
            let pipeline = saddPipeline(connection, key, atomic: atomic)
            try pipeline.finish()
            #expect(pipeline.commandCount == 0)
            #expect(connection.pendingReplies == 0)
        }
        #expect(try connection.call("EXISTS", key) == .integer(0))
    }

    @Test func serverDyingMidPipelineIsAnError() throws {
        let fake = try FakeRedisServer { arguments in
            arguments.count > 2 && arguments[2] == b("7") ? .rawThenClose(b(":1\r")) : .integer(1)
        }
        defer { fake.stop() }
        let connection = try RedisConnection(url: RedisURL(parsing: fake.url), options: .init(timeout: 5))
        let pipeline = saddPipeline(connection, "k", itemsPerCommand: 1)
        var thrown: RedisError?
        do {
            for index in 0..<100 { try pipeline.add(b("\(index)")) }
            try pipeline.finish()
        } catch {
            thrown = error
        }
        #expect(thrown?.kind == .connectionLost)
        #expect(!connection.isUsable)
    }

    @Test func abortReadsWhatIsInFlightWithoutDelivering() throws {
        let connection = try connect()
        let key = uniqueKey("pipe-abort-plain")
        defer { _ = try? connection.call("DEL", key) }
        var delivered = 0
        let pipeline = saddPipeline(
            connection, key, itemsPerCommand: 1,
            window: .init(maxCommands: 1000, maxBytes: 1 << 20, flushBytes: 1 << 20)
        ) { _ in delivered += 1 }
        for index in 0..<50 { try pipeline.add(b("m\(index)")) }
        pipeline.abort()
        #expect(delivered == 0)
        #expect(connection.pendingReplies == 0)
        #expect(try connection.call("PING") == .simpleString(b("PONG")))
        #expect(throws: RedisError.self) { try pipeline.add(b("late")) }
    }

    @Test func finishTwiceIsHarmlessAndAddAfterFinishFails() throws {
        let connection = try connect()
        let key = uniqueKey("pipe-twice")
        defer { _ = try? connection.call("DEL", key) }
        let pipeline = saddPipeline(connection, key)
        try pipeline.add(b("a"))
        try pipeline.finish()
        try pipeline.finish()
        #expect(pipeline.commandCount == 1)
        let error = #expect(throws: RedisError.self) { try pipeline.add(b("b")) }
        #expect(error?.message == "the pipeline is already finished")
        #expect(try connection.call("SCARD", key) == .integer(1))
    }
}
