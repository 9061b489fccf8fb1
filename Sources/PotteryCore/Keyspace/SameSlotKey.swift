import RedisClient

/// Names for helper keys (a Bloom filter's remembered parameters, a HyperLogLog's scratch copy) that
/// Redis Cluster places in the same hash slot as the key they serve, so that one script or one
/// DEL may touch both.
///
/// Cluster hashes only the part between the first `{` and the first `}` after it, when that part
/// is not empty (the "hash tag"); otherwise the whole key.
/// - A key with a hash tag keeps it: the helper is `KEY` + `suffix` (`user:{42}:seen` →
///   `user:{42}:seen:pottery-bloom`), same tag, same slot.
/// - A key without one is wrapped into a tag: `{KEY}` + `suffix` (`dilberts` →
///   `{dilberts}:pottery-bloom`), which hashes exactly `KEY`.
/// - A key that no tag can spell (empty, or with a `}` but no tag: `x}`, `{}`, `a{}b`) gets a
///   tag of decimal digits chosen to hash to `KEY`'s slot, then `KEY`, then `suffix` and
///   `:untagged`: `{N}` + `KEY` + `suffix` + `:untagged`. The last part keeps it apart from the
///   helper of the key literally named `{N}KEY`, which ends in `suffix`.
public enum SameSlotKey {
    /// The helper key for `key` with `suffix` (which should contain no braces).
    public static func helper(for key: [UInt8], suffix: [UInt8]) -> [UInt8] {
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        if hasHashTag(key) { return key + suffix }
        if !key.isEmpty && !key.contains(close) { return [open] + key + [close] + suffix }
        return [open] + tag(forSlot: ClusterSlot.of(key)) + [close] + key + suffix + untagged
    }

    private static let untagged = Array(":untagged".utf8)

    /// The smallest decimal number whose text hashes to `slot` (every slot has one below 110,000).
    public static func tag(forSlot slot: Int) -> [UInt8] {
        var number = 0
        while true {
            let text = Array(String(number).utf8)
            if ClusterSlot.of(text) == slot { return text }
            number += 1
        }
    }

    /// Whether Cluster hashes `key` by a tag rather than whole.
    public static func hasHashTag(_ key: [UInt8]) -> Bool {
        guard let open = key.firstIndex(of: UInt8(ascii: "{")),
            let close = key[(open + 1)...].firstIndex(of: UInt8(ascii: "}"))
        else { return false }
        return close > open + 1
    }

    /// The bytes Cluster hashes for `key`: its tag, or the whole key.
    public static func hashedPart(of key: [UInt8]) -> ArraySlice<UInt8> {
        guard let open = key.firstIndex(of: UInt8(ascii: "{")),
            let close = key[(open + 1)...].firstIndex(of: UInt8(ascii: "}")), close > open + 1
        else { return key[...] }
        return key[(open + 1)..<close]
    }

    /// A fresh scratch key for `key`: `label` and 128 random bits in hex after it, in its slot.
    public static func scratch(for key: [UInt8], label: String) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var suffix = ":\(label)-"
        for _ in 0..<2 {
            let word = String(generator.next() as UInt64, radix: 16)
            suffix += String(repeating: "0", count: 16 - word.count) + word
        }
        return helper(for: key, suffix: Array(suffix.utf8))
    }
}
