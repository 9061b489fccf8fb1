/// The one table of every structure, verb, argument and option (SPEC §5). Help, `pottery help`, the
/// REPL's completion, the man page and the completion scripts are all rendered from it.
struct CommandTable: Sendable {
    let groups: [GroupSpec]

    static let standard = CommandTable(groups: [DictTable.group, SetTable.group, GeneralTable.group])

    /// The structures: groups whose verbs follow a structure word.
    var structures: [GroupSpec] { groups.filter { !$0.isTopLevel } }

    /// The top-level commands (`ping`, `keys`, ...), with the group that holds them.
    var topLevelCommands: [(GroupSpec, VerbSpec)] {
        groups.filter(\.isTopLevel).flatMap { group in group.verbs.map { (group, $0) } }
    }

    func group(named word: String) -> GroupSpec? { structures.first { $0.answers(to: word) } }

    func topLevelVerb(named word: String) -> (GroupSpec, VerbSpec)? {
        topLevelCommands.first { $0.1.answers(to: word) }
    }
}

/// Argument specs that many verbs share.
enum CommonArguments {
    static let key = ArgumentSpec("KEY", .key, "the Redis key")
    static let valuesOrStdin = ArgumentSpec(
        "V", .value, .valuesOrStdin, "values, or - to read NDJSON from standard input")
    static let values = ArgumentSpec("V", .value, .oneOrMore, "values")
    static let value = ArgumentSpec("V", .value, "a value")
}

enum DictTable {
    static let field = ArgumentSpec("FIELD", .value, "a dict key (a JSON value)")

    static let group = GroupSpec(
        "dict", "a Python dict in a Redis hash", pythonClass: "RedisDict",
        verbs: [
            VerbSpec(
                "set", "set fields to values, in one command",
                arguments: [
                    CommonArguments.key, ArgumentSpec("FIELD V", .value, .pairs, "fields and their values"),
                ],
                handler: DictHandlers.set),
            VerbSpec(
                "get", "read one field", arguments: [CommonArguments.key, field],
                prints: "the value; status 1 if the field is absent", handler: DictHandlers.get),
            VerbSpec(
                "has", "whether a field is there", arguments: [CommonArguments.key, field],
                prints: "true or false; status 0 or 1", handler: DictHandlers.has),
            VerbSpec(
                "del", "delete fields",
                arguments: [CommonArguments.key, ArgumentSpec("FIELD", .value, .oneOrMore, "dict keys")],
                prints: "status 1 if any was absent (the others are still deleted)", handler: DictHandlers.del
            ),
            VerbSpec(
                "len", "how many fields", arguments: [CommonArguments.key], prints: "an integer",
                handler: DictHandlers.len),
            VerbSpec(
                "keys", "stream the dict keys (HSCAN)", arguments: [CommonArguments.key], prints: "NDJSON",
                handler: DictHandlers.keys),
            VerbSpec(
                "values", "stream the values (HSCAN)", arguments: [CommonArguments.key], prints: "NDJSON",
                handler: DictHandlers.values),
            VerbSpec(
                "items", "stream the items (HSCAN)", arguments: [CommonArguments.key],
                prints: "NDJSON [key, value] pairs", handler: DictHandlers.items),
            VerbSpec(
                "update", "set many fields: each input an object or a [key, value] pair",
                arguments: [
                    CommonArguments.key,
                    ArgumentSpec(
                        "V", .value, .valuesOrStdin,
                        "objects or [key, value] pairs, or - for NDJSON on standard input"),
                ],
                prints: "nothing; invalid input anywhere writes nothing (status 2)",
                handler: DictHandlers.update),
            VerbSpec(
                "clear", "delete the key", arguments: [CommonArguments.key], handler: DictHandlers.clear),
        ])
}

enum SetTable {
    static let other = ArgumentSpec("OTHER", .key, "another set's key")

