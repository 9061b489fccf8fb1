/// `pottery dict ...`: pottery's `RedisDict` (SPEC §5).
enum DictTable {
    static let key = CommonArguments.key
    static let field = Argument.value("FIELD", "a dict key (a JSON value)")
    static let fields = Argument.values("FIELD", "dict keys (JSON values)")
    static let pairs = Argument.pairs("FIELD V", "fields and their values")
    static let fallback = Argument.optionalValue(
        "DEFAULT", "printed when the field is absent (status 0 then)")
    static let defaultValue = BytesOption(
        "default", value: "V", "print V for an absent field (status 0 then)")
    static let updates = Argument.jsonTextsOrStdin(
        "V", "objects or [key, value] pairs, or - for NDJSON on standard input")

    /// The word that names the group on a command line.
    static let name = "dict"

    static let group = GroupSpec(
        name, "a Python dict in a Redis hash", pythonClass: "RedisDict",
        verbs: [
            VerbSpec(
                "set", "set fields to values, in one command", arguments: [key, pairs], traits: .writes,
                handler: DictHandlers.set),
            VerbSpec(
                "get", "read fields", arguments: [key, fields], options: [defaultValue],
                prints:
                    "the value (for several fields one line each, in order, with null or the --default where "
                    + "absent); status 1 if the field is absent",
                handler: DictHandlers.get),
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
                "pop", "remove a field and print its value", arguments: [key, field, fallback],
                traits: .writes,
                prints: "the value removed, else DEFAULT; status 1 if the field was absent and no DEFAULT",
                notes: "Python's dict.pop: atomic (MULTI HGET HDEL EXEC), so of several clients popping one "
                    + "field, one gets its value.",
                handler: DictHandlers.pop),
            VerbSpec(
                "setdefault", "set a field if it is absent, and print the value now there",
                arguments: [key, field, CommonArguments.value], traits: .writes,
                prints: "the value the field has now: the one it had, or V",
                notes: "Python's dict.setdefault: atomic (MULTI HSETNX HGET EXEC).",
                handler: DictHandlers.setDefault),
            VerbSpec(
                "popitem", "remove an item and print it", arguments: [key], traits: .writes,
                prints: "a [key, value] pair; status 1 if the dict is empty",
                notes: "Which item is Redis' choice (HRANDFIELD), not the last one set as in a Python dict. "
                    + "Atomic (one Lua script).",
                handler: DictHandlers.popItem),
            VerbSpec(
                "clear", "delete the key", arguments: [key], traits: .writes, handler: DictHandlers.clear),
        ])
}
