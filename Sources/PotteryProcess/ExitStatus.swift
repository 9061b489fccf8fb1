import CPotterySpawn
/// The process exit statuses of SPEC §4, in one place.
public struct ExitStatus: RawRepresentable, Sendable, Equatable, Hashable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Success; a predicate that holds.
    public static let success = ExitStatus(rawValue: 0)
    /// A negative answer: predicate false, absent, empty, not acquired.
    public static let negative = ExitStatus(rawValue: 1)
    /// Usage error or invalid input; nothing was written.
    public static let usage = ExitStatus(rawValue: 2)
    /// Redis error: connect, timeout, authentication, WRONGTYPE, server error.
    public static let redis = ExitStatus(rawValue: 3)
    /// Standard output could not be written (EX_IOERR): the output is incomplete.
    public static let outputFailed = ExitStatus(rawValue: 74)
    /// `lock run`: another holder had the lock within the wait (`-E N` chooses another status; a
    /// quorum that cannot be had is ``redis``).
    public static let notAcquired = ExitStatus(rawValue: 75)
    /// `lock run`: the lease was not held to the end (lost while the child ran, when the child's
    /// group was sent SIGTERM, then SIGKILL; or found taken or gone at the release).
    public static let leaseLost = ExitStatus(rawValue: 76)
    /// Ctrl-C: 128 + SIGINT.
    public static let interrupted = ExitStatus(rawValue: 130)
    /// The reader of standard output went away: 128 + SIGPIPE, as if killed by it.
    public static let brokenPipe = ExitStatus(rawValue: 141)

    /// 0 when `condition` holds, 1 otherwise.
    package static func answer(_ condition: Bool) -> ExitStatus { condition ? .success : .negative }
}
