/// Binds argv to the command table (SPEC §5): ``CommandLineScanner`` reads the grammar strictly; the
/// parser decides what the words ask for (a command, help, the version, or options alone) and
/// converts the verb's arguments and options.
struct ArgvParser {
    let table: CommandTable

    func parse(_ argv: [String], settings: Settings = Settings()) throws(CLIError) -> ParsedCommand {
        try parse([Word](strings: argv), settings: settings)
    }

    func parse(_ argv: [Word], settings: Settings = Settings()) throws(CLIError) -> ParsedCommand {
        let scan = try CommandLineScanner(table: table).scan(argv, settings: settings, mode: .strict)
        if scan.wantsVersion { return .version(scan.settings) }
        switch scan.position {
        case .start:
            return scan.wantsHelp ? .help(.program) : .interactive(scan.settings)
        case .help(let topics):
            return .help(try helpTopic(topics))
        case .unknownCommand(let word):
            let known =
                table.structures.flatMap { [$0.name] + $0.aliases }
                + table.topLevelCommands.flatMap { [$0.1.name] + $0.1.aliases } + ["help"]
            throw .usage(
                "unknown command \(ValueReader.quoted(word.text))"
                    + Suggestion.phrase(for: word.text, among: known), help: "")
        case .group(let group):
            if scan.wantsHelp { return .help(.group(group)) }
            throw .usage(
                "missing verb, one of: \(group.verbs.map(\.name).joined(separator: ", "))",
                context: group.name, help: group.name)
        case .unknownVerb(let group, let word):
            if scan.wantsHelp { return .help(.group(group)) }
            throw .usage(
                "unknown verb \(ValueReader.quoted(word.text))"
                    + Suggestion.phrase(for: word.text, among: group.verbs.flatMap { [$0.name] + $0.aliases }),
                context: group.name, help: group.name)
        case .verb(let group, let verb):
            if scan.wantsHelp { return .help(.verb(group, verb)) }
            return .run(try bind(scan, group: group, verb: verb))
        }
    }

    /// Converts the verb's options and arguments; a usage error names the command.
    private func bind(_ scan: CommandLineScanner.Scan, group: GroupSpec, verb: VerbSpec) throws(CLIError)
        -> Invocation
    {
        let command = group.commandName(of: verb)
        let options: BoundValues
        let arguments: BoundValues
        do {
            options = try bindOptions(scan.verbOptions, of: verb, command: command)
            let context = BindingContext(
                mode: scan.settings.effectiveValueMode, command: command, options: Set(scan.verbOptions.keys))
            arguments = try ArgumentBinder.bind(scan.positionals, rest: scan.rest, to: verb, context: context)
        } catch {
            var located = error
            if located.context.isEmpty { located.context = command }
            throw located
        }
        return Invocation(
            group: group, verb: verb, arguments: arguments, options: options, settings: scan.settings)
    }

    /// Converts every option of the verb (absent ones too) and checks the exclusive groups.
    private func bindOptions(_ given: [String: [Word]], of verb: VerbSpec, command: String) throws(CLIError)
        -> BoundValues
    {
        for group in verb.exclusive {
            let present = group.filter { given[$0] != nil }
            if present.count > 1 {
                throw .usage(
                    present.map { "--\($0)" }.joined(separator: " and ") + " cannot be given together",
                    context: command, help: command)
            }
        }
        var bound = BoundValues()
        for option in verb.options {
            bound.values[option.long] = try option.convert(given[option.long] ?? [], "--\(option.long)")
        }
        return bound
    }

    /// `pottery help [STRUCTURE [VERB]]`; options among the words are ignored (`help --help`).
    private func helpTopic(_ topics: [Word]) throws(CLIError) -> HelpTopic {
        let words = topics.map(\.text)
        guard let first = words.first, first != "help" else { return .program }
        if let (group, verb) = table.topLevelVerb(named: first) { return .verb(group, verb) }
        guard let group = table.group(named: first) else {
            throw .usage(
                "no help for \(ValueReader.quoted(first)): unknown command", context: "help", help: "")
        }
        guard words.count > 1 else { return .group(group) }
        guard let verb = group.verb(named: words[1]) else {
            throw .usage(
                "no help for '\(group.name) \(words[1])': unknown verb", context: "help", help: group.name)
        }
        return .verb(group, verb)
    }
}
