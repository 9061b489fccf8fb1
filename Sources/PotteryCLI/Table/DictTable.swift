/// `pottery dict ...`: pottery's `RedisDict` (SPEC §5).
enum DictTable {
    static let key = CommonArguments.key
    static let field = Argument.value("FIELD", "a dict key (a JSON value)")
    static let fields = Argument.values("FIELD", "dict keys (JSON values)")
    static let pairs = Argument.pairs("FIELD V", "fields and their values")
    static let updates = Argument.jsonTextsOrStdin(
        "V", "objects or [key, value] pairs, or - for NDJSON on standard input")

    static let group = GroupSpec(
        "dict", "a Python dict in a Redis hash", pythonClass: "RedisDict",
        verbs: [
            VerbSpec(
                "set", "set fields to values, in one command", arguments: [key, pairs], traits: .writes,
                handler: DictHandlers.set),
            VerbSpec(
                "get", "read one field", arguments: [key, field],
                prints: "the value; status 1 if the field is absent", handler: DictHandlers.get),
            VerbSpec(
                "has", "whether a field is there", arguments: [key, field],
                prints: "true or false; status 0 or 1", handler: DictHandlers.has),
            VerbSpec(
                "del", "delete fields", arguments: [key, fields], traits: .writes,
                prints: "nothing; status 1 if any was absent (the others are still deleted)",
                handler: DictHandlers.del),
            VerbSpec(
                "len", "how many fields", arguments: [key], prints: "an integer", handler: DictHandlers.len),
            VerbSpec(
                "keys", "stream the dict keys (HSCAN)", arguments: [key], prints: "NDJSON, in Redis's order",
                handler: DictHandlers.keys),
            VerbSpec(
                "values", "stream the values (HSCAN)", arguments: [key], prints: "NDJSON, in Redis's order",
                handler: DictHandlers.values),
            VerbSpec(
                "items", "stream the items (HSCAN)", arguments: [key],
                prints: "NDJSON [key, value] pairs, in Redis's order", handler: DictHandlers.items),
            VerbSpec(
                "update", "set many fields: each input an object or a [key, value] pair",
                arguments: [key, updates], traits: .writes,
                prints: "nothing; invalid input anywhere writes nothing (status 2)",
                handler: DictHandlers.update),
            VerbSpec(
                "clear", "delete the key", arguments: [key], traits: .writes, handler: DictHandlers.clear),
        ])
}
