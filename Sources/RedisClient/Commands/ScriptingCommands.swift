// Scripting commands.

/// `EVALSHA sha1 numkeys key... arg...`: whatever the script returns. See
/// `RedisConnection.eval(_:keys:arguments:)`, which falls back to `EVAL` on `NOSCRIPT`.
public struct EVALSHA: RedisCommand {
    public typealias Response = RESPValue
    public static let name = "EVALSHA"
    public var script: RedisScript
    public var keys: [[UInt8]]
    public var scriptArguments: [[UInt8]]
    public init(_ script: RedisScript, keys: [[UInt8]], arguments: [[UInt8]]) {
        self.script = script
        self.keys = keys
        self.scriptArguments = arguments
    }
    public var arguments: [[UInt8]] { scriptCall(Self.name, Array(script.sha1.utf8), keys, scriptArguments) }
}

/// `EVAL source numkeys key... arg...`: runs (and caches) the script.
public struct EVAL: RedisCommand {
    public typealias Response = RESPValue
    public static let name = "EVAL"
    public var script: RedisScript
    public var keys: [[UInt8]]
    public var scriptArguments: [[UInt8]]
    public init(_ script: RedisScript, keys: [[UInt8]], arguments: [[UInt8]]) {
        self.script = script
        self.keys = keys
        self.scriptArguments = arguments
    }
    public var arguments: [[UInt8]] {
        scriptCall(Self.name, Array(script.source.utf8), keys, scriptArguments)
    }
}

/// `SCRIPT LOAD source`: the script's SHA-1 (the script is cached on the server; on a cluster,
/// on every master).
public struct SCRIPT_LOAD: KeylessCommand {
    public typealias Response = [UInt8]
    public static let name = "SCRIPT"
    public static let subcommand: String? = "LOAD"
    public var script: RedisScript
    public init(_ script: RedisScript) { self.script = script }
    public var arguments: [[UInt8]] { Self.nameArguments + [Array(script.source.utf8)] }
}

/// `NAME body numkeys key... arg...`.
private func scriptCall(_ name: String, _ body: [UInt8], _ keys: [[UInt8]], _ arguments: [[UInt8]])
    -> [[UInt8]]
{
    var call: [[UInt8]] = [Array(name.utf8), body, keys.count.argument]
    call.reserveCapacity(3 + keys.count + arguments.count)
    call += keys
    call += arguments
    return call
}
