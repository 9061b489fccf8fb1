#if canImport(Glibc)
    import Glibc
#endif
import RedisClient

/// Runs a step that must not be abandoned halfway (taking an item off a queue: once the server has
/// removed it, the reply must be read, or the item is lost): SIGINT, SIGTERM and SIGHUP are held for
/// its duration and delivered when it is over. A signal that arrived before is honoured first: the
/// step does not start, and the connection's interrupt check ends it as an interruption.
enum SignalDeferral {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    static func run<T>(on redis: RedisConnection, _ body: () throws(PotteryError) -> T) throws(PotteryError)
        -> T
    {
        var held = sigset_t()
        sigemptyset(&held)
        for signal in signals { sigaddset(&held, signal) }
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &held, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        if redis.options.interruptCheck?() == true {
            throw PotteryError(
                RedisError(kind: .interrupted, message: "interrupted", server: redis.server))
        }
        return try body()
    }
}
