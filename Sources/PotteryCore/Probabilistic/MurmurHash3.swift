/// MurmurHash3 x86_32 (Austin Appleby's public-domain reference), the hash of Python's `mmh3.hash`
/// that pottery's `BloomFilter` uses.
public enum MurmurHash3 {
    /// The 32-bit hash of `bytes` with `seed`, as the unsigned value the reference returns.
    @inlinable
    public static func x86_32(_ bytes: UnsafeRawBufferPointer, seed: UInt32) -> UInt32 {
        let c1: UInt32 = 0xcc9e_2d51
        let c2: UInt32 = 0x1b87_3593
        let count = bytes.count
        var h1 = seed
        let blocks = count / 4
        var index = 0
        for _ in 0..<blocks {
            var k1 =
                UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16
                | UInt32(bytes[index + 3]) << 24
            index += 4
            k1 &*= c1
            k1 = k1 << 15 | k1 >> 17
            k1 &*= c2
            h1 ^= k1
            h1 = h1 << 13 | h1 >> 19
            h1 = h1 &* 5 &+ 0xe654_6b64
        }
        var k1: UInt32 = 0
        let tail = count & 3
        if tail == 3 { k1 ^= UInt32(bytes[index + 2]) << 16 }
        if tail >= 2 { k1 ^= UInt32(bytes[index + 1]) << 8 }
        if tail >= 1 {
            k1 ^= UInt32(bytes[index])
            k1 &*= c1
            k1 = k1 << 15 | k1 >> 17
            k1 &*= c2
            h1 ^= k1
        }
        h1 ^= UInt32(truncatingIfNeeded: count)
        h1 ^= h1 >> 16
        h1 &*= 0x85eb_ca6b
        h1 ^= h1 >> 13
        h1 &*= 0xc2b2_ae35
        h1 ^= h1 >> 16
        return h1
    }

    /// The hash as `mmh3.hash(text, seed)` returns it by default: a signed 32-bit integer.
    @inlinable
    public static func signed32(_ bytes: [UInt8], seed: UInt32) -> Int32 {
        bytes.withUnsafeBytes { Int32(bitPattern: x86_32($0, seed: seed)) }
    }
}
