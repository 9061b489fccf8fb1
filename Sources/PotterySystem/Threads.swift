#if canImport(Glibc)
    package import Glibc
#endif

/// Starts `body` on a new thread; nil when the system has no thread to give. A `detached` thread
/// cleans up after itself; otherwise the caller joins the returned thread (`pthread_join`).
/// The one place pottery makes a thread: a pool's connections, a lease's keeper, a blocking call
/// taken off Swift's cooperative pool.
package func startThread(detached: Bool, _ body: @escaping @Sendable () -> Void) -> pthread_t? {
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(
        &thread, nil,
        { raw in
            Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, context)
    guard started == 0 else {
        Unmanaged<ThreadBody>.fromOpaque(context).release()
        return nil
    }
    if detached { pthread_detach(thread) }
    return thread
}

private final class ThreadBody: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
