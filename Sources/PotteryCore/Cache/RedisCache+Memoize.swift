/// pottery's decorated function, for Swift: the value `compute` returns, memoized under the identity
/// of `arguments`, stored as canonical JSON through a codec (exit status 0).
extension RedisCache {
    /// The cached value for `arguments`, or `compute()`'s, then stored (a hit or a miss, counted).
    ///
    /// ```swift
    /// let total: Int = try cache.memoize(["total", "2024"]) { try expensiveTotal(2024) }
    /// ```
    public func memoize<Value: Codable>(_ arguments: [String], _ compute: () throws -> Value) throws -> Value
    {
        try memoize(arguments.map { Array($0.utf8) }, codec: CodableCodec<Value>(), compute)
    }

    /// ``memoize(_:_:)`` with raw arguments and an explicit codec.
    public func memoize<Value>(
        _ arguments: [[UInt8]], codec: some RedisCodec<Value>, _ compute: () throws -> Value
    ) throws -> Value {
        let entry = CacheEntryID(arguments: arguments)
        if let run = try lookup(entry), run.status == 0 { return try codec.decode(run.output) }
        let value = try compute()
        try store(CachedRun(status: 0, output: try codec.encode(value)), for: entry)
        return value
    }

    /// pottery's `__bypass__`: computes, stores and returns the value whatever the cache holds
    /// (counted as a miss).
    public func bypass<Value: Codable>(_ arguments: [String], _ compute: () throws -> Value) throws -> Value {
        let entry = CacheEntryID(arguments: arguments.map { Array($0.utf8) })
        try recordMiss()
        let value = try compute()
        try store(CachedRun(status: 0, output: try CodableCodec<Value>().encode(value)), for: entry)
        return value
    }
}
