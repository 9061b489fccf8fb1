/// A lock the session took (`lock acquire` in the REPL or batch mode): its token and the masters
/// that hold it, so that it is released there even after `--url` or `--master` moved the session
/// to other servers.
struct HeldLock: Sendable, Equatable {
    let token: String
    /// The master URLs the lock was taken on, as ``Settings/resolvedMasters(_:)`` named them.
    let masters: [String]
}

extension Invocation {
    /// The same command, sent to `masters` instead of the session's current ones.
    func on(masters: [String]) -> Invocation {
        var settings = settings
        settings.masters = masters
        return Invocation(
            group: group, verb: verb, arguments: arguments, options: options, settings: settings)
    }
}
