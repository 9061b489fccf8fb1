#if canImport(Glibc)
    import Glibc
#endif
import CPotterySpawn

/// Why a child command could not be started. Rendered by ``ErrorRenderer`` as
/// `pottery: lock run KEY: CMD: command not found` with the status a shell would give.
package struct ChildProcessError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: Sendable, Equatable {
        /// No command after `--`: exit 2.
        case emptyCommand
        /// Not found in `PATH` (or, with a slash, no such file): exit 127, as shells.
        case notFound
        /// Found but not executable (permission, a directory, not a program): exit 126, as shells.
        case notExecutable
        /// The system refused (no pipe, no process): exit 126, as a shell that cannot exec.
        case cannotStart
        /// A SIGINT, SIGTERM or SIGHUP was pending before the child started; it was not started:
        /// exit 128 + the signal.
        case interrupted(signal: Int32)
    }

    /// An `errno` value.
    package struct Errno: Error, Sendable, Equatable {
        package var value: Int32
        package init(_ value: Int32) { self.value = value }
        package var text: String { String(cString: strerror(value)) }
    }

    package var code: Code
    /// The command as given (`argv[0]`).
    package var command: String
    /// The system's reason, when there is one.
    package var errno: Errno?

    package init(_ code: Code, command: String, errno: Errno? = nil) {
        self.code = code
        self.command = command
        self.errno = errno
    }

    /// Classifies a failure to start (fork's, or `execvp`'s) the way shells classify `execvp` failures.
    package static func spawnFailure(_ value: Int32, command: String) -> ChildProcessError {
        switch value {
        case ENOENT, ENOTDIR, ENAMETOOLONG, ELOOP:
            return ChildProcessError(.notFound, command: command, errno: Errno(value))
        case EAGAIN, ENOMEM, EMFILE, ENFILE:
            return ChildProcessError(.cannotStart, command: command, errno: Errno(value))
        default:
            return ChildProcessError(.notExecutable, command: command, errno: Errno(value))
        }
    }

    /// The exit status pottery ends with: 127, 126, 2 or 128 + signal.
    package var exitStatus: ExitStatus {
        switch code {
        case .emptyCommand: return .usage
        case .notFound: return ExitStatus(rawValue: 127)
        case .notExecutable, .cannotStart: return ExitStatus(rawValue: 126)
        case .interrupted(let signal): return ExitStatus(rawValue: 128 + signal)
        }
    }

    /// `CMD: command not found`, `CMD: Permission denied`, ...
    package var description: String {
        switch code {
        case .emptyCommand: return "no command given after --"
        case .notFound where !command.contains("/"): return "\(command): command not found"
        case .interrupted(let signal): return "interrupted by signal \(signal) before \(command) started"
        default: return "\(command): \(errno?.text ?? "cannot execute")"
        }
    }
}