    static let group = GroupSpec(
        "set", "a Python set in a Redis set", pythonClass: "RedisSet",
        verbs: [
            VerbSpec(
                "add", "add members", arguments: [CommonArguments.key, CommonArguments.valuesOrStdin],
                prints: "nothing; with -j, invalid input anywhere writes nothing (status 2)",
                handler: SetHandlers.add),
            VerbSpec(
                "remove", "remove members", arguments: [CommonArguments.key, CommonArguments.values],
                prints: "status 1 if any was absent (the others are still removed)",
                handler: SetHandlers.remove),
            VerbSpec(
                "discard", "remove members if present",
                arguments: [CommonArguments.key, CommonArguments.values],
                handler: SetHandlers.discard),
            VerbSpec(
                "has", "membership", arguments: [CommonArguments.key, CommonArguments.value],
                prints: "true or false; status 0 or 1", handler: SetHandlers.has),
            VerbSpec(
                "contains-many", "membership of each value, in order",
                arguments: [CommonArguments.key, CommonArguments.valuesOrStdin], prints: "NDJSON true/false",
                handler: SetHandlers.containsMany),
            VerbSpec(
                "len", "how many members", arguments: [CommonArguments.key], prints: "an integer",
                handler: SetHandlers.len),
            VerbSpec(
                "members", "stream the members (SSCAN)", arguments: [CommonArguments.key], prints: "NDJSON",
                handler: SetHandlers.members),
            VerbSpec(
                "pop", "remove and print one member", arguments: [CommonArguments.key],
                prints: "the value; status 1 if the set is empty", handler: SetHandlers.pop),
            VerbSpec(
                "union", "members of any of the sets",
                arguments: [
                    CommonArguments.key, ArgumentSpec("OTHER", .key, .oneOrMore, "other sets' keys"),
                ],
                prints: "NDJSON, streamed", handler: SetHandlers.algebra(.union)),
            VerbSpec(
                "intersection", "members of all the sets",
                arguments: [
                    CommonArguments.key, ArgumentSpec("OTHER", .key, .oneOrMore, "other sets' keys"),
                ],
                prints: "NDJSON, streamed", handler: SetHandlers.algebra(.intersection)),
            VerbSpec(
                "difference", "members of KEY in none of the others",
                arguments: [
                    CommonArguments.key, ArgumentSpec("OTHER", .key, .oneOrMore, "other sets' keys"),
                ],
                prints: "NDJSON, streamed", handler: SetHandlers.algebra(.difference)),
            VerbSpec(
                "isdisjoint", "whether the sets share no member", arguments: [CommonArguments.key, other],
                prints: "true or false; status 0 or 1", handler: SetHandlers.isDisjoint),
            VerbSpec(
                "issubset", "whether every member of KEY is in OTHER",
                arguments: [CommonArguments.key, other],
                prints: "true or false; status 0 or 1", handler: SetHandlers.isSubset),
            VerbSpec(
                "issuperset", "whether every member of OTHER is in KEY",
                arguments: [CommonArguments.key, other],
                prints: "true or false; status 0 or 1", handler: SetHandlers.isSuperset),
            VerbSpec(
                "clear", "delete the key", arguments: [CommonArguments.key], handler: SetHandlers.clear),
        ])
}

enum GeneralTable {
    static let group = GroupSpec(
        "general", "commands on keys of any structure", isTopLevel: true,
        verbs: [
            VerbSpec("ping", "check the connection", prints: "PONG", handler: GeneralHandlers.ping),
            VerbSpec(
                "keys", "list key names matching a pattern (SCAN, never KEYS)",
                arguments: [ArgumentSpec("PATTERN", .pattern, .optional, "a glob pattern (default *)")],
                prints: "one key name per line", handler: GeneralHandlers.keys),
            VerbSpec(
                "type", "the Redis type at a key", arguments: [CommonArguments.key],
                prints: "string, list, set, zset, hash, stream, or none with status 1",
                handler: GeneralHandlers.type),
            VerbSpec(
                "del", "delete keys", arguments: [ArgumentSpec("KEY", .key, .oneOrMore, "Redis keys")],
                prints: "status 1 if any was absent", handler: GeneralHandlers.del),
            VerbSpec(
                "expire", "set a key's time to live",
                arguments: [CommonArguments.key, ArgumentSpec("S", .seconds, "seconds (fractions allowed)")],
                prints: "status 1 if there is no key", handler: GeneralHandlers.expire),
            VerbSpec(
                "ttl", "a key's remaining time to live", arguments: [CommonArguments.key],
                prints: "seconds, -1 if it has none; status 1 (no output) if there is no key",
                handler: GeneralHandlers.ttl),
        ])
}
