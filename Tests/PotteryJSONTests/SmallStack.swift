#if canImport(Glibc)
    import CDispatch
    import Dispatch
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `body` on a new POSIX thread with only `stackSize` bytes of stack, waits for it and returns
/// what it reports (e.g. the names of failed checks). A stack overflow inside `body` crashes the
/// test process, which fails the run.
func onSmallStack(_ stackSize: Int = 512 * 1024, _ body: @escaping () -> [String]) -> [String] {
    let job = SmallStackJob(body)
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    precondition(pthread_attr_setstacksize(&attributes, stackSize) == 0)
    let context = Unmanaged.passRetained(job).toOpaque()
    #if canImport(Glibc)
        var thread = pthread_t()
        precondition(pthread_create(&thread, &attributes, runSmallStackJob, context) == 0)
        pthread_join(thread, nil)
    #else
        var thread: pthread_t?
        precondition(pthread_create(&thread, &attributes, runSmallStackJob, context) == 0)
        pthread_join(thread!, nil)
    #endif
    return job.result
}

private final class SmallStackJob: @unchecked Sendable {
    let body: () -> [String]
    var result: [String] = ["never ran"]
    init(_ body: @escaping () -> [String]) { self.body = body }
}

private func runSmallStackJob(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let job = Unmanaged<SmallStackJob>.fromOpaque(context!).takeRetainedValue()
    job.result = job.body()
    return nil
}
