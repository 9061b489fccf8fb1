/// The one reading of a command line's grammar (SPEC §5), shared by binding and completion: global
/// options before the command word, between the structure and the verb, and anywhere after the verb;
/// after the verb a verb's own option wins over a global one of the same name; an option's value is
/// the next word unless given inline (`--url=URL`, `-uURL`); `--` ends options; `-` alone and a `-`
/// followed by a digit are arguments (unless the verb has that digit as a short option, `keys -0`); a
/// verb with a child command (`lock run KEY -- CMD`) takes everything from the command's first word on
/// verbatim.
///
/// In ``Mode/strict`` (running a command) a malformed option is a usage error and global options are
/// applied to the settings as they are met, so the first mistake is the one reported. In
/// ``Mode/partial`` (completion, hints) the words end before the word under the cursor; unknown
/// options are skipped as flags and nothing throws, so a typo does not stop completion.
struct CommandLineScanner {
    let table: CommandTable

    enum Mode {
        case strict
        case partial
    }

    /// Where the words left the scan.
    enum Position {
        /// Before the command word: only options so far, or nothing.
        case start
        /// After a structure word, before its verb.
        case group(GroupSpec)
        /// After the verb: its arguments and options.
        case verb(GroupSpec, VerbSpec)
        /// `help` and the topic words after it (options among them are ignored).
        case help([Word])
        /// A first word that is no command; the scan stopped there.
        case unknownCommand(Word)
        /// A word after a structure that is none of its verbs; the scan stopped there.
        case unknownVerb(GroupSpec, Word)
    }

    /// One global option as given. (A struct, not a tuple: a tuple's metadata is made at run time,
    /// which start-up pays for.)
    struct GivenOption {
        let option: OptionSpec
        let value: Word?
        /// `--no-raw`: the flag turned off (``SettingBinding/negate(_:)``).
        var negated = false
    }

    /// What the scan found.
    struct Scan {
        var position = Position.start
        /// The settings with every global option given applied, in order (partial mode skips a bad
        /// value).
        var settings: Settings
        /// The global options given, in order, with their values; not a verb's own option that
        /// shadows one.
        var globals: [GivenOption] = []
        var wantsHelp = false
        /// `--version` before the command word, which stands alone.
        var wantsVersion = false
        var positionals: [Word] = []
        /// The child command, verbatim, for a verb that runs one.
        var rest: [Word]?
        /// The verb's own options by long name: one word per appearance (empty for a flag).
        var verbOptions: [String: [Word]] = [:]
        /// After a `--` that ends options for the verb's arguments.
        var optionsEnded = false
        /// Partial mode: the option whose value is the word under the cursor.
        var pendingValue: OptionSpec?
    }

    func scan(_ words: [Word], settings: Settings, mode: Mode) throws(CLIError) -> Scan {
        var cursor = Cursor(words: words, mode: mode)
        var scan = Scan(settings: settings)
        var commandForced = false  // after a `--` before the command word
        while let word = cursor.next() {
            switch scan.position {
            case .start:
                if !commandForced, Self.looksLikeOption(word) {
                    if word == "--" {
                        commandForced = true
                    } else if word == "--version", mode == .strict {
                        scan.wantsVersion = true
                        return scan
                    } else {
                        try consumeOption(word, verb: nil, cursor: &cursor, scan: &scan)
                    }
                } else if word == "help" {
                    scan.position = .help([])
                } else if let group = table.group(named: word.text) {
                    // Structures first: a structure word never builds the hidden groups.
                    scan.position = .group(group)
                } else if let (group, verb) = table.topLevelVerb(named: word.text) {
                    scan.position = .verb(group, verb)
                } else {
                    scan.position = .unknownCommand(word)
                    return scan
                }
            case .group(let group):
                if !scan.optionsEnded, Self.looksLikeOption(word) {
                    // `--` here ends options, and the next word is the verb.
                    if word == "--" {
                        scan.optionsEnded = true
                    } else {
                        try consumeOption(word, verb: nil, cursor: &cursor, scan: &scan)
                    }
                } else if let verb = group.verb(named: word.text) {
                    scan.position = .verb(group, verb)
                } else {
                    scan.position = .unknownVerb(group, word)
                    return scan
                }
            case .verb(let group, let verb):
                let option = !scan.optionsEnded && Self.looksLikeOption(word, after: verb)
                if let position = verb.restPosition, scan.positionals.count == position,
                    word == "--" || (!option && verb.arguments[position].arity == .rest)
                {
                    // The child command: everything from here on, verbatim.
                    scan.rest = cursor.remaining(including: word == "--" && !scan.optionsEnded ? nil : word)
                    return scan
                }
                if !option {
                    scan.positionals.append(word)
                } else if word == "--" {
                    scan.optionsEnded = true
                } else {
                    do {
                        try consumeOption(word, verb: verb, cursor: &cursor, scan: &scan)
                    } catch {
                        let command = group.commandName(of: verb)
                        throw CLIError.usage(error.message, context: command, help: command)
                    }
                }
            case .help(let topics):
                if !Self.looksLikeOption(word) { scan.position = .help(topics + [word]) }
            case .unknownCommand, .unknownVerb:
                return scan
            }
        }
        return scan
    }

