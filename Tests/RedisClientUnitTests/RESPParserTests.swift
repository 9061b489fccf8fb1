import RedisClient
import RedisTestSupport
import Testing

@Suite struct RESPParserTests {
    /// Replies of every type, with the values they decode to.
    static let samples: [(String, RESPValue)] = [
        ("+OK\r\n", .simpleString(b("OK"))),
        ("+\r\n", .simpleString([])),
        ("-ERR unknown command 'foo'\r\n", .error(b("ERR unknown command 'foo'"))),
        (":0\r\n", .integer(0)),
        (":-42\r\n", .integer(-42)),
        (":9223372036854775807\r\n", .integer(.max)),
        (":-9223372036854775808\r\n", .integer(.min)),
        ("$0\r\n\r\n", .bulkString([])),
        ("$-1\r\n", .bulkString(nil)),
        ("$6\r\nhe\r\nlo\r\n", .bulkString(b("he\r\nlo"))),
        ("*-1\r\n", .array(nil)),
        ("*0\r\n", .array([])),
        (
            "*3\r\n:1\r\n$3\r\nfoo\r\n*2\r\n+a\r\n*-1\r\n",
            .array([.integer(1), .bulkString(b("foo")), .array([.simpleString(b("a")), .array(nil)])])
        ),
        ("*2\r\n*1\r\n*0\r\n$-1\r\n", .array([.array([.array([])]), .bulkString(nil)])),
    ]

    static var stream: [UInt8] { samples.flatMap { b($0.0) } }
    static var values: [RESPValue] { samples.map(\.1) }

    /// Feeds `chunks` one after the other and collects every reply.
    static func parse(_ chunks: [ArraySlice<UInt8>], parser: RESPParser = RESPParser()) throws -> [RESPValue]
    {
        var parser = parser
        var values: [RESPValue] = []
        for chunk in chunks {
            parser.append(chunk)
            while let value = try parser.next() { values.append(value) }
        }
        #expect(parser.bufferedByteCount == 0)
        return values
    }

