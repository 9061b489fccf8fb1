/// Redis Cluster's hash slots: `CRC16(key) mod 16384`, over the hash tag when the key has one.
public enum ClusterSlot {
    /// The number of hash slots in a cluster.
    public static let count = 16384

    /// The slot of `key`, exactly as `CLUSTER KEYSLOT` computes it: CRC16 (XMODEM) of the hash
    /// tag, if the key has one, else of the whole key, `& 16383`.
    public static func of(_ key: some Collection<UInt8>) -> Int {
        Int(crc16(hashTag(key)) & 0x3FFF)
    }

    /// The slot of a key given as a string (its UTF-8 bytes).
    public static func of(_ key: String) -> Int {
        of(Array(key.utf8))
    }

    /// The bytes that are hashed: between the first `{` and the first `}` after it, when that is
    /// non-empty; otherwise the whole key (`{}`, a lone `{` or `}` and `}{` hash the whole key).
    public static func hashTag<Key: Collection<UInt8>>(_ key: Key) -> Key.SubSequence {
        guard let open = key.firstIndex(of: UInt8(ascii: "{")) else { return key[...] }
        let afterOpen = key.index(after: open)
        guard let close = key[afterOpen...].firstIndex(of: UInt8(ascii: "}")), close != afterOpen else {
            return key[...]
        }
        return key[afterOpen..<close]
    }

    /// CRC16-CCITT (XMODEM: polynomial 0x1021, initial value 0), as Redis's `crc16.c`.
    public static func crc16(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc = (crc << 8) ^ table[Int((crc >> 8) ^ UInt16(byte))]
        }
        return crc
    }

    private static let table: [UInt16] = (0..<256).map { index in
        var crc = UInt16(index) << 8
        for _ in 0..<8 {
            crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1
        }
        return crc
    }
}
