/// A Lua script, identified by the SHA-1 of its source as Redis does.
public struct RedisScript: Sendable, Hashable {
    public let source: String
    /// Lowercase hex SHA-1 of `source`'s UTF-8 bytes, as `SCRIPT LOAD` returns it.
    public let sha1: String

    public init(_ source: String) {
        self.source = source
        self.sha1 = SHA1.hexDigest(of: Array(source.utf8))
    }
}

extension RedisConnection {
    /// Runs `script` with EVALSHA; if the server does not have it (`NOSCRIPT`, e.g. after a
    /// restart or `SCRIPT FLUSH`), with EVAL, which also caches it for the next EVALSHA.
    /// An error raised by the script is thrown as `.server`.
    public func eval(_ script: RedisScript, keys: [[UInt8]], arguments: [[UInt8]]) throws(RedisError)
        -> RESPValue
    {
        try eval(EVALSHA(script, keys: keys, arguments: arguments))
    }

    /// `eval(_:keys:arguments:)` of a prepared call.
    public func eval(_ call: EVALSHA) throws(RedisError) -> RESPValue {
        do {
            return try execute(call)
        } catch {
            guard error.code == "NOSCRIPT" else { throw error }
            return try execute(EVAL(call.script, keys: call.keys, arguments: call.scriptArguments))
        }
    }

    /// Enqueues an EVALSHA for a pipeline; make sure the script is loaded (`load(_:)`) first.
    public func enqueueEval(_ script: RedisScript, keys: [[UInt8]], arguments: [[UInt8]]) {
        enqueue(EVALSHA(script, keys: keys, arguments: arguments))
    }

    /// `SCRIPT LOAD`: caches the script on the server.
    public func load(_ script: RedisScript) throws(RedisError) {
        _ = try execute(SCRIPT_LOAD(script))
    }
}
