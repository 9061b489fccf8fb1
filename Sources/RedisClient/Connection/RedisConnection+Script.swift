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
        do {
            return try call(Self.scriptCall(Self.evalsha, Array(script.sha1.utf8), keys, arguments))
        } catch {
            guard error.code == "NOSCRIPT" else { throw error }
            return try call(Self.scriptCall(Self.eval, Array(script.source.utf8), keys, arguments))
        }
    }

    /// Enqueues an EVALSHA for a pipeline; make sure the script is loaded (`load(_:)`) first.
    public func enqueueEval(_ script: RedisScript, keys: [[UInt8]], arguments: [[UInt8]]) {
        enqueue(Self.scriptCall(Self.evalsha, Array(script.sha1.utf8), keys, arguments))
    }

    /// `SCRIPT LOAD`: caches the script on the server.
    public func load(_ script: RedisScript) throws(RedisError) {
        _ = try call([Array("SCRIPT".utf8), Array("LOAD".utf8), Array(script.source.utf8)])
    }

    private static func scriptCall(
        _ command: [UInt8], _ body: [UInt8], _ keys: [[UInt8]], _ arguments: [[UInt8]]
    ) -> [[UInt8]] {
        var call: [[UInt8]] = [command, body, Array(String(keys.count).utf8)]
        call.reserveCapacity(3 + keys.count + arguments.count)
        call += keys
        call += arguments
        return call
    }

    private static let evalsha = Array("EVALSHA".utf8)
    private static let eval = Array("EVAL".utf8)
}
