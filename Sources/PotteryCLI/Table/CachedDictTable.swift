/// `pottery cached-dict ...`: pottery's `CachedOrderedDict` (SPEC §5).
enum CachedDictTable {
    static let key = CommonArguments.key
    static let pairs = Argument.pairsOrStdin(
        "ID V", "ids and their values, or - for NDJSON [id, value] pairs on standard input")
    static let ids = Argument.values("ID", "ids (JSON values)")
    static let ttl = VerbOption.wait(
        "ttl", "the time to live the key's expiry is renewed to (default 60, as pottery; 0: never renewed)")
    static let id = Argument.value("ID", "an id (a JSON value)")

    /// The word that names the group on a command line.
    static let name = "cached-dict"

    static let group = GroupSpec(
        name, "a cache of hydrated values in a Redis hash", pythonClass: "CachedOrderedDict",
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
            VerbSpec(
                "setdefault", "cache V for ID unless it is cached; print the value cached now",
                arguments: [key, id, CommonArguments.value], options: [ttl], traits: .writes,
                prints: "the value cached for ID now: the one it had, or V",
                notes: "Python's CachedOrderedDict.setdefault, atomic (MULTI HSETNX HGET EXEC). " + ttlNote,
                handler: CachedDictHandlers.setDefault),
            VerbSpec(
                "clear", "delete the key", arguments: [key], traits: .writes,
                handler: CachedDictHandlers.clear),
        ])

    static let ttlNote = """
        The hash is stored as RedisDict stores it. As in pottery, the key's EXPIRE is renewed (to \
        --ttl, default 60 s) after every write and after every lookup (Python's CachedOrderedDict \
        reads with HMGET and renews the expiry when it is made); a key that does not exist stays absent. \
        --ttl 0 never touches the expiry, as Python's timeout=None: a new key gets none.
        """
}
