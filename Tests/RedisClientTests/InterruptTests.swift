import Foundation
import Glibc
import RedisClient
import RedisTestSupport
import Synchronization
import Testing

/// Set by the SIGUSR2 handler below; read by the connections' `interruptCheck`.
private let interruptFlag = Atomic<Bool>(false)

/// A SIGINT-like interruption for real: a handler without SA_RESTART sets a flag, the signal is
/// sent to the thread blocked in `poll`, and the wait must end with `.interrupted`.
/// (SIGUSR2, which nothing else in the test process uses; serialized, handler restored.)
@Suite(.serialized) struct InterruptTests {
    /// Installs the handler for the duration of `body`.
    func withHandler(_ body: () throws -> Void) rethrows {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptFlag.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        sigaction(SIGUSR2, &action, &previous)
        interruptFlag.store(false, ordering: .relaxed)
        defer {
            sigaction(SIGUSR2, &previous, nil)
            interruptFlag.store(false, ordering: .relaxed)
        }
        try body()
    }

    func options(_ name: String) -> RedisConnectionOptions {
        RedisConnectionOptions(
            timeout: 30, clientName: name, interruptCheck: { interruptFlag.load(ordering: .relaxed) })
    }

    /// Runs `blocking` on its own thread, waits until the server lists client `name` as blocked
    /// in BLPOP, signals that thread and returns `blocking`'s error and how long it took after
    /// the signal.
    func interrupt(
        clientNamed name: String, _ blocking: @escaping @Sendable () throws(RedisError) -> Void
    ) throws -> (RedisError?, Double) {
        let observer = try connect()
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let thread = Thread {
            // Threads may start with signals blocked; this one must receive SIGUSR2.
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGUSR2)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            box.set(thread: pthread_self())
            started.signal()
            do throws(RedisError) {
                try blocking()
            } catch {
                box.set(error: error)
            }
            finished.signal()
        }
        thread.start()
        started.wait()
        let deadline = Date().addingTimeInterval(20)
        var blocked = false
        while !blocked && Date() < deadline {
            let list = try #require(try observer.call("CLIENT", "LIST").string)
            blocked = list.split(separator: "\n").contains {
                $0.contains("name=\(name) ") && $0.contains("cmd=blpop")
            }
            if !blocked { usleep(10_000) }
        }
        try #require(blocked, "the client never blocked in BLPOP")
        let signalled = Date()
        #expect(pthread_kill(box.thread!, SIGUSR2) == 0)
        #expect(
            finished.wait(timeout: .now() + 10) == .success,
            "the blocked read was not abandoned (flag \(interruptFlag.load(ordering: .relaxed)))")
        return (box.error, Date().timeIntervalSince(signalled))
    }

    @Test func blockingReadIsInterrupted() throws {
        try withHandler {
            let name = "interrupt-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let redis = try RedisConnection(
                url: RedisURL(parsing: RedisServerProcess.shared.url), options: options(name))
            let key = b(uniqueKey("interrupt"))
            let shared = UncheckedBox(redis)
            let (error, seconds) = try interrupt(clientNamed: name) { () throws(RedisError) in
                shared.value.enqueue([b("BLPOP"), key, b("0")])
                _ = try shared.value.readReply(timeout: nil)
            }
            #expect(error?.kind == .interrupted)
            #expect(error?.message == "interrupted")
            #expect(seconds < 5, "took \(seconds) s")
            #expect(!redis.isUsable)
        }
    }

    @Test func fanOutIsInterrupted() throws {
        try withHandler {
            let name = "interrupt-fan-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let url = try RedisURL(parsing: RedisServerProcess.shared.url)
            let connections = try [
                RedisConnection(url: url, options: options(name)),
                RedisConnection(url: url, options: options(name)),
            ]
            let key = b(uniqueKey("interrupt-fan"))
            let shared = UncheckedBox(connections)
            let results = UncheckedBox<[Result<RESPValue, RedisError>]>([])
            let (_, seconds) = try interrupt(clientNamed: name) { () throws(RedisError) in
                results.value = RedisFanOut.call(shared.value, [b("BLPOP"), key, b("0")], timeout: 60)
            }
            #expect(seconds < 5, "took \(seconds) s")
            #expect(results.value.count == 2)
            for result in results.value {
                guard case .failure(let error) = result else {
                    Issue.record("expected .interrupted, got \(result)")
                    continue
                }
                #expect(error.kind == .interrupted)
            }
        }
    }

    @Test func flagAlreadySetAbandonsAtOnce() {
        withHandler {
            interruptFlag.store(true, ordering: .relaxed)
            let error = #expect(throws: RedisError.self) {
                try RedisConnection(
                    url: RedisURL(parsing: RedisServerProcess.shared.url), options: options("x"))
            }
            #expect(error?.kind == .interrupted)
        }
    }
}

/// What the blocked thread reports.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storedThread: pthread_t?
    private var storedError: RedisError?

    var thread: pthread_t? { lock.withLock { storedThread } }
    var error: RedisError? { lock.withLock { storedError } }
    func set(thread: pthread_t) { lock.withLock { storedThread = thread } }
    func set(error: RedisError) { lock.withLock { storedError = error } }
}

/// Hands a non-Sendable value to the one other thread that uses it while this one waits.
private final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
