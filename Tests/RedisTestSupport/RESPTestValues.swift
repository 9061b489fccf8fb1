public import RedisClient

/// RESP2 bytes of a value (the test-side encoder the parser is checked against).
public func encodeRESP(_ value: RESPValue) -> [UInt8] {
    switch value {
    case .simpleString(let bytes): return Array("+".utf8) + bytes + Array("\r\n".utf8)
    case .error(let bytes): return Array("-".utf8) + bytes + Array("\r\n".utf8)
    case .integer(let number): return Array(":\(number)\r\n".utf8)
    case .bulkString(nil): return Array("$-1\r\n".utf8)
    case .bulkString(let bytes?): return Array("$\(bytes.count)\r\n".utf8) + bytes + Array("\r\n".utf8)
    case .array(nil): return Array("*-1\r\n".utf8)
    case .array(let elements?): return Array("*\(elements.count)\r\n".utf8) + elements.flatMap(encodeRESP)
    }
}

/// A small deterministic PRNG (SplitMix64), so fuzz failures reproduce.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
