import PotterySystem
import RedisClient

/// Key names for completion: `SCAN MATCH <escaped prefix>*`, bounded so that a huge keyspace or a slow
/// server cannot stall the prompt (at most `limit` names, `maxRounds` SCAN calls and `budget` seconds).
/// Names that are not UTF-8 or that contain a NUL byte are skipped: no argv word can name them.
struct KeyLookup {
    var limit = 500
    var maxRounds = 64
    var count = 1000
    var budget = 1.0

    /// `prefix` with the glob metacharacters of SCAN MATCH (`* ? [ ] \`) escaped, then `*`.
    static func pattern(forPrefix prefix: String) -> [UInt8] {
        var pattern: [UInt8] = []
        for byte in prefix.utf8 {
            switch byte {
            case UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"),
                UInt8(ascii: "\\"):
                pattern.append(UInt8(ascii: "\\"))
            default: break
            }
            pattern.append(byte)
        }
        pattern.append(UInt8(ascii: "*"))
        return pattern
    }

    /// One SCAN call per round (not ``RedisScanCursor``, which keeps scanning past empty batches), so
    /// every bound holds even when nothing matches. On a cluster, every master in turn, sharing
    /// the bounds.
    func names(prefix: String, connection: RedisConnection) throws -> [String] {
        let deadline = MonotonicClock.now() + budget
        let match = Self.pattern(forPrefix: prefix)
        var names: [String] = []
        var rounds = 0
        for node in try connection.masterConnections() {
            var cursor: [UInt8] = [UInt8(ascii: "0")]
            while rounds < maxRounds && names.count < limit && MonotonicClock.now() < deadline {
                rounds += 1
                guard let next = try scanRound(node, cursor: cursor, match: match, into: &names) else {
                    break
                }
                cursor = next
                if next == [UInt8(ascii: "0")] { break }
            }
        }
        return names
    }

    /// One SCAN call; adds the names found (up to `limit`) and returns the next cursor, `nil` when
    /// the reply is not a cursor and a batch.
    private func scanRound(
        _ connection: RedisConnection, cursor: [UInt8], match: [UInt8], into names: inout [String]
    ) throws -> [UInt8]? {
        let reply = try connection.call([
            Array("SCAN".utf8), cursor, Array("MATCH".utf8), match, Array("COUNT".utf8),
            Array(String(count).utf8),
        ])
        guard let parts = reply.array, parts.count == 2, let next = parts[0].bytes, let items = parts[1].array
        else { return nil }
        for item in items {
            guard let bytes = item.bytes, !bytes.contains(0),
                let name = String(validating: bytes, as: UTF8.self)
            else { continue }
            names.append(name)
            if names.count == limit { break }
        }
        return next
    }
}
