/// Parses argv by hand against the command table (SPEC §5): global options before the command, the
/// structure and verb words, then arguments and options in any order; `--` ends options; `-` alone
/// and a `-` followed by a digit are arguments, not options. After the verb, a verb's own option wins
/// over a global one of the same name. A verb with a child command (`lock run KEY -- CMD`) takes
/// everything from the command's first word on verbatim.
struct ArgvParser {
    let table: CommandTable

    func parse(_ argv: [String], settings: Settings = Settings()) throws(CLIError) -> ParsedCommand {
        try parse([Word](strings: argv), settings: settings)
    }

    func parse(_ argv: [Word], settings initial: Settings = Settings()) throws(CLIError) -> ParsedCommand {
        var state = State(argv: argv, settings: initial)

        // Global options before the command word.
        while let word = state.peek, Self.looksLikeOption(word) {
            state.index += 1
            if word == "--" { break }
            if word == "--version" { return .version }
            try consumeOption(word, verb: nil, state: &state)
        }
        guard let word = state.next() else {
            return state.wantsHelp ? .help(.program) : .interactive(state.settings)
        }
        if word == "help" { return .help(try helpTopic(Array(argv[state.index...]))) }

        let group: GroupSpec
        let verb: VerbSpec
        if let (topGroup, topVerb) = table.topLevelVerb(named: word.text) {
            group = topGroup
            verb = topVerb
        } else if let found = table.group(named: word.text) {
            group = found
            // Global options may stand between the structure and the verb; `--` ends them.
            while let option = state.peek, Self.looksLikeOption(option) {
                state.index += 1
                if option == "--" {
                    state.optionsEnded = true
                    break
                }
                try consumeOption(option, verb: nil, state: &state)
            }
            guard let verbWord = state.next() else {
                if state.wantsHelp { return .help(.group(group)) }
                throw .usage(
                    "missing verb, one of: \(group.verbs.map(\.name).joined(separator: ", "))"
                        + " (see 'pottery \(group.name) --help')", context: group.name)
            }
            guard let found = group.verb(named: verbWord.text) else {
                if state.wantsHelp { return .help(.group(group)) }
                throw .usage(
                    "unknown verb \(ValueReader.quoted(verbWord.text)) (see 'pottery \(group.name) --help')",
                    context: group.name)
            }
            verb = found
        } else {
            throw .usage("unknown command \(ValueReader.quoted(word.text)) (see 'pottery --help')")
        }

        let command = group.commandName(of: verb)
        var positionals: [Word] = []
        var rest: [Word]?
        while let word = state.next() {
            if let position = verb.restPosition, positionals.count == position,
                state.optionsEnded || word == "--" || !Self.looksLikeOption(word, after: verb)
            {
                // The child command: everything from here on, verbatim.
                let start = word == "--" && !state.optionsEnded ? state.index : state.index - 1
                rest = Array(argv[start...])
                break
            }
            if state.optionsEnded || !Self.looksLikeOption(word, after: verb) {
                positionals.append(word)
            } else if word == "--" {
                state.optionsEnded = true
            } else {
                do {
                    try consumeOption(word, verb: verb, state: &state)
                } catch {
                    throw CLIError.usage(
                        error.message + " (see 'pottery \(command) --help')", context: command)
                }
            }
        }
        if state.wantsHelp { return .help(.verb(group, verb)) }

        let options: BoundValues
        let arguments: BoundValues
        do {
            options = try bindOptions(state.verbOptions, of: verb, command: command)
            let context = BindingContext(mode: state.settings.valueMode, command: command)
            arguments = try ArgumentBinder.bind(positionals, rest: rest, to: verb, context: context)
        } catch {
            var located = error
            if located.context.isEmpty { located.context = command }
            throw located
        }
        return .run(
            Invocation(
                group: group, verb: verb, arguments: arguments, options: options, settings: state.settings))
    }

    /// Converts every option of the verb (absent ones too) and checks the exclusive groups.
    private func bindOptions(_ given: [String: [Word]], of verb: VerbSpec, command: String) throws(CLIError)
        -> BoundValues
    {
        for group in verb.exclusive {
            let present = group.filter { given[$0] != nil }
            if present.count > 1 {
                throw .usage(
                    present.map { "--\($0)" }.joined(separator: " and ") + " cannot be given together"
                        + " (see 'pottery \(command) --help')", context: command)
            }
        }
        var bound = BoundValues()
        for option in verb.options {
            bound.values[option.long] = try option.convert(given[option.long] ?? [], "--\(option.long)")
        }
        return bound
    }

