/// One Redis command as a value: its name, its keys, whether it blocks, the oldest server that
/// runs it as written, how it encodes, and the Swift type its reply decodes into.
///
/// Adding a command pottery sends is one definition in this folder (a struct per command,
/// grouped by Redis' own command groups). The connection encodes it straight into its output
/// buffer (`RedisConnection.execute(_:)`, `enqueue(_:)`), routes it on a Redis Cluster by
/// `keys`, names it in errors, and decodes its reply strictly as `Response`.
public protocol RedisCommand<Response>: Sendable {
    /// What the reply decodes into; a reply of another shape is a protocol violation.
    associatedtype Response: RESPDecodable

    /// The command's name as sent (`"PFADD"`; `"OBJECT"` for `OBJECT ENCODING`).
    static var name: String { get }

    /// A container command's subcommand (`"ENCODING"` of `OBJECT ENCODING`), else nil.
    static var subcommand: String? { get }

    /// The keys the command touches, in order: the cluster slot comes from them, and errors
    /// name the first.
    var keys: [[UInt8]] { get }

    /// The key an error of this command concerns (by default the first key, if any).
    var subject: [UInt8]? { get }

    /// The whole command as sent, name first (`PFADD key e1 e2`).
    var arguments: [[UInt8]] { get }

    /// `true` for a command that may wait on the server (`XREAD BLOCK`, `BLPOP`): its reply
    /// deadline must allow for the wait.
    var isBlocking: Bool { get }

    /// The oldest server that runs the command as this value encodes it; `nil` when every
    /// supported server does (Redis 6.2 and later, Valkey 7 and later).
    var requires: RedisServerVersion? { get }

    /// What a decoded reply should have been when it does not fit this very command (e.g.
    /// `"3 flags"` for an `SMISMEMBER` of 3 members that got 2), else nil.
    func mismatch(_ response: Response) -> String?

    /// Writes the whole command into `encoder` (by default, `arguments`).
    func encode(into encoder: inout RESPCommandEncoder)
}

extension RedisCommand {
    public static var subcommand: String? { nil }
    public var isBlocking: Bool { false }
    public var subject: [UInt8]? { keys.first }
    public func mismatch(_ response: Response) -> String? { nil }
    public var requires: RedisServerVersion? { nil }
    public func encode(into encoder: inout RESPCommandEncoder) { encoder.append(arguments) }
}

extension RedisCommand {
    /// The name as the first argument.
    public static var nameArgument: [UInt8] { Array(name.utf8) }

    /// The name and subcommand as the first arguments (`OBJECT ENCODING`).
    public static var nameArguments: [[UInt8]] {
        [nameArgument] + (subcommand.map { [Array($0.utf8)] } ?? [])
    }

    /// How errors name the command: `PFADD`, `OBJECT ENCODING`.
    public static var fullName: String { subcommand.map { name + " " + $0 } ?? name }
}

/// A command on one key.
public protocol KeyedCommand: RedisCommand {
    var key: [UInt8] { get }
}

extension KeyedCommand {
    public var keys: [[UInt8]] { [key] }
}

/// A command of just its name and one key (`SCARD key`).
public protocol KeyOnlyCommand: KeyedCommand {}

extension KeyOnlyCommand {
    public var arguments: [[UInt8]] { [Self.nameArgument, key] }
}

/// A command without keys (`PING`, `MULTI`, `INFO`): any node runs it.
public protocol KeylessCommand: RedisCommand {}

extension KeylessCommand {
    public var keys: [[UInt8]] { [] }
}

extension Int {
    /// The decimal argument Redis expects for this number.
    var argument: [UInt8] { Array(String(self).utf8) }
}

/// A server release a command needs, e.g. `RedisServerVersion(7, 0)` for `SINTERCARD`.
public struct RedisServerVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// `Redis 7.0`.
    public var description: String { "Redis \(major).\(minor)" }
}

extension RedisError {
    /// A server's "unknown command" for a command that needs `version` says so: `ERR unknown
    /// command 'SINTERCARD' ... (it needs Redis 7.0 or later)`. Other errors are unchanged.
    public func sayingWhatIsNeeded(_ version: RedisServerVersion?) -> RedisError {
        guard let version, kind == .server, message.lowercased().hasPrefix("unknown command"),
            !message.hasSuffix(" or later)")
        else { return self }
        var said = self
        said.message += " (it needs \(version) or later)"
        return said
    }
}
