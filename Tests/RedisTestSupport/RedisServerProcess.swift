public import Foundation

/// A private redis-server on a free loopback port, in its own temporary directory, for tests.
///
/// Started with `--save "" --appendonly no --daemonize no` and its log in the directory; ready
/// once it answers `INFO server` with its own `process_id` (so a stranger that grabbed the port is
/// never mistaken for it). Servers are killed by `stop()`, `deinit`, and at process exit; servers
/// left by a test process that died are reaped by the next one.
public final class RedisServerProcess: @unchecked Sendable {
    public let port: Int
    public let pid: pid_t
    /// The server's temporary directory (log, pid file, socket).
    public let directory: String
    public let password: String?
    public let aclUser: (name: String, password: String)?
    public let unixSocketPath: String?
    private let stopped = Locked(false)

    /// `true` once `stop()` ran (or the server exited at start).
    public var isStopped: Bool { stopped.withLock { $0 } }

    /// `redis://127.0.0.1:PORT/0`, without credentials.
    public var url: String { "redis://127.0.0.1:\(port)/0" }

    /// `url` with the ACL user or the password in it (percent-encoded).
    public var authenticatedURL: String {
        func encode(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
        }
        if let aclUser {
            return "redis://\(encode(aclUser.name)):\(encode(aclUser.password))@127.0.0.1:\(port)/0"
        }
        if let password { return "redis://:\(encode(password))@127.0.0.1:\(port)/0" }
        return url
    }

    /// The version of the `redis-server` on `PATH` (Redis or Valkey, whose 7.2 and later say the
    /// same to clients), from `redis-server --version`: `(7, 0)` for `v=7.0.15`. scripts/test puts
    /// another server first on `PATH` to run the suites on it.
    public static let version: (Int, Int) = {
        let text = runProcess("redis-server", ["--version"], timeout: 10).stdoutText
        guard let range = text.range(of: "v=") else { return (0, 0) }
        let numbers = text[range.upperBound...].prefix { $0.isNumber || $0 == "." }.split(separator: ".")
        guard numbers.count >= 2, let major = Int(numbers[0]), let minor = Int(numbers[1]) else {
            return (0, 0)
        }
        return (major, minor)
    }()

    /// The server all tests share, started on first use and killed at exit. Tests that need a
    /// server to themselves (auth, killing it, SCRIPT FLUSH, ...) start their own.
    public static let shared: RedisServerProcess = {
        do {
            return try start()
        } catch {
            fatalError("cannot start the shared redis-server: \(error)")
        }
    }()

    private init(
        port: Int, pid: pid_t, directory: String, password: String?,
        aclUser: (name: String, password: String)?, unixSocketPath: String?
    ) {
        self.port = port
        self.pid = pid
        self.directory = directory
        self.password = password
        self.aclUser = aclUser
        self.unixSocketPath = unixSocketPath
    }

    /// Starts a server and waits (up to 20 s) until it serves. With `password`, it has
    /// `requirepass`; with `aclUser`, an ACL user with every permission; with `unixSocket`, it
    /// also listens on `unixSocketPath`. `extraArguments` go last on its command line.
    public static func start(
        password: String? = nil, aclUser: (name: String, password: String)? = nil,
        unixSocket: Bool = false, extraArguments: [String] = []
    ) throws -> RedisServerProcess {
        ServerRegistry.prepare()
        var lastError = TestSupportError("redis-server did not start")
        for _ in 0..<8 {
            let port = freeLoopbackPort()
            let directory = try makeDirectory()
            let socketPath = unixSocket ? directory + "/redis.sock" : nil
            var arguments = [
                "--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--dir", directory, "--pidfile", directory + "/redis.pid",
            ]
            if let password { arguments += ["--requirepass", password] }
            if let aclUser {
                arguments += ["--user", aclUser.name, "on", ">" + aclUser.password, "~*", "&*", "+@all"]
            }
            if let socketPath { arguments += ["--unixsocket", socketPath, "--unixsocketperm", "700"] }
            arguments += extraArguments

            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(
                &actions, 1, directory + "/redis.log", O_WRONLY | O_CREAT | O_APPEND, 0o600)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            let pid: pid_t
            spawnLock.lock()
            let spawned = spawn("redis-server", arguments, environment: nil, actions: &actions)
            spawnLock.unlock()
            switch spawned {
            case .success(let spawned): pid = spawned
            case .failure(let why): throw TestSupportError("cannot run redis-server: \(why)")
            }
            ServerRegistry.track(pid, directory: directory)
            let server = RedisServerProcess(
                port: port, pid: pid, directory: directory, password: password, aclUser: aclUser,
                unixSocketPath: socketPath)
            switch server.waitUntilReady(deadline: Date().addingTimeInterval(20)) {
            case .ready:
                return server
            case .exited(let log):
                server.stop()
                lastError = TestSupportError("redis-server exited at start:\n\(log)")
                if log.contains("Address already in use") { continue }
                throw lastError
            case .timedOut(let log):
                server.stop()
                throw TestSupportError("redis-server did not answer within 20 s:\n\(log)")
            }
        }
        throw lastError
    }

