/// Parses argv by hand against the command table (SPEC §5): global options before the command, the
/// structure and verb words, then arguments and options in any order; `--` ends options; `-` alone and
/// a `-` followed by a digit are arguments, not options.
struct ArgvParser {
    let table: CommandTable

    func parse(_ argv: [String], settings initial: Settings = Settings()) throws(CLIError) -> ParsedCommand {
        var settings = initial
        var index = 0
        var wantsHelp = false
        var ignored: [String: [String]] = [:]  // before the verb there are no verb options

        // Global options before the command word.
        while index < argv.count, Self.looksLikeOption(argv[index]) {
            let word = argv[index]
            index += 1
            if word == "--" { break }
            if word == "--version" { return .version }
            try consumeOption(
                word, argv: argv, index: &index, verb: nil, settings: &settings,
                verbOptions: &ignored, wantsHelp: &wantsHelp)
        }
        guard index < argv.count else { return wantsHelp ? .help(.program) : .interactive(settings) }

        let word = argv[index]
        index += 1
        if word == "help" { return .help(try helpTopic(Array(argv[index...]))) }

        let group: GroupSpec
        let verb: VerbSpec
        if let (topGroup, topVerb) = table.topLevelVerb(named: word) {
            group = topGroup
            verb = topVerb
        } else if let found = table.group(named: word) {
            group = found
            // Global options may stand between the structure and the verb.
            while index < argv.count, Self.looksLikeOption(argv[index]), argv[index] != "--" {
                let option = argv[index]
                index += 1
                try consumeOption(
                    option, argv: argv, index: &index, verb: nil, settings: &settings,
                    verbOptions: &ignored, wantsHelp: &wantsHelp)
            }
            guard index < argv.count else {
                if wantsHelp { return .help(.group(group)) }
                throw .usage(
                    "missing verb, one of: \(group.verbs.map(\.name).joined(separator: ", "))"
                        + " (see 'pottery \(group.name) --help')", context: group.name)
            }
            let verbWord = argv[index]
            index += 1
            guard let found = group.verb(named: verbWord) else {
                throw .usage(
                    "unknown verb '\(verbWord)' (see 'pottery \(group.name) --help')",
                    context: group.name)
            }
            verb = found
        } else {
            throw .usage("unknown command '\(word)' (see 'pottery --help')")
        }

        let context = group.isTopLevel ? verb.name : "\(group.name) \(verb.name)"
        var positionals: [String] = []
        var verbOptions: [String: [String]] = [:]
        var optionsEnded = false
        while index < argv.count {
            let word = argv[index]
            index += 1
            if optionsEnded || !Self.looksLikeOption(word) {
                positionals.append(word)
            } else if word == "--" {
                optionsEnded = true
            } else {
                do {
                    try consumeOption(
                        word, argv: argv, index: &index, verb: verb, settings: &settings,
                        verbOptions: &verbOptions, wantsHelp: &wantsHelp)
                } catch {
                    throw CLIError.usage(
                        error.message + " (see 'pottery \(context) --help')", context: context)
                }
            }
        }
        if wantsHelp { return .help(.verb(group, verb)) }
        let bound = try ArgumentBinder.bind(positionals, to: verb.arguments, context: context)
        return .run(
            Invocation(group: group, verb: verb, arguments: bound, options: verbOptions, settings: settings))
    }

    /// `pottery help [STRUCTURE [VERB]]`.
    private func helpTopic(_ words: [String]) throws(CLIError) -> HelpTopic {
        guard let first = words.first else { return .program }
        if let (group, verb) = table.topLevelVerb(named: first) { return .verb(group, verb) }
        guard let group = table.group(named: first) else {
            throw .usage("no help for '\(first)': unknown command (see 'pottery --help')", context: "help")
        }
        guard words.count > 1 else { return .group(group) }
        guard let verb = group.verb(named: words[1]) else {
            throw .usage("no help for '\(group.name) \(words[1])': unknown verb", context: "help")
        }
        return .verb(group, verb)
    }

    /// An option word: starts with `-`, is not `-` alone, and is not a negative number or slice (`-7`, `-3:`)
    /// nor `-Infinity`, which Python's JSON reads as a number.
    static func looksLikeOption(_ word: String) -> Bool {
        let bytes = word.utf8
        guard bytes.count > 1, bytes.first == UInt8(ascii: "-"), word != "-Infinity" else { return false }
        let second = bytes[bytes.index(after: bytes.startIndex)]
        return !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(second)
    }

    /// Consumes one option word (and its value, if it takes one): the verb's own options first, then the
    /// global ones.
    private func consumeOption(
        _ word: String, argv: [String], index: inout Int, verb: VerbSpec?, settings: inout Settings,
        verbOptions local: inout [String: [String]], wantsHelp: inout Bool
    ) throws(CLIError) {
        if word.hasPrefix("--") {
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            let spec = verb?.options.first { $0.long == name }
            guard let option = spec ?? GlobalOptions.named(long: name) else {
                throw .usage("unknown option '--\(name)'")
            }
            var value: String?
            if option.takesValue {
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < argv.count else {
                        throw .usage("option '--\(name)' needs a value \(option.valueName!)")
                    }
                    value = argv[index]
                    index += 1
                }
            } else if inlineValue != nil {
                throw .usage("option '--\(name)' takes no value")
            }
            try record(
                option, value: value, isVerbOption: spec != nil, local: &local, settings: &settings,
                wantsHelp: &wantsHelp)
            return
        }
        // A cluster of short options: `-rq`, or `-u URL` / `-uURL`.
        var rest = Substring(word.dropFirst())
        while let letter = rest.first {
            rest = rest.dropFirst()
            let spec = verb?.options.first { $0.short == letter }
            guard let option = spec ?? GlobalOptions.named(short: letter) else {
                throw .usage("unknown option '-\(letter)'")
            }
            var value: String?
            if option.takesValue {
                if !rest.isEmpty {
                    value = String(rest)
                    rest = ""
                } else {
                    guard index < argv.count else {
                        throw .usage("option '-\(letter)' needs a value \(option.valueName!)")
                    }
                    value = argv[index]
                    index += 1
                }
            }
            try record(
                option, value: value, isVerbOption: spec != nil, local: &local, settings: &settings,
                wantsHelp: &wantsHelp)
        }
    }

    private func record(
        _ option: OptionSpec, value: String?, isVerbOption: Bool, local: inout [String: [String]],
        settings: inout Settings, wantsHelp: inout Bool
    ) throws(CLIError) {
        if isVerbOption {
            local[option.long, default: []].append(value ?? "")
        } else if option.long == GlobalOptions.help.long {
            wantsHelp = true
        } else if option.long == GlobalOptions.version.long {
            throw .usage("--version stands alone: 'pottery --version'")
        } else {
            try GlobalOptions.apply(option, value: value, to: &settings)
        }
    }
}
