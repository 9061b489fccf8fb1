import RedisClient
import Testing

@Suite struct RESPCommandEncoderTests {
    @Test func encodesArraysOfBulkStrings() {
        var encoder = RESPCommandEncoder()
        encoder.append([b("SET"), b("key"), b("")])
        #expect(encoder.buffer == b("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$0\r\n\r\n"))
    }

    @Test func argumentKindsEncodeAlike() {
        var encoder = RESPCommandEncoder()
        encoder.beginCommand(argumentCount: 6)
        encoder.appendArgument("héllo")
        encoder.appendArgument(b("héllo"))
        encoder.appendArgument(b("xhéllo")[1...])
        b("héllo").withUnsafeBytes { encoder.appendArgument($0) }
        encoder.appendArgument(-1234567890)
        encoder.appendArgument(0)
        let hello = "$6\r\nhéllo\r\n"
        #expect(
            encoder.buffer
                == b("*6\r\n" + hello + hello + hello + hello + "$11\r\n-1234567890\r\n$1\r\n0\r\n"))
    }

    @Test func binaryAndLargeArguments() throws {
        let binary = (0...255).map { UInt8($0) }
        let large = [UInt8](repeating: 0x61, count: 123_456)
        var encoder = RESPCommandEncoder()
        encoder.append([binary, large])
        var parser = RESPParser()
        parser.append(encoder.buffer)
        #expect(try parser.next() == .array([.bulkString(binary), .bulkString(large)]))
    }

    @Test func manyCommandsShareOneBuffer() throws {
        var encoder = RESPCommandEncoder()
        for index in 0..<1000 { encoder.append(["INCRBY", "k", String(index)]) }
        var parser = RESPParser()
        parser.append(encoder.buffer)
        for index in 0..<1000 {
            #expect(
                try parser.next()
                    == .array([.bulkString(b("INCRBY")), .bulkString(b("k")), .bulkString(b("\(index)"))]))
        }
        encoder.removeAll()
        #expect(encoder.count == 0)
    }
}
