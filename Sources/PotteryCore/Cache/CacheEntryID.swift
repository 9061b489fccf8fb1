/// The identity of one memoized run: the field of the cache hash that holds it. It depends on the
/// exact bytes of the command's arguments (and of its standard input, when that is part of the key)
/// and on nothing else, so the same command hits the same entry from any process on any machine.
///
/// The field is the lowercase hex SHA-256 of netstrings (`<length in decimal>:<bytes>,`):
/// `ns("pottery-cache-1") ns(argc in decimal) ns(arg0) ... ns(argN)`, followed by `ns(stdin)` only
/// when standard input is part of the key. The count makes the encoding unambiguous.
public struct CacheEntryID: Sendable, Hashable, CustomStringConvertible {
    /// The hash field: 64 lowercase hex digits.
    public let field: [UInt8]

    /// The version tag that starts every hashed message; a new stored format gets a new tag.
    public static let formatTag: [UInt8] = Array("pottery-cache-1".utf8)

    /// The entry of `arguments` (argv, the program first), with `input` when standard input is part
    /// of the key (`nil` when it is not, which is not the same as empty input).
    public init(arguments: [[UInt8]], input: [UInt8]? = nil) {
        var hash = SHA256()
        Self.netstring(Self.formatTag, into: &hash)
        Self.netstring(Array(String(arguments.count).utf8), into: &hash)
        for argument in arguments { Self.netstring(argument, into: &hash) }
        if let input { Self.netstring(input, into: &hash) }
        field = Array(hash.hexDigest().utf8)
    }

    /// An entry named by a field as it stands (one that another program computed).
    public init(field: [UInt8]) { self.field = field }

    /// The entry's field as text.
    public var description: String { String(decoding: field, as: UTF8.self) }

    private static func netstring(_ bytes: [UInt8], into hash: inout SHA256) {
        hash.update(Array(String(bytes.count).utf8))
        hash.update(CollectionOfOne(UInt8(ascii: ":")))
        hash.update(bytes)
        hash.update(CollectionOfOne(UInt8(ascii: ",")))
    }
}

/// A memoized run: its exit status and the bytes it wrote to standard output. Stored as the status
/// in decimal, a newline, then the output bytes exactly (`0\nhello\n`).
public struct CachedRun: Sendable, Equatable {
    /// The exit status, 0...255.
    public var status: Int32
    /// The bytes the run wrote to standard output, exactly.
    public var output: [UInt8]

    /// A run that exited with `status` after writing `output`.
    public init(status: Int32, output: [UInt8]) {
        self.status = status
        self.output = output
    }

    /// Reads a stored entry; nil when it is not in the format above.
    public init?(stored: [UInt8]) {
        guard let newline = stored.prefix(4).firstIndex(of: 0x0A), newline > 0 else { return nil }
        var status: Int32 = 0
        for digit in stored[..<newline] {
            guard digit >= 0x30 && digit <= 0x39 else { return nil }
            status = status * 10 + Int32(digit - 0x30)
        }
        guard status <= 255 else { return nil }
        self.status = status
        self.output = Array(stored[(newline + 1)...])
    }

    /// The stored form.
    public var stored: [UInt8] { Array(String(status).utf8) + [0x0A] + output }
}

/// What `cache stats` reports, shared by every process using the cache (pottery's `CacheInfo`, with
/// counts kept in Redis rather than in one process).
public struct CacheInfo: Sendable, Equatable {
    /// Runs served from the cache.
    public var hits: Int
    /// Runs not served from the cache, failed or not.
    public var misses: Int
    /// Entries in the cache now (HLEN; 0 once the key expired).
    public var currsize: Int
    /// The time to live the last run configured, in milliseconds; 0 for no expiry.
    public var ttlMilliseconds: Int

    /// Statistics as given.
    public init(hits: Int, misses: Int, currsize: Int, ttlMilliseconds: Int) {
        self.hits = hits
        self.misses = misses
        self.currsize = currsize
        self.ttlMilliseconds = ttlMilliseconds
    }
}
