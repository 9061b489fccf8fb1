/// The one table of every structure, verb, argument and option (SPEC §5), with the facts that help,
/// the man page and the README share: exit statuses, environment variables, examples. Help,
/// `pottery help`, completion, the man page and the completion scripts are all rendered from it.
struct CommandTable: Sendable {
    /// One group as the front door looks it up: the words that name a structure (none for a group of
    /// top-level commands), and how to build it. Building is a table's static `let`, done once, the
    /// first time the group is asked for: a one-shot `dict get` builds the dict group and the
    /// top-level one, not the other dozen (each costs start-up tens of thousands of instructions).
    struct Entry: Sendable {
        let words: [String]
        let build: @Sendable () -> GroupSpec

        var isTopLevel: Bool { words.isEmpty }

        /// A structure named `word`.
        static func structure(_ word: String, _ build: @escaping @Sendable () -> GroupSpec) -> Entry {
            Entry(words: [word], build: build)
        }

        /// A group of top-level commands.
        static func topLevel(_ build: @escaping @Sendable () -> GroupSpec) -> Entry {
            Entry(words: [], build: build)
        }
    }

    private let entries: [Entry]
    /// Groups of hidden verbs only, built the first time a word is not found in `groups`: start-up
    /// does not pay for them.
    private let hiddenGroups: @Sendable () -> [GroupSpec]

    init(entries: [Entry], hiddenGroups: @escaping @Sendable () -> [GroupSpec] = { [] }) {
        self.entries = entries
        self.hiddenGroups = hiddenGroups
    }

    /// A table of groups already built (tests).
    init(groups: [GroupSpec], hiddenGroups: @escaping @Sendable () -> [GroupSpec] = { [] }) {
        self.init(
            entries: groups.map { group in
                Entry(words: group.isTopLevel ? [] : [group.name] + group.aliases, build: { group })
            },
            hiddenGroups: hiddenGroups)
    }

    static let standard = CommandTable(
        entries: [
            .structure(DictTable.name) { DictTable.group }, .structure(SetTable.name) { SetTable.group },
            .structure(ListTable.name) { ListTable.group }, .structure(DequeTable.name) { DequeTable.group },
            .structure(CounterTable.name) { CounterTable.group },
            .structure(QueueTable.name) { QueueTable.group },
            .structure(CachedDictTable.name) { CachedDictTable.group },
            .structure(LockTable.name) { LockTable.group },
            .structure(NextIdTable.name) { NextIdTable.group },
            .structure(CacheTable.name) { CacheTable.group },
            .structure(BloomTable.name) { BloomTable.group },
            .structure(HyperLogLogTable.name) { HyperLogLogTable.group }, .topLevel { GeneralTable.group },
        ], hiddenGroups: { [InternalTable.group] })

    /// The groups help and completion show (their hidden verbs aside), every one built.
    var groups: [GroupSpec] { entries.map { $0.build() } }

    /// Every group, the hidden-only ones last.
    var allGroups: [GroupSpec] { groups + hiddenGroups() }

    /// The structures: groups whose verbs follow a structure word.
    var structures: [GroupSpec] { entries.filter { !$0.isTopLevel }.map { $0.build() } }

    /// The top-level commands (`ping`, `keys`, ...), with the group that holds them; not the hidden
    /// ones.
    var topLevelCommands: [(GroupSpec, VerbSpec)] {
        entries.filter(\.isTopLevel).map { $0.build() }.flatMap { group in
            group.verbs.map { (group, $0) }
        }
    }

    /// The structure named `word`, built alone.
    func group(named word: String) -> GroupSpec? { entries.first { $0.words.contains(word) }?.build() }

    /// A top-level command by name or alias, hidden ones included.
    func topLevelVerb(named word: String) -> (GroupSpec, VerbSpec)? {
        for entry in entries where entry.isTopLevel {
            let group = entry.build()
            if let verb = group.verb(named: word) { return (group, verb) }
        }
        for group in hiddenGroups() where group.isTopLevel {
            if let verb = group.verb(named: word) { return (group, verb) }
        }
        return nil
    }

    /// Every verb with its group, in table order, hidden ones after each group's shown ones.
    var allVerbs: [(GroupSpec, VerbSpec)] {
        allGroups.flatMap { group in (group.verbs + group.hiddenVerbs).map { (group, $0) } }
    }

    var exitStatuses: [ExitStatusDoc] { ExitStatusDoc.all }
    var environment: [EnvironmentVariable] { EnvironmentVariable.all }
    var examples: [Example] { Example.all }
}

extension CommandTable {
    /// Whether a line's first word is pottery's: a structure, a command, `help` or an option (matched
    /// exactly: `keys` is pottery's, `KEYS` the server's).
    func isOwnFirstWord(_ word: Word) -> Bool {
        let text = word.text
        return CommandLineScanner.looksLikeOption(word) || text == "help" || group(named: text) != nil
            || topLevelVerb(named: text) != nil
    }
}
