import PotteryJSON

/// `pottery __table`: the whole command table as one JSON document (as git's `--list-cmds` lists
/// its commands), hidden entries included and marked, for tools that build on pottery (editor
/// plugins, wrappers, docs) and for checking the table without reading Swift. Keys keep the order
/// written here; every value is a string, a bool, or an array or object of them.
struct TableDump {
    let table: CommandTable

    func render() -> String {
        object([
            ("program", string("pottery")),
            ("version", string(Version.current)),
            ("globalOptions", array(GlobalOptions.all.map(option))),
            ("groups", array(table.allGroups.map(group))),
            (
                "exitStatuses",
                array(
                    table.exitStatuses.map {
                        object([("status", string($0.status)), ("meaning", string($0.meaning))])
                    })
            ),
            (
                "environment",
                array(
                    table.environment.map {
                        object([("name", string($0.name)), ("meaning", string($0.meaning))])
                    })
            ),
        ]) + "\n"
    }

    private func group(_ group: GroupSpec) -> String {
        object([
            ("name", string(group.name)),
            ("aliases", array(group.aliases.map(string))),
            ("summary", string(group.summary)),
            ("pythonClass", group.pythonClass.map(string) ?? "null"),
            ("topLevel", group.isTopLevel ? "true" : "false"),
            ("verbs", array((group.verbs + group.hiddenVerbs).map { verb($0, in: group) })),
        ])
    }

    private func verb(_ verb: VerbSpec, in group: GroupSpec) -> String {
        object([
            ("name", string(verb.name)),
            ("command", string(group.commandName(of: verb))),
            ("aliases", array(verb.aliases.map(string))),
            ("summary", string(verb.summary)),
            ("synopsis", string(verb.argumentSynopsis)),
            ("arguments", array(verb.arguments.map(argument))),
            ("options", array(verb.options.map(option))),
            ("exclusive", array(verb.exclusive.map { array($0.map(string)) })),
            ("traits", array(Self.traitNames.filter { verb.traits.contains($0.0) }.map { string($0.1) })),
            ("prints", string(verb.prints)),
            ("notes", string(verb.notes)),
        ])
    }

    private func argument(_ argument: ArgumentSpec) -> String {
        object([
            ("name", string(argument.name)),
            ("kind", string(argument.kind.rawValue)),
            ("synopsis", string(argument.synopsis)),
            ("help", string(argument.help)),
        ])
    }

    private func option(_ option: OptionSpec) -> String {
        object([
            ("long", string(option.long)),
            ("aliases", array(option.aliases.map(string))),
            ("short", option.short.map { string(String($0)) } ?? "null"),
            ("kind", string(option.kind.rawValue)),
            ("value", option.valueName.map(string) ?? "null"),
            ("help", string(option.help)),
        ])
    }

    /// Every trait, by the name the dump gives it.
    static let traitNames: [(VerbTraits, String)] = [
        (.writes, "writes"), (.mayBlock, "mayBlock"), (.needsMasters, "needsMasters"),
        (.runsChild, "runsChild"), (.hidden, "hidden"), (.opensSession, "opensSession"),
        (.endsSession, "endsSession"),
    ]

    private func string(_ text: String) -> String { JSON.encodeString(text) }

    private func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    private func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
