// Cursor iterations: one round of SCAN, HSCAN, SSCAN or ZSCAN each (see `RedisScanCursor`).

/// One round of a SCAN-family iteration. The reply, `[next cursor, [elements]]`, is checked by
/// `RedisScanCursor`, which also guards against a server that never ends.
public protocol ScanCommand: RedisCommand where Response == RESPValue {
    /// Where the round starts: `0` first, then the cursor the last reply named.
    var cursor: [UInt8] { get set }
    /// Batches come as `[field, value, ...]` (HSCAN) or `[member, score, ...]` (ZSCAN).
    static var returnsPairs: Bool { get }
}

/// The options every SCAN-family command takes: a glob filter and a batch size hint.
public struct ScanFilter: Sendable, Hashable {
    public var match: [UInt8]?
    public var count: Int
    public init(match: [UInt8]? = nil, count: Int = 1000) {
        self.match = match
        self.count = max(count, 1)
    }
    /// `[MATCH pattern] COUNT n`.
    var arguments: [[UInt8]] {
        (match.map { [Array("MATCH".utf8), $0] } ?? []) + [Array("COUNT".utf8), count.argument]
    }
}

/// `SCAN cursor [MATCH p] COUNT n [TYPE t]`: keys of the selected database (on a cluster, of one
/// master: `RedisScanCursor` visits each).
public struct SCAN: ScanCommand, KeylessCommand {
    public static let name = "SCAN"
    public static let returnsPairs = false
    public var cursor: [UInt8] = [UInt8(ascii: "0")]
    public var filter: ScanFilter
    /// Only keys of this type (`hash`, `set`, ...).
    public var type: String?
    public init(filter: ScanFilter = ScanFilter(), type: String? = nil) {
        self.filter = filter
        self.type = type
    }
    public var arguments: [[UInt8]] {
        [Self.nameArgument, cursor] + filter.arguments
            + (type.map { [Array("TYPE".utf8), Array($0.utf8)] } ?? [])
    }
}

/// A SCAN of one collection's contents.
public protocol CollectionScanCommand: ScanCommand, KeyedCommand {
    var filter: ScanFilter { get }
}

extension CollectionScanCommand {
    public var arguments: [[UInt8]] { [Self.nameArgument, key, cursor] + filter.arguments }
}

/// `HSCAN key cursor [MATCH p] COUNT n`: fields and values of a hash.
public struct HSCAN: CollectionScanCommand {
    public static let name = "HSCAN"
    public static let returnsPairs = true
    public var key: [UInt8]
    public var cursor: [UInt8] = [UInt8(ascii: "0")]
    public var filter: ScanFilter
    public init(_ key: [UInt8], filter: ScanFilter = ScanFilter()) {
        self.key = key
        self.filter = filter
    }
}

/// `SSCAN key cursor [MATCH p] COUNT n`: members of a set.
public struct SSCAN: CollectionScanCommand {
    public static let name = "SSCAN"
    public static let returnsPairs = false
    public var key: [UInt8]
    public var cursor: [UInt8] = [UInt8(ascii: "0")]
    public var filter: ScanFilter
    public init(_ key: [UInt8], filter: ScanFilter = ScanFilter()) {
        self.key = key
        self.filter = filter
    }
}

/// `ZSCAN key cursor [MATCH p] COUNT n`: members and scores of a sorted set.
public struct ZSCAN: CollectionScanCommand {
    public static let name = "ZSCAN"
    public static let returnsPairs = true
    public var key: [UInt8]
    public var cursor: [UInt8] = [UInt8(ascii: "0")]
    public var filter: ScanFilter
    public init(_ key: [UInt8], filter: ScanFilter = ScanFilter()) {
        self.key = key
        self.filter = filter
    }
}
