/// `pottery cached-dict ...`: pottery's `CachedOrderedDict` (SPEC §5).
enum CachedDictTable {
    static let key = CommonArguments.key
    static let pairs = Argument.pairsOrStdin(
        "ID V", "ids and their values, or - for NDJSON [id, value] pairs on standard input")
    static let ids = Argument.values("ID", "ids (JSON values)")
    static let ttl = VerbOption.seconds(
        "ttl", "the time to live the key's expiry is renewed to (default 60, as pottery)")

    static let group = GroupSpec(
        "cached-dict", "a cache of hydrated values in a Redis hash", pythonClass: "CachedOrderedDict",
        verbs: [
            VerbSpec(
                "set", "fill the cache and renew its expiry", arguments: [key, pairs], options: [ttl],
                traits: .writes, prints: "nothing; invalid input anywhere writes nothing (status 2)",
                notes: ttlNote, handler: CachedDictHandlers.set),
            VerbSpec(
                "get", "the cached values of ids, in the given order", arguments: [key, ids], options: [ttl],
                prints: "NDJSON [id, value] for each id that is cached", notes: ttlNote,
                handler: CachedDictHandlers.get),
            VerbSpec(
                "misses", "the ids that are not cached", arguments: [key, ids], options: [ttl],
                prints: "NDJSON ids, each once, in the given order; status 0 if none, 1 if some",
                notes: ttlNote, handler: CachedDictHandlers.misses),
        ])

    static let ttlNote = """
        The hash is stored as RedisDict stores it. As in pottery, the key's EXPIRE is renewed (to \
        --ttl, default 60 s) after every write and after every lookup (Python's CachedOrderedDict \
        reads with HMGET and renews the expiry when it is made); a key that does not exist stays absent.
        """
}
