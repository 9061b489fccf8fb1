/// The hidden `pottery __complete [--shell bash|zsh|fish] -- WORDS...`: the words of the command line
/// being completed, without the program name, unquoted, the last one being the word under the cursor
/// (possibly empty); for bash, the words as typed, quotes included (see ``BashWords``). Prints the candidates one per line in the shell's format (``CompletionShell``).
/// Key names are looked up on the server the words name (`-u`, `--timeout`, the environment), with a
/// timeout of at most one second; any failure prints nothing. Exit status 0, or 2 for a malformed call.
enum CompleteCommand {
    static let name = "__complete"
    static let usage = "usage: pottery __complete [--shell bash|zsh|fish] -- WORDS..."

    /// Splits `__complete`'s own arguments from the words; nil when malformed.
    static func parse(_ arguments: [String]) -> (CompletionShell, [String])? {
        var shell = CompletionShell.bash
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" { return (shell, Array(arguments[index...])) }
            var value: String?
            if argument == "--shell", index < arguments.count {
                value = arguments[index]
                index += 1
            } else if argument.hasPrefix("--shell=") {
                value = String(argument.dropFirst("--shell=".count))
            }
            guard let value, let named = CompletionShell(rawValue: value) else { return nil }
            shell = named
        }
        return nil
    }

    static func run(_ arguments: [String], table: CommandTable, session: Session) -> Bool {
        guard let (shell, typed) = parse(arguments) else { return false }
        var words = typed
        var quoting = BashWords.Context.none
        if shell == .bash {
            quoting = BashWords.context(of: words.last ?? "")
            words = words.map(BashWords.unquote)
        }
        let settings = lookupSettings(words, table: table, environment: session.environment)
        let completer = Completer.live(table: table, session: session, settings: settings)
        // A reader that went away (the user typed on) is no failure of ours: print what fits, quietly.
        for candidate in completer.complete(words: words) {
            guard let line = shell.line(for: candidate, quoting: quoting) else { continue }
            do { try session.out.writeLine(line) } catch { break }
        }
        try? session.out.flush()
        return true
    }

    /// The settings the typed global options make (those the lookup needs: the server, TLS), with
    /// the timeout capped at 1 s.
    static func lookupSettings(_ words: [String], table: CommandTable, environment: Environment) -> Settings {
        var settings = CommandLineScanner(table: table).point(words).settings
        let timeout = (try? settings.resolvedTimeout(environment)) ?? 1
        settings.timeout = min(timeout, 1)
        return settings
    }
}
