/// The completer as the CLI runs it: key names looked up (``KeyLookup``) on the server that
/// `settings` name, through the session's connection. The REPL can call it with its own session.
extension Completer {
    static func live(table: CommandTable, session: Session, settings: Settings) -> Completer {
        Completer(table: table) { prefix in
            try KeyLookup().names(prefix: prefix, connection: session.connection(for: settings))
        }
    }
}