    /// The words in turn, with the option values they hold.
    private struct Cursor {
        let words: [Word]
        let mode: Mode
        var index = 0

        mutating func next() -> Word? {
            guard index < words.count else { return nil }
            defer { index += 1 }
            return words[index]
        }

        /// The words from the current one (`first`, just read) or from the next one on.
        func remaining(including first: Word?) -> [Word] {
            (first.map { [$0] } ?? []) + words[index...]
        }
    }

    /// Consumes one option word (and its value, if it takes one): the verb's own options first, then
    /// the global ones.
    private func consumeOption(_ word: Word, verb: VerbSpec?, cursor: inout Cursor, scan: inout Scan)
        throws(CLIError)
    {
        let strict = cursor.mode == .strict
        let text = word.text
        if text.hasPrefix("--") {
            var name = String(text.dropFirst(2))
            var inline: Word?
            if let equals = word.bytes.firstIndex(of: UInt8(ascii: "=")) {
                inline = Word(Array(word.bytes[(equals + 1)...]))
                name = String(decoding: word.bytes[2..<equals], as: UTF8.self)
            }
            let own = verb?.option(long: name)
            if own == nil, inline == nil, let negated = GlobalOptions.negation(long: name) {
                scan.globals.append(GivenOption(option: negated, value: nil, negated: true))
                negated.setting?.negate(&scan.settings)
                return
            }
            guard let option = own ?? GlobalOptions.named(long: name) else {
                if strict {
                    let known = ((verb?.options ?? []) + GlobalOptions.all).flatMap { [$0.long] + $0.aliases }
                    throw .usage(
                        "unknown option \(ValueReader.quoted("--" + name))"
                            + Suggestion.phrase(for: "--" + name, among: known.map { "--" + $0 }))
                }
                return
            }
            var value: Word?
            if option.takesValue {
                value = inline ?? cursor.next()
                guard value != nil else {
                    if strict { throw .usage("option '--\(name)' needs a value \(option.valueName ?? "")") }
                    scan.pendingValue = option
                    return
                }
            } else if inline != nil, strict {
                throw .usage("option '--\(name)' takes no value")
            }
            try record(option, value: value, isVerbOption: own != nil, strict: strict, scan: &scan)
            return
        }
        // A cluster of short options: `-rq`, or `-u URL` / `-uURL`.
        var rest = Substring(text.dropFirst())
        while let letter = rest.first {
            rest = rest.dropFirst()
            let own = verb?.option(short: letter)
            guard let option = own ?? GlobalOptions.named(short: letter) else {
                if strict { throw .usage("unknown option \(ValueReader.quoted("-" + String(letter)))") }
                continue
            }
            var value: Word?
            if option.takesValue {
                if !rest.isEmpty {
                    let offset = text.utf8.count - rest.utf8.count
                    value = Word(Array(word.bytes[offset...]))
                    rest = ""
                } else {
                    value = cursor.next()
                    guard value != nil else {
                        if strict {
                            throw .usage("option '-\(letter)' needs a value \(option.valueName ?? "")")
                        }
                        scan.pendingValue = option
                        return
                    }
                }
            }
            try record(option, value: value, isVerbOption: own != nil, strict: strict, scan: &scan)
        }
    }

    private func record(
        _ option: OptionSpec, value: Word?, isVerbOption: Bool, strict: Bool, scan: inout Scan
    )
        throws(CLIError)
    {
        if isVerbOption {
            scan.verbOptions[option.long, default: []].append(value ?? Word([]))
        } else if option.long == GlobalOptions.help.long {
            scan.wantsHelp = true
        } else if option.long == GlobalOptions.version.long {
            if strict { throw .usage("--version stands alone: 'pottery --version'") }
        } else {
            scan.globals.append(GivenOption(option: option, value: value))
            do {
                try option.setting?.apply(value, option: option.long, to: &scan.settings)
            } catch {
                if strict { throw error }
            }
        }
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
}
