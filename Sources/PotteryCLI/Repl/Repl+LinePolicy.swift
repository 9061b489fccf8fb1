#if canImport(Glibc)
    import Glibc
#endif
import PotteryProcess
import RedisClient

/// How the REPL runs a line (SPEC §6): a command's output goes through the pager when long; a lock
/// the session holds is released without its token; options alone change the session; `repl` is
/// refused; `quit` leaves.
extension Repl: LinePolicy {
    /// A line whose first word is none of pottery's but a command the server knows runs as
    /// `redis WORDS...` (`GET foo`, `config get timeout`). `lock release KEY` without a token, for a
    /// lock this session holds: the session's token is added (and the lock forgotten once released).
    func prepare(_ words: [Word]) -> [Word] {
        if let first = words.first, isServerCommand(first) { return [Word("redis")] + words }
        if let url = connectURL(words) { return [Word("--url"), Word(url)] }
        guard words.count == 3, words[0] == "lock", words[1] == "release",
            !CommandLineScanner.looksLikeOption(words[2]),
            let token = session.heldLocks[words[2].bytes]?.token,
            dispatcher.table.group(named: "lock")?.verb(named: "release") != nil
        else { return words }
        suppliedLock = words[2].bytes
        return words + [Word(token)]
    }

    func optionsAlone(_ settings: Settings, words: [Word]) -> LineOutcome {
        // Scanned again, for the options the line names, in order.
        guard
            let scan = try? CommandLineScanner(table: dispatcher.table).scan(
                words, settings: Settings(), mode: .strict)
        else { return .done(.success) }
        return change(by: scan.globals)
    }

    func execute(_ invocation: Invocation) -> LineOutcome {
        let pager =
            invocation.streams || pipe != nil
            ? nil : Pager.make(settings: invocation.settings, environment: session.environment)
        if let pager { session.out.sink = { pager.accept($0) } }
        // A token the session supplied is released on the masters that hold its lock.
        let held = suppliedLock.flatMap { session.heldLocks[$0] }
        let written = session.out.bytesWritten
        let status = dispatcher.execute(
            held.map { invocation.on(masters: $0.masters) } ?? invocation,
            repeatable: isRepeatable(invocation))
        if status == .negative, session.out.bytesWritten == written, !invocation.settings.quiet {
            // A negative answer that printed nothing says so, as redis-cli's `(nil)` does; the command
            // line keeps its silence for scripts.
            let answer = "(\(invocation.verb.negativeAnswer))"
            session.err.writeLine(isatty(2) != 0 ? "\u{1B}[2m\(answer)\u{1B}[0m" : answer)
        }
        if let suppliedLock, status == .success { session.heldLocks[suppliedLock] = nil }
        if let pager {
            session.out.sink = nil
            pager.finish()
        }
        session.out.reset()
        return .done(status)
    }

    func openSession(_ invocation: Invocation) -> LineOutcome {
        .done(dispatcher.report(CLIError.usage("already in the REPL"), context: invocation.commandName))
    }

    /// `connect HOST [PORT]` (redis-cli's) or `connect URL`: the URL the session is to use, with the
    /// session's scheme and database and without its credentials (`POTTERY_PASSWORD` still applies);
    /// nil for any other line.
    private func connectURL(_ words: [Word]) -> String? {
        guard (2...3).contains(words.count), words[0] == "connect",
            !words.dropFirst().contains(where: { CommandLineScanner.looksLikeOption($0) })
        else { return nil }
        let host = words[1].text
        if host.contains("://") { return words.count == 2 ? host : nil }
        let current = try? RedisURL(parsing: settings.resolvedURL(session.environment))
        let scheme = current?.tls == true ? "rediss" : "redis"
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let port = words.count == 3 ? words[2].text : "6379"
        return "\(scheme)://\(bracketed):\(port)/\(current?.db ?? 0)"
    }

    /// Whether `word` is not pottery's (a structure, a command, `help`, an option; matched exactly:
    /// `keys` is pottery's, `KEYS` the server's) and the server has a command of that name. The
    /// names are asked once per server (`COMMAND`); a server that cannot be asked knows none.
    private func isServerCommand(_ word: Word) -> Bool {
        guard !dispatcher.table.isOwnFirstWord(word) else { return false }
        return knownCommands()?.names.contains(word.text.lowercased()) == true
    }

    /// The session server's commands, asked once per server.
    func knownCommands() -> ServerCommands? {
        let server = session.serverName(for: settings)
        if serverCommands?.server != server {
            guard let redis = try? session.connection(for: settings) else { return nil }
            serverCommands = ServerCommands.ask(redis, server: server)
        }
        return serverCommands
    }

    /// Whether running `invocation` twice does no harm, so that a connection lost under it may be
    /// replaced and the command run again: a verb that only reads (no writes, no wait, no child, no
    /// quorum), or a raw command the server flags `readonly`.
    private func isRepeatable(_ invocation: Invocation) -> Bool {
        if invocation.group.isTopLevel, invocation.verb.name == "redis" {
            let words = invocation.arguments.values[GeneralTable.command.spec.name] as? [[UInt8]]
            guard let first = words?.first else { return false }
            return knownCommands()?.readOnly.contains(String(decoding: first, as: UTF8.self).lowercased())
                == true
        }
        return invocation.verb.traits.isDisjoint(with: [.writes, .mayBlock, .runsChild, .needsMasters])
    }
}
