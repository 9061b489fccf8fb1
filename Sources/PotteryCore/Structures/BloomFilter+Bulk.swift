import RedisClient

extension BloomFilter {
    /// A writer that streams stored values (canonical JSON) into the filter: offsets computed
    /// here, sent as a windowed pipeline of `BITFIELD KEY SET u1 OFFSET 1 ...` (measured faster
    /// than one SETBIT per bit; the bits and the string's length are the same). Like pottery's
    /// `update`, a bit is sent once: for filters of up to 2^27 bits a local bitmap (at most
    /// 16 MiB) remembers the bits already sent. With `atomic`, inside MULTI/EXEC: `abort()` then
    /// writes nothing. Memory stays bounded.
    public func bulkAdder(atomic: Bool, offsetsPerCommand: Int = 512) -> BloomBulkAdder {
        BloomBulkAdder(
            redis: redis, key: keyBytes, parameters: parameters, atomic: atomic,
            offsetsPerCommand: offsetsPerCommand)
    }

    /// A reader that answers membership for stored values as they stream in, in order, through
    /// `onAnswer`: pipelined `BITFIELD_RO KEY GET u1 OFFSET ...`, whole elements per command, with
    /// answers delivered while later commands are in flight. Memory stays bounded.
    public func bulkChecker(
        elementsPerCommand: Int = 128, onAnswer: @escaping (Bool) throws(PotteryError) -> Void
    ) -> BloomBulkChecker {
        BloomBulkChecker(
            redis: redis, key: keyBytes, parameters: parameters, elementsPerCommand: elementsPerCommand,
            onAnswer: onAnswer)
    }
}

/// Streams elements' bits into a Bloom filter; see ``BloomFilter/bulkAdder(atomic:offsetsPerCommand:)``.
public final class BloomBulkAdder {
    private let pipeline: RedisPipeline<UInt32, PotteryError>
    private let parameters: BloomFilterParameters
    /// The bits already sent, one per bit of the filter; empty for filters above `dedupeLimit`.
    private var sent: [UInt64]
    /// How many elements were handed in.
    public private(set) var count = 0
    /// How many bits were sent (each at most once when deduplicated).
    public private(set) var bitsSent = 0

    /// The largest filter (in bits) whose sent bits are remembered locally: 16 MiB.
    public static let dedupeLimit = 1 << 27

    init(
        redis: RedisConnection, key: [UInt8], parameters: BloomFilterParameters, atomic: Bool,
        offsetsPerCommand: Int
    ) {
        self.parameters = parameters
        sent =
            parameters.bits <= Self.dedupeLimit ? Array(repeating: 0, count: (parameters.bits + 63) / 64) : []
        pipeline = RedisPipeline(
            connection: redis, commandName: "BITFIELD", itemsPerCommand: offsetsPerCommand, atomic: atomic,
            encode: { offsets, output in
                output.beginCommand(argumentCount: 2 + offsets.count * 4)
                output.appendArgument(bitfield)
                output.appendArgument(key)
                for offset in offsets {
                    output.appendArgument(set)
                    output.appendArgument(u1)
                    output.appendArgument(Int(offset))
                    output.appendArgument(one)
                }
            },
            onReply: { (_) throws(PotteryError) in }, wrap: { PotteryError($0, key: key) })
    }

    /// Adds one stored value (its canonical JSON text).
    public func add(stored: [UInt8]) throws(PotteryError) {
        count += 1
        try parameters.forEachOffset(of: stored) { (offset) throws(PotteryError) in
            if !sent.isEmpty {
                let mask: UInt64 = 1 << UInt64(offset & 63)
                if sent[offset >> 6] & mask != 0 { return }
                sent[offset >> 6] |= mask
            }
            bitsSent += 1
            try pipeline.add(UInt32(truncatingIfNeeded: offset))
        }
    }

    /// Sends what is left and reads every reply (with `atomic`, runs EXEC).
    public func finish() throws(PotteryError) { try pipeline.finish() }

    /// Gives up (with `atomic`, nothing is applied).
    public func abort() { pipeline.abort() }
}

/// Answers membership for streamed elements; see ``BloomFilter/bulkChecker(elementsPerCommand:onAnswer:)``.
public final class BloomBulkChecker {
    private let pipeline: RedisPipeline<UInt32, PotteryError>
    private let parameters: BloomFilterParameters

    init(
        redis: RedisConnection, key: [UInt8], parameters: BloomFilterParameters, elementsPerCommand: Int,
        onAnswer: @escaping (Bool) throws(PotteryError) -> Void
    ) {
        self.parameters = parameters
        let hashes = parameters.hashes
        let wrap = { (error: RedisError) in PotteryError(error, key: key) }
        pipeline = RedisPipeline(
            connection: redis, commandName: "BITFIELD_RO",
            itemsPerCommand: max(1, elementsPerCommand) * hashes, commandBytes: Int.max,
            encode: { offsets, output in
                output.beginCommand(argumentCount: 2 + offsets.count * 3)
                output.appendArgument(bitfieldRO)
                output.appendArgument(key)
                for offset in offsets {
                    output.appendArgument(get)
                    output.appendArgument(u1)
                    output.appendArgument(Int(offset))
                }
            },
            onReply: { (reply) throws(PotteryError) in
                guard case .array(let bits?) = reply.value, bits.count == reply.itemCount,
                    reply.itemCount % hashes == 0
                else {
                    throw wrap(
                        RedisError(
                            kind: .protocolViolation,
                            message:
                                "BITFIELD_RO replied with the wrong shape: expected \(reply.itemCount) bits",
                            server: redis.server, command: "BITFIELD_RO"))
                }
                var index = 0
                while index < bits.count {
                    var all = true
                    for bit in bits[index..<(index + hashes)] {
                        switch bit {
                        case .integer(1): break
                        case .integer(0): all = false
                        default:
                            throw wrap(
                                RedisError(
                                    kind: .protocolViolation,
                                    message:
                                        "BITFIELD_RO replied with the wrong shape: a bit that is not 0 or 1",
                                    server: redis.server, command: "BITFIELD_RO"))
                        }
                    }
                    try onAnswer(all)
                    index += hashes
                }
            }, wrap: wrap)
    }

    /// Asks about one stored value; its answer comes to `onAnswer` in order, maybe later.
    public func check(stored: [UInt8]) throws(PotteryError) {
        let pipeline = self.pipeline
        try parameters.forEachOffset(of: stored) { (offset) throws(PotteryError) in
            try pipeline.add(UInt32(truncatingIfNeeded: offset))
        }
    }

    /// Sends what is left and delivers every answer.
    public func finish() throws(PotteryError) { try pipeline.finish() }

    /// Gives up; answers still in flight are not delivered.
    public func abort() { pipeline.abort() }
}

private let bitfield = Array("BITFIELD".utf8)
private let bitfieldRO = Array("BITFIELD_RO".utf8)
private let set = Array("SET".utf8)
private let get = Array("GET".utf8)
private let u1 = Array("u1".utf8)
private let one = Array("1".utf8)
