// Bitmap commands.

/// `BITCOUNT key`: the number of bits set.
public struct BITCOUNT: KeyOnlyCommand {
    public typealias Response = Int
    public static let name = "BITCOUNT"
    public var key: [UInt8]
    public init(_ key: [UInt8]) { self.key = key }
}

/// `BITFIELD key SET u1 o1 1 SET u1 o2 1 ...`: sets one bit at each offset; the bits before.
/// Encoded straight from the offsets (a Bloom filter's bulk path sends millions).
public struct BITFIELD: KeyedCommand {
    public typealias Response = [Int]
    public static let name = "BITFIELD"
    public var key: [UInt8]
    public var offsets: ArraySlice<UInt32>
    public init(_ key: [UInt8], settingBitsAt offsets: ArraySlice<UInt32>) {
        self.key = key
        self.offsets = offsets
    }
    public func mismatch(_ response: [Int]) -> String? {
        response.count == offsets.count ? nil : "\(offsets.count) bits"
    }
    public var arguments: [[UInt8]] {
        [Self.nameArgument, key]
            + offsets.flatMap { [bitfieldSet, bitfieldU1, Int($0).argument, bitfieldOne] }
    }
    public func encode(into encoder: inout RESPCommandEncoder) {
        encoder.beginCommand(argumentCount: 2 + offsets.count * 4)
        encoder.appendArgument(Self.nameArgument)
        encoder.appendArgument(key)
        for offset in offsets {
            encoder.appendArgument(bitfieldSet)
            encoder.appendArgument(bitfieldU1)
            encoder.appendArgument(Int(offset))
            encoder.appendArgument(bitfieldOne)
        }
    }
}

/// `BITFIELD_RO key GET u1 o1 GET u1 o2 ...`: the bit at each offset, read-only (so a replica
/// or a read-only ACL runs it).
public struct BITFIELD_RO: KeyedCommand {
    public typealias Response = [Int]
    public static let name = "BITFIELD_RO"
    public var key: [UInt8]
    public var offsets: ArraySlice<UInt32>
    public init(_ key: [UInt8], readingBitsAt offsets: ArraySlice<UInt32>) {
        self.key = key
        self.offsets = offsets
    }
    public func mismatch(_ response: [Int]) -> String? {
        response.count == offsets.count ? nil : "\(offsets.count) bits"
    }
    public var arguments: [[UInt8]] {
        [Self.nameArgument, key] + offsets.flatMap { [bitfieldGet, bitfieldU1, Int($0).argument] }
    }
    public func encode(into encoder: inout RESPCommandEncoder) {
        encoder.beginCommand(argumentCount: 2 + offsets.count * 3)
        encoder.appendArgument(Self.nameArgument)
        encoder.appendArgument(key)
        for offset in offsets {
            encoder.appendArgument(bitfieldGet)
            encoder.appendArgument(bitfieldU1)
            encoder.appendArgument(Int(offset))
        }
    }
}

private let bitfieldSet = Array("SET".utf8)
private let bitfieldGet = Array("GET".utf8)
private let bitfieldU1 = Array("u1".utf8)
private let bitfieldOne = Array("1".utf8)
