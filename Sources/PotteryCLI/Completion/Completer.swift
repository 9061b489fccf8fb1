/// The one completion engine over the command table: the REPL calls it directly, the shell scripts
/// through the hidden `pottery __complete` command. Key names come from `lookupKeys`, given the typed
/// prefix; a lookup that throws offers nothing.
struct Completer {
    let table: CommandTable
    let lookupKeys: (String) throws -> [String]
    /// The REPL's server commands: offered for a first word in capitals (`HG` → `HGET`), or one no
    /// word of pottery's begins; a container's subcommands after it.
    var serverCommands: ServerCommands? = nil

    init(table: CommandTable = .standard, lookupKeys: @escaping (String) throws -> [String] = { _ in [] }) {
        self.table = table
        self.lookupKeys = lookupKeys
    }

    /// Candidates for the last of `words` (the word under the cursor, possibly empty), given the words
    /// before it (without the program name), in the order to show them.
    func complete(words: [String]) -> [Candidate] {
        let words = words.isEmpty ? [""] : words
        let prefix = words[words.count - 1]
        if let serverCommands, words.count > 1, !table.isOwnFirstWord(Word(words[0])) {
            return serverCommands.candidates(for: words)
        }
        let point = CommandLineScanner(table: table).point(words)
        let candidates: [Candidate]
        switch point.slot {
        case .command:
            if let serverCommands, !prefix.isEmpty, !prefix.hasPrefix("-") {
                let own = firstWords(aliases: true).filter { $0.text.hasPrefix(prefix) }
                if own.isEmpty || prefix.contains(where: \.isUppercase) {
                    return serverCommands.candidates(for: [prefix])
                }
            }
            candidates =
                prefix.hasPrefix("-") ? options(GlobalOptions.all) : firstWords(aliases: !prefix.isEmpty)
        case .verb(let group):
            candidates =
                prefix.hasPrefix("-")
                ? options(GlobalOptions.all) : verbs(of: group, aliases: !prefix.isEmpty)
        case .helpTopic(let group):
            candidates =
                group.map { verbs(of: $0, aliases: !prefix.isEmpty) }
                ?? firstWords(aliases: !prefix.isEmpty).filter { $0.text != "help" }
        case .optionValue:
            candidates = []
        case .afterVerb(let verb, let argument, let optionsEnded):
            if !optionsEnded, prefix.hasPrefix("-"),
                CommandLineScanner.looksLikeOption(prefix) || prefix == "-"
            {
                if prefix.hasPrefix("--"), prefix.contains("=") { return [] }
                // The verb's own options first: the global ones only once none of the verb's fits.
                let local = options(verb.options).filter { $0.text.hasPrefix(prefix) }
                if !local.isEmpty { return local }
                candidates = options(
                    GlobalOptions.all.filter { global in !verb.options.contains { $0.long == global.long } })
            } else if argument?.kind == .key {
                candidates = keys(prefix)
            } else {
                candidates = []
            }
        case .nothing:
            candidates = []
        }
        return candidates.filter { $0.text.hasPrefix(prefix) }
    }

    /// Structures, top-level commands, then `help`; aliases last, once a prefix is typed (an empty
    /// prefix lists each command once).
    private func firstWords(aliases: Bool) -> [Candidate] {
        var words =
            table.structures.map { Candidate($0.name, $0.summary, kind: .command) }
            + table.topLevelCommands.map { Candidate($0.1.name, $0.1.summary, kind: .command) }
            + [Candidate("help", "help on a structure or a verb", kind: .command)]
        guard aliases else { return words }
        for group in table.structures {
            words += group.aliases.map { Candidate($0, group.summary, kind: .command) }
        }
        for (_, verb) in table.topLevelCommands {
            words += verb.aliases.map { Candidate($0, verb.summary, kind: .command) }
        }
        return words
    }

    /// A group's verbs; their aliases last, once a prefix is typed.
    private func verbs(of group: GroupSpec, aliases: Bool) -> [Candidate] {
        let names = group.verbs.map { Candidate($0.name, $0.summary, kind: .verb) }
        guard aliases else { return names }
        return names
            + group.verbs.flatMap { verb in verb.aliases.map { Candidate($0, verb.summary, kind: .verb) } }
    }

    /// Long forms (each option's other long names right after it), then short ones.
    private func options(_ specs: [OptionSpec]) -> [Candidate] {
        specs.flatMap { spec in
            ([spec.long] + spec.aliases).map { Candidate("--" + $0, spec.help, kind: .option) }
        }
            + specs.compactMap { spec in spec.short.map { Candidate("-\($0)", spec.help, kind: .option) } }
    }

    private func keys(_ prefix: String) -> [Candidate] {
        guard let names = try? lookupKeys(prefix) else { return [] }
        var seen = Set<String>()
        return names.sorted().filter { seen.insert($0).inserted }.map { Candidate($0, kind: .key) }
    }
}
