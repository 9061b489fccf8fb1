import Foundation

/// A child's own peak resident memory. Its `ru_maxrss` will not do: Linux carries the RSS
/// high-water mark of the process that spawned it across the exec (with `posix_spawn`'s shared
/// memory, the whole test process's, hundreds of MB late in a run). So the child is started by a
/// small Python process, whose own memory is the floor (about 10 MB), and that reports
/// `RUSAGE_CHILDREN`'s `ru_maxrss` in a file.
enum PeakMemory {
    static let script = """
        import ctypes, os, resource, signal, sys
        report, argv = sys.argv[1], sys.argv[2:]
        pid = os.fork()
        if pid == 0:
            try:
                ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: dies with us
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _, status = os.waitpid(pid, 0)
        with open(report, "w") as f:
            f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
        code = os.waitstatus_to_exitcode(status)
        sys.exit(code if code >= 0 else 128 - code)
        """

    /// python3 from the tests' own `PATH` (the child's may be narrower).
    static let python: String = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/bin"] {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/python3"
    }()

    static func run(
        _ executable: String, _ arguments: [String], stdin: [UInt8]?, environment: [String: String]?,
        timeout: Double
    ) -> ProcessResult {
        let report = NSTemporaryDirectory() + "/" + uniqueKey("peak-memory")
        defer { try? FileManager.default.removeItem(atPath: report) }
        var result = runProcess(
            python, ["-c", script, report, executable] + arguments, stdin: stdin, environment: environment,
            timeout: timeout)
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        result.peakMemoryKilobytes = Int(text) ?? 0
        return result
    }
}