    /// A SCAN reply's cursor is known from its first bytes, whatever the split, and the whole
    /// reply is still returned; anything else is another shape as soon as the bytes say so.
    @Test func peeksTheLeadingBulkStringOfAReplyOnItsWay() throws {
        let reply = Array("*2\r\n$4\r\n1536\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n".utf8)
        let head = Array("*2\r\n$4\r\n1536\r\n".utf8).count
        var parser = RESPParser()
        for (index, byte) in reply.enumerated() {
            #expect(parser.peekLeadingBulkString() == (index < head ? .incomplete : .found(b("1536"))))
            parser.append([byte])
        }
        #expect(parser.peekLeadingBulkString() == .found(b("1536")))
        #expect(
            try parser.next()
                == .array([.bulkString(b("1536")), .array([.bulkString(b("a")), .bulkString(b("b"))])]))
        #expect(parser.peekLeadingBulkString() == .incomplete)
        for other in [
            "-ERR no\r\n", ":3\r\n", "*0\r\n", "*-1\r\n", "*2\r\n:1\r\n", "*2\r\n$-1\r\n",
            "*2\r\n$65\r\n", "*2\r\n$1\r\n7xx", "*x\r\n",
        ] {
            var parser = RESPParser()
            parser.append(Array(other.utf8))
            #expect(parser.peekLeadingBulkString() == .otherShape, "\(other)")
        }
    }

    @Test func decodesEveryType() throws {
        for (text, expected) in Self.samples {
            #expect(try Self.parse([b(text)[...]]) == [expected], "\(text.debugDescription)")
            #expect(encodeRESP(expected) == b(text))
        }
    }

    @Test func everySplitPointOfTheSampleStream() throws {
        let stream = Self.stream
        for split in 0...stream.count {
            let values = try Self.parse([stream[..<split], stream[split...]])
            #expect(values == Self.values, "split at \(split)")
        }
    }

    @Test func byteByByte() throws {
        let stream = Self.stream
        #expect(try Self.parse(stream.indices.map { stream[$0...$0] }) == Self.values)
    }

    @Test func incompletePrefixesNeedMoreBytes() throws {
        for (text, _) in Self.samples {
            let bytes = b(text)
            for length in 0..<bytes.count {
                var parser = RESPParser()
                parser.append(bytes[..<length])
                #expect(try parser.next() == nil, "\(text.debugDescription) cut at \(length)")
            }
        }
    }

    @Test func largeBulkStringAcrossReadsGrowsThenShrinksTheBuffer() throws {
        let payload = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let stream = encodeRESP(.bulkString(payload)) + b(":7\r\n")
        var parser = RESPParser(initialCapacity: 64 * 1024)
        var values: [RESPValue] = []
        var maximumCapacity = 0
        var offset = 0
        while offset < stream.count {
            let end = min(offset + 10_000, stream.count)
            parser.append(stream[offset..<end])
            offset = end
            maximumCapacity = max(maximumCapacity, parser.capacity)
            while let value = try parser.next() { values.append(value) }
        }
        #expect(values == [.bulkString(payload), .integer(7)])
        #expect(maximumCapacity >= payload.count)
        #expect(parser.capacity == 64 * 1024)
    }

    @Test func largeArrayArrivingInSmallPieces() throws {
        let elements = (0..<50_000).map { RESPValue.bulkString(b("member-\($0)")) }
        let stream = encodeRESP(.array(elements))
        var parser = RESPParser()
        var result: RESPValue?
        var offset = 0
        while offset < stream.count {
            let end = min(offset + 997, stream.count)
            parser.append(stream[offset..<end])
            offset = end
            if let value = try parser.next() {
                #expect(offset == stream.count, "complete before the last byte arrived")
                result = value
            }
        }
        #expect(result == .array(elements))
    }

    @Test(arguments: [
        "?\r\n", "hello\r\n", ":abc\r\n", ":\r\n", ":-\r\n", ":12a\r\n", ":1\r\r\n", ":1\rx",
        ":99999999999999999999\r\n", ":01\r\n", ":-0\r\n", "$01\r\nx\r\n", ":9223372036854775808\r\n",
        "$-2\r\n", "*-2\r\n", "$\r\n",
        "$3\r\nabcd\r\n", "$3\r\nabc\n\n", "$3\r\nabc\rX", "+OK\rX", "+O\nK\r\n", "-ERR\n",
        "*2\r\n:1\r\n?", "*1\r\n$1\r\nab\r\n", "$1 \r\nx\r\n", "$+1\r\nx\r\n", "* 1\r\n",
        "$600000000\r\n", "*1\r\n*1\r\n:x\r\n",
    ])
    func rejectsMalformedInput(_ text: String) {
        var parser = RESPParser()
        parser.append(b(text))
        #expect(throws: RESPParseError.self, "\(text.debugDescription)") {
            while try parser.next() != nil {}
        }
    }

    @Test func rejectsMalformedInputFedByteByByte() {
        for text in [":12a\r\n", "$3\r\nabcd\r\n", "+O\nK\r\n", "*1\r\n*1\r\n!\r\n"] {
            var parser = RESPParser()
            var threw = false
            for byte in b(text) {
                parser.append([byte])
                do {
                    #expect(try parser.next() == nil)
                } catch {
                    threw = true
                    break
                }
            }
            #expect(threw, "\(text.debugDescription)")
        }
    }

    @Test func nestingDepthIsCapped() throws {
        let deepest = String(repeating: "*1\r\n", count: 64) + ":1\r\n"
        var parser = RESPParser()
        parser.append(b(deepest))
        var value = try #require(try parser.next())
        for _ in 0..<64 {
            guard case .array(let elements?) = value, elements.count == 1 else {
                Issue.record("not nested")
                return
            }
            value = elements[0]
        }
        #expect(value == .integer(1))

        var tooDeep = RESPParser()
        tooDeep.append(b(String(repeating: "*1\r\n", count: 65)))
        #expect(throws: RESPParseError.self) { try tooDeep.next() }
    }

    @Test func lineAndLengthLimits() throws {
        var limits = RESPParser.Limits()
        limits.maxLineLength = 16
        limits.maxBulkLength = 100
        limits.maxElements = 10
        var parser = RESPParser(limits: limits)
        parser.append(b("+" + String(repeating: "x", count: 40)))
        #expect(throws: RESPParseError.self) { try parser.next() }

        parser = RESPParser(limits: limits)
        parser.append(b("+" + String(repeating: "x", count: 16) + "\r\n"))
        #expect(try parser.next() == .simpleString(Array(repeating: UInt8(ascii: "x"), count: 16)))

        parser = RESPParser(limits: limits)
        parser.append(b("$101\r\n"))
        #expect(throws: RESPParseError.self) { try parser.next() }

        parser = RESPParser(limits: limits)
        parser.append(b("*11\r\n"))
        #expect(throws: RESPParseError.self) { try parser.next() }
    }

    @Test func errorMessagesNameTheProblem() {
        var parser = RESPParser()
        parser.append(b("A"))
        do {
            _ = try parser.next()
            Issue.record("no error")
        } catch {
            #expect(error.message.contains("0x41"))
        }
    }

    @Test func typeIdentifiers() {
        #expect(RESPTypeIdentifier(rawValue: UInt8(ascii: "+")) == .simpleString)
        #expect(RESPTypeIdentifier(rawValue: UInt8(ascii: "-")) == .error)
        #expect(RESPTypeIdentifier(rawValue: UInt8(ascii: ":")) == .integer)
        #expect(RESPTypeIdentifier(rawValue: UInt8(ascii: "$")) == .bulkString)
        #expect(RESPTypeIdentifier(rawValue: UInt8(ascii: "*")) == .array)
        #expect(RESPTypeIdentifier(rawValue: UInt8(ascii: "_")) == nil)
    }

    @Test func valueConveniences() {
        #expect(RESPValue.bulkString(b("x")).bytes == b("x"))
        #expect(RESPValue.simpleString(b("OK")).string == "OK")
        #expect(RESPValue.integer(3).int == 3)
        #expect(RESPValue.integer(3).bytes == nil)
        #expect(RESPValue.bulkString(nil).isNull)
        #expect(RESPValue.array(nil).isNull)
        #expect(!RESPValue.array([]).isNull)
        #expect(RESPValue.array([.integer(1)]).array == [.integer(1)])
        #expect(RESPValue.error(b("ERR x")).errorMessage == "ERR x")
        #expect(RESPValue.error(b("ERR x")).isError)
        #expect(RESPValue.bulkString(nil).bytes == nil)
    }
}
