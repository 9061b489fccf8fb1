/// The key rules of the commands pottery (and its tests) send, by upper-case name.
extension CommandKeys {
    static let table: [String: CommandKeyRule] = {
        var table: [String: CommandKeyRule] = [:]
        func add(_ rule: CommandKeyRule, _ names: String...) {
            for name in names { table[name] = rule }
        }
        let one = CommandKeyRule.range(first: 1, last: 1, step: 1)
        let all = CommandKeyRule.range(first: 1, last: -1, step: 1)
        let two = CommandKeyRule.range(first: 1, last: 2, step: 1)
        // One key, first argument.
        add(
            one, "GET", "SET", "SETNX", "SETEX", "PSETEX", "GETSET", "GETDEL", "GETEX", "GETRANGE",
            "SETRANGE",
            "INCR", "INCRBY", "INCRBYFLOAT", "DECR", "DECRBY", "APPEND", "STRLEN", "TYPE", "EXPIRE",
            "PEXPIRE",
            "EXPIREAT", "PEXPIREAT", "TTL", "PTTL", "PERSIST", "DUMP", "RESTORE", "EXPIRETIME", "PEXPIRETIME",
            "HSET", "HSETNX", "HMSET", "HGET", "HMGET", "HDEL", "HEXISTS", "HLEN", "HKEYS", "HVALS",
            "HGETALL",
            "HINCRBY", "HINCRBYFLOAT", "HSCAN", "HSTRLEN", "HRANDFIELD",
            "SADD", "SREM", "SISMEMBER", "SMISMEMBER", "SMEMBERS", "SCARD", "SSCAN", "SPOP", "SRANDMEMBER",
            "RPUSH", "LPUSH", "RPUSHX", "LPUSHX", "LRANGE", "LINDEX", "LSET", "LLEN", "LPOP", "RPOP", "LREM",
            "LTRIM", "LINSERT", "LPOS",
            "ZADD", "ZINCRBY", "ZREM", "ZCARD", "ZSCORE", "ZMSCORE", "ZRANK", "ZREVRANK", "ZRANGE",
            "ZREVRANGE",
            "ZRANGEBYSCORE", "ZREVRANGEBYSCORE", "ZRANGEBYLEX", "ZCOUNT", "ZLEXCOUNT", "ZSCAN", "ZPOPMIN",
            "ZPOPMAX",
            "ZREMRANGEBYRANK", "ZREMRANGEBYSCORE", "ZRANDMEMBER",
            "XADD", "XRANGE", "XREVRANGE", "XDEL", "XLEN", "XTRIM", "XACK", "XCLAIM", "XAUTOCLAIM",
            "XPENDING",
            "XSETID",
            "SETBIT", "GETBIT", "BITCOUNT", "BITPOS", "BITFIELD", "BITFIELD_RO", "PFADD")
        // Every argument is a key.
        add(
            all, "DEL", "UNLINK", "EXISTS", "TOUCH", "MGET", "WATCH", "PFCOUNT", "PFMERGE", "SUNION",
            "SINTER",
            "SDIFF", "SUNIONSTORE", "SINTERSTORE", "SDIFFSTORE")
        // Source and destination.
        add(two, "COPY", "RENAME", "RENAMENX", "SMOVE", "RPOPLPUSH", "LMOVE", "BRPOPLPUSH", "BLMOVE")
        add(.range(first: 1, last: -1, step: 2), "MSET", "MSETNX")
        add(.range(first: 1, last: -2, step: 1), "BLPOP", "BRPOP", "BZPOPMIN", "BZPOPMAX")
        add(.range(first: 2, last: -1, step: 1), "BITOP")
        // A key count, then the keys.
        add(
            .keyCount(at: 2), "EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO", "BLMPOP",
            "BZMPOP")
        add(.keyCount(at: 1), "SINTERCARD", "LMPOP", "ZMPOP", "ZUNION", "ZINTER", "ZDIFF")
        add(.streams, "XREAD", "XREADGROUP")
        // Containers: the key follows the subcommand.
        let subkey = CommandKeyRule.range(first: 1, last: 1, step: 1)
        add(
            .subcommands([
                "CREATE": subkey, "SETID": subkey, "DESTROY": subkey, "CREATECONSUMER": subkey,
                "DELCONSUMER": subkey, "HELP": .none,
            ]), "XGROUP")
        add(.subcommands(["STREAM": subkey, "GROUPS": subkey, "CONSUMERS": subkey, "HELP": .none]), "XINFO")
        add(
            .subcommands([
                "ENCODING": subkey, "FREQ": subkey, "IDLETIME": subkey, "REFCOUNT": subkey, "HELP": .none,
            ]),
            "OBJECT")
        add(
            .subcommands([
                "USAGE": subkey, "STATS": .none, "DOCTOR": .none, "MALLOC-STATS": .none, "PURGE": .none,
            ]),
            "MEMORY")
        // No keys: any node.
        add(
            .none, "PING", "ECHO", "SCAN", "CLIENT", "SCRIPT", "INFO", "DBSIZE", "SELECT", "AUTH", "HELLO",
            "QUIT",
            "RESET", "MULTI", "EXEC", "DISCARD", "UNWATCH", "FLUSHDB", "FLUSHALL", "TIME", "CONFIG",
            "COMMAND",
            "CLUSTER", "READONLY", "READWRITE", "RANDOMKEY", "KEYS", "PUBLISH", "WAIT", "FUNCTION",
            "LASTSAVE",
            "SLOWLOG", "LATENCY", "ACL", "ROLE", "ASKING", "DEBUG", "SWAPDB", "SAVE", "BGSAVE", "BGREWRITEAOF"
        )
        return table
    }()
}
