import PotteryProcess

/// The hidden commands of ``InternalTable``.
enum InternalHandlers {
    /// Reached only on the command line: the REPL and batch mode end their session before a handler
    /// runs (``LinePolicy``).
    static func quit(_ context: CommandContext) throws -> ExitStatus {
        throw CLIError.usage("nothing to leave: quit ends the REPL or a batch")
    }

    /// The REPL turns `connect` into `--url` before it is parsed; anywhere else it has no session.
    static func connect(_ context: CommandContext) throws -> ExitStatus {
        throw CLIError.usage("connect changes a REPL session; here give -u redis://HOST:PORT")
    }

    static func complete(_ context: CommandContext) throws -> ExitStatus {
        var shell = CompletionShell.bash
        if let name = context[InternalTable.shell] {
            guard let named = CompletionShell(rawValue: name) else {
                throw CLIError.usage(CompleteCommand.usage)
            }
            shell = named
        }
        let words = context[InternalTable.words].map { String(decoding: $0, as: UTF8.self) }
        CompleteCommand.run(shell: shell, words: words, context: context)
        return .success
    }

    static func generate(_ context: CommandContext) throws -> ExitStatus {
        guard let text = Generator.render(context[InternalTable.file], table: context.table) else {
            throw CLIError.usage("usage: pottery __generate man|bash|zsh|fish")
        }
        try context.out.write(text)
        return .success
    }

    static func table(_ context: CommandContext) throws -> ExitStatus {
        try context.out.write(TableDump(table: context.table).render())
        return .success
    }
}