    /// `pottery help [STRUCTURE [VERB]]`; options among the words are ignored (`help --help`).
    private func helpTopic(_ argv: [Word]) throws(CLIError) -> HelpTopic {
        let words = argv.filter { !Self.looksLikeOption($0) }.map(\.text)
        guard let first = words.first, first != "help" else { return .program }
        if let (group, verb) = table.topLevelVerb(named: first) { return .verb(group, verb) }
        guard let group = table.group(named: first) else {
            throw .usage(
                "no help for \(ValueReader.quoted(first)): unknown command (see 'pottery --help')",
                context: "help")
        }
        guard words.count > 1 else { return .group(group) }
        guard let verb = group.verb(named: words[1]) else {
            throw .usage(
                "no help for '\(group.name) \(words[1])': unknown verb (see 'pottery \(group.name) --help')",
                context: "help")
        }
        return .verb(group, verb)
    }

    /// An option word: starts with `-`, is not `-` alone, and is not a negative number or slice (`-7`,
    /// `-3:`) nor `-Infinity`, which Python's JSON reads as a number.
    static func looksLikeOption(_ word: Word) -> Bool {
        let bytes = word.bytes
        guard bytes.count > 1, bytes[0] == UInt8(ascii: "-"), !(word == "-Infinity") else { return false }
        return !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[1])
    }

    static func looksLikeOption(_ word: String) -> Bool { looksLikeOption(Word(word)) }

    /// After `verb`: an option word, or `-D` where D is a digit the verb takes as a short option
    /// (`keys -0`); any other `-` and digit stays a value.
    static func looksLikeOption(_ word: Word, after verb: VerbSpec) -> Bool {
        if looksLikeOption(word) { return true }
        let bytes = word.bytes
        guard bytes.count == 2, bytes[0] == UInt8(ascii: "-") else { return false }
        return verb.option(short: Character(UnicodeScalar(bytes[1]))) != nil
    }

    /// Where the parser is in argv, and what it has collected.
    private struct State {
        let argv: [Word]
        var index = 0
        var settings: Settings
        var wantsHelp = false
        var optionsEnded = false
        /// The verb's own options by long name: one word per appearance (empty for a flag).
        var verbOptions: [String: [Word]] = [:]

        init(argv: [Word], settings: Settings) {
            self.argv = argv
            self.settings = settings
        }

        var peek: Word? { index < argv.count ? argv[index] : nil }

        mutating func next() -> Word? {
            defer { index += 1 }
            return peek
        }
    }

    /// Consumes one option word (and its value, if it takes one): the verb's own options first, then
    /// the global ones.
    private func consumeOption(_ word: Word, verb: VerbSpec?, state: inout State) throws(CLIError) {
        let text = word.text
        if text.hasPrefix("--") {
            var name = String(text.dropFirst(2))
            var inline: Word?
            if let equals = word.bytes.firstIndex(of: UInt8(ascii: "=")) {
                inline = Word(Array(word.bytes[(equals + 1)...]))
                name = String(decoding: word.bytes[2..<equals], as: UTF8.self)
            }
            let own = verb?.option(long: name)
            guard let option = own ?? GlobalOptions.named(long: name) else {
                throw .usage("unknown option \(ValueReader.quoted("--" + name))")
            }
            var value: Word?
            if option.takesValue {
                if let inline {
                    value = inline
                } else {
                    guard let next = state.next() else {
                        throw .usage("option '--\(name)' needs a value \(option.valueName ?? "")")
                    }
                    value = next
                }
            } else if inline != nil {
                throw .usage("option '--\(name)' takes no value")
            }
            try record(option, value: value, isVerbOption: own != nil, state: &state)
            return
        }
        // A cluster of short options: `-rq`, or `-u URL` / `-uURL`.
        var rest = Substring(text.dropFirst())
        while let letter = rest.first {
            rest = rest.dropFirst()
            let own = verb?.option(short: letter)
            guard let option = own ?? GlobalOptions.named(short: letter) else {
                throw .usage("unknown option \(ValueReader.quoted("-" + String(letter)))")
            }
            var value: Word?
            if option.takesValue {
                if !rest.isEmpty {
                    let offset = text.utf8.count - rest.utf8.count
                    value = Word(Array(word.bytes[offset...]))
                    rest = ""
                } else {
                    guard let next = state.next() else {
                        throw .usage("option '-\(letter)' needs a value \(option.valueName ?? "")")
                    }
                    value = next
                }
            }
            try record(option, value: value, isVerbOption: own != nil, state: &state)
        }
    }

    private func record(_ option: OptionSpec, value: Word?, isVerbOption: Bool, state: inout State)
        throws(CLIError)
    {
        if isVerbOption {
            state.verbOptions[option.long, default: []].append(value ?? Word([]))
        } else if option.long == GlobalOptions.help.long {
            state.wantsHelp = true
        } else if option.long == GlobalOptions.version.long {
            throw .usage("--version stands alone: 'pottery --version'")
        } else {
            try GlobalOptions.apply(option, value: value, to: &state.settings)
        }
    }
}
