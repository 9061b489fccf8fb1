// `import PotteryCore` alone is enough to use the library: the client (`RedisConnection`, `RedisURL`,
// `RedisError`, ...) and pottery's JSON (`JSONValue`) are part of PotteryCore's own API, so they come
// with it.
@_exported public import PotteryJSON
@_exported public import RedisClient
