import Foundation

/// What a finished child process left behind.
public struct ProcessResult: Sendable {
    /// Exit status, or 128 + signal number when killed by a signal (as shells report it).
    public var status: Int32
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    /// `true` when the process was killed because it outlived the timeout.
    public var timedOut: Bool
    /// The process's peak resident memory in KiB, when `runProcess` was asked to measure it
    /// (`measuresPeakMemory`); 0 otherwise.
    public var peakMemoryKilobytes = 0

    public init(status: Int32, stdout: [UInt8], stderr: [UInt8], timedOut: Bool = false) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
    }
}

/// Runs `executable` (a path, or a name looked up in `PATH`) with `arguments`, feeding `stdin`
/// (or `/dev/null`) and collecting stdout and stderr. `environment` `nil` inherits ours; otherwise
/// the child gets exactly those variables. Killed with SIGKILL after `timeout` seconds.
/// A process that cannot be started yields status 127 and the reason on stderr.
public func runProcess(
    _ executable: String, _ arguments: [String], stdin: [UInt8]? = nil,
    environment: [String: String]? = nil, timeout: Double = 30, measuresPeakMemory: Bool = false
) -> ProcessResult {
    if measuresPeakMemory {
        return PeakMemory.run(executable, arguments, stdin: stdin, environment: environment, timeout: timeout)
    }
    // Pipes are made and the child spawned under one lock, so that no other child spawned by
    // this support inherits our pipe ends before they are close-on-exec (which keeps EOF prompt).
    spawnLock.lock()
    var input: [Int32] = [-1, -1]
    var output: [Int32] = [-1, -1]
    var errors: [Int32] = [-1, -1]
    guard makePipe(&output), makePipe(&errors), stdin == nil || makePipe(&input) else {
        let why = errnoText()
        spawnLock.unlock()
        for fd in input + output + errors where fd >= 0 { close(fd) }
        return ProcessResult(status: 127, stdout: [], stderr: Array("pipe: \(why)".utf8))
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if stdin != nil {
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
    } else {
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errors[1], 2)

    let spawned = spawn(executable, arguments, environment: environment, actions: &actions)
    for fd in [input[0], output[1], errors[1]] where fd >= 0 { close(fd) }
    spawnLock.unlock()
    guard case .success(let pid) = spawned else {
        for fd in [input[1], output[0], errors[0]] where fd >= 0 { close(fd) }
        if case .failure(let why) = spawned {
            return ProcessResult(status: 127, stdout: [], stderr: Array("\(executable): \(why)".utf8))
        }
        return ProcessResult(status: 127, stdout: [], stderr: [])
    }

    let deadline = Date().addingTimeInterval(timeout)
    var collected: [Int32: [UInt8]] = [output[0]: [], errors[0]: []]
    var open = [output[0], errors[0]]
    var pendingInput = stdin.map { ArraySlice($0) }
    var writer = input[1]
    if writer >= 0 { _ = fcntl(writer, F_SETFL, fcntl(writer, F_GETFL) | O_NONBLOCK) }
    if pendingInput?.isEmpty == true {
        close(writer)
        writer = -1
    }
    var timedOut = false
    var buffer = [UInt8](repeating: 0, count: 65536)
    while !open.isEmpty || writer >= 0 {
        var entries = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if writer >= 0 { entries.append(pollfd(fd: writer, events: Int16(POLLOUT), revents: 0)) }
        let remaining = deadline.timeIntervalSinceNow
        if remaining <= 0 {
            timedOut = true
            kill(pid, SIGKILL)
            break
        }
        let ready = poll(&entries, nfds_t(entries.count), Int32(min(remaining * 1000 + 1, 1e9)))
        if ready < 0 && errno != EINTR { break }
        for entry in entries where entry.revents != 0 {
            if entry.fd == writer {
                let chunk = pendingInput!
                let written = chunk.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
                if written > 0 { pendingInput = chunk.dropFirst(written) }
                if written < 0 && errno != EAGAIN && errno != EINTR || pendingInput!.isEmpty {
                    close(writer)
                    writer = -1
                }
                continue
            }
            let count = read(entry.fd, &buffer, buffer.count)
            if count > 0 {
                collected[entry.fd]!.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR && errno != EAGAIN {
                open.removeAll { $0 == entry.fd }
            }
        }
    }
    if writer >= 0 { close(writer) }
    var status = waitForExit(pid, until: timedOut ? Date.distantFuture : deadline)
    if status == nil {
        timedOut = true
        kill(pid, SIGKILL)
        status = waitForExit(pid, until: .distantFuture)
    }
    for fd in [output[0], errors[0]] { close(fd) }
    return ProcessResult(
        status: status ?? -1, stdout: collected[output[0]]!, stderr: collected[errors[0]]!,
        timedOut: timedOut)
}

/// Serializes pipe creation and spawning (see `runProcess`).
let spawnLock = NSLock()

private func makePipe(_ fds: inout [Int32]) -> Bool {
    guard pipe(&fds) == 0 else { return false }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return true
}

/// Starts a process with posix_spawn(p); `Result` carries the pid or the reason.
func spawn(
    _ executable: String, _ arguments: [String], environment: [String: String]?,
    actions: inout posix_spawn_file_actions_t
) -> Result<pid_t, SpawnError> {
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
    defer { envp?.forEach { free($0) } }
    var pid: pid_t = 0
    let status: Int32
    if let envp {
        status =
            executable.contains("/")
            ? posix_spawn(&pid, executable, &actions, nil, argv, envp)
            : posix_spawnp(&pid, executable, &actions, nil, argv, envp)
    } else {
        status =
            executable.contains("/")
            ? posix_spawn(&pid, executable, &actions, nil, argv, environ)
            : posix_spawnp(&pid, executable, &actions, nil, argv, environ)
    }
    guard status == 0 else { return .failure(SpawnError(message: String(cString: strerror(status)))) }
    return .success(pid)
}

struct SpawnError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Reaps `pid`, polling until `deadline`; its shell-style status, or `nil` if still running.
func waitForExit(_ pid: pid_t, until deadline: Date) -> Int32? {
    var status: Int32 = 0
    while true {
        let result = waitpid(pid, &status, deadline == .distantFuture ? 0 : WNOHANG)
        if result == pid { return decodeWaitStatus(status) }
        if result < 0 && errno != EINTR { return -1 }
        if deadline.timeIntervalSinceNow <= 0 { return nil }
        if result == 0 { usleep(1000) }
    }
}

private func decodeWaitStatus(_ status: Int32) -> Int32 {
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
}

func errnoText() -> String {
    String(cString: strerror(errno))
}