    /// Kills the server (SIGKILL), reaps it and removes its directory. Idempotent.
    public func stop() {
        let wasStopped = stopped.withLock { value -> Bool in
            defer { value = true }
            return value
        }
        guard !wasStopped else { return }
        kill(pid, SIGKILL)
        _ = waitForExit(pid, until: .distantFuture)
        ServerRegistry.untrack(pid)
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit {
        stop()
    }

    /// Runs `redis-cli -h 127.0.0.1 -p PORT` (authenticated like `authenticatedURL`) with `args`
    /// and returns its stdout, trimmed; throws when it exits with a non-zero status.
    @discardableResult
    public func cli(_ args: String...) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        var arguments = ["-h", "127.0.0.1", "-p", "\(port)"]
        if let aclUser {
            arguments += ["--user", aclUser.name]
            environment["REDISCLI_AUTH"] = aclUser.password
        } else if let password {
            environment["REDISCLI_AUTH"] = password
        }
        let result = runProcess("redis-cli", arguments + args, environment: environment, timeout: 30)
        guard result.status == 0 else {
            throw TestSupportError(
                "redis-cli \(args.joined(separator: " ")) exited \(result.status): \(result.stderrText)")
        }
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The last lines of the server's log.
    public func logTail(lines: Int = 30) -> String {
        let text = (try? String(contentsOfFile: directory + "/redis.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(
            separator: "\n")
    }

    // MARK: - Readiness

    private enum Readiness {
        case ready
        case exited(String)
        case timedOut(String)
    }

    private func waitUntilReady(deadline: Date) -> Readiness {
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                ServerRegistry.untrack(pid)
                stopped.withLock { $0 = true }
                let log = logTail()
                try? FileManager.default.removeItem(atPath: directory)
                return .exited(log)
            }
            if probe() { return .ready }
            // Between probes: the server is still starting; this is a condition poll, not a sleep.
            usleep(2000)
        }
        return .timedOut(logTail())
    }

    /// Connects, authenticates if needed and checks that `INFO server` names our pid.
    private func probe() -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopbackAddress(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return false }
        var request: [UInt8] = []
        if let aclUser {
            request += encodeCommand(["AUTH", aclUser.name, aclUser.password])
        } else if let password {
            request += encodeCommand(["AUTH", password])
        }
        request += encodeCommand(["INFO", "server"])
        let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { return false }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        let marker = Array("process_id:\(pid)\r\n".utf8)
        while received.count < 1 << 20 {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { return false }
            received += buffer[0..<count]
            if received.first == UInt8(ascii: "-") { return false }
            if containsSequence(received, marker) { return true }
            if received.last == UInt8(ascii: "\n"), containsSequence(received, Array("redis_version".utf8)),
                containsSequence(received, Array("process_id:".utf8)),
                containsSequence(received, Array("\r\n\r\n".utf8))
            {
                return false
            }
        }
        return false
    }

    private static func makeDirectory() throws -> String {
        var template = Array("/tmp/prs.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestSupportError("mkdtemp: \(errnoText())") }
        let path = String(cString: made)
        try "\(getpid())".write(toFile: path + "/owner.pid", atomically: false, encoding: .utf8)
        return path
    }
}

func encodeCommand(_ arguments: [String]) -> [UInt8] {
    var bytes = Array("*\(arguments.count)\r\n".utf8)
    for argument in arguments {
        bytes += Array("$\(argument.utf8.count)\r\n".utf8) + Array(argument.utf8) + [13, 10]
    }
    return bytes
}

func containsSequence(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
    }
    return false
}

/// The pids of servers this process started, killed at exit; and the reaping of servers
/// orphaned by earlier test processes that died without cleaning up.
enum ServerRegistry {
    /// Running servers: pid and directory.
    private static let servers = Locked([pid_t: String]())
    private static let prepared = Locked(false)

    static func track(_ pid: pid_t, directory: String) {
        servers.withLock { $0[pid] = directory }
    }

    static func untrack(_ pid: pid_t) {
        servers.withLock { _ = $0.removeValue(forKey: pid) }
    }

    /// Once per process: registers the exit handler and reaps orphans.
    static func prepare() {
        let first = prepared.withLock { value -> Bool in
            defer { value = true }
            return !value
        }
        guard first else { return }
        atexit {
            ServerRegistry.killAll()
        }
        reapOrphans()
    }

    /// Kills, reaps and removes every server still running (at exit).
    static func killAll() {
        let all = servers.withLock { $0 }
        for pid in all.keys { kill(pid, SIGKILL) }
        for (pid, directory) in all {
            _ = waitForExit(pid, until: Date().addingTimeInterval(2))
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// Kills servers whose owning test process is gone, and removes their directories.
    private static func reapOrphans() {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: "/tmp") else { return }
        for name in names where name.hasPrefix("prs.") {
            let directory = "/tmp/" + name
            guard let ownerText = try? String(contentsOfFile: directory + "/owner.pid", encoding: .utf8),
                let owner = pid_t(ownerText.trimmingCharacters(in: .whitespacesAndNewlines)),
                kill(owner, 0) != 0 && errno == ESRCH
            else { continue }
            if let pidText = try? String(contentsOfFile: directory + "/redis.pid", encoding: .utf8),
                let pid = pid_t(pidText.trimmingCharacters(in: .whitespacesAndNewlines)),
                let command = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
                command.hasPrefix("redis-server")
            {
                kill(pid, SIGKILL)
            }
            try? files.removeItem(atPath: directory)
        }
    }
}
