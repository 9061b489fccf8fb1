#if canImport(Glibc)
    import Glibc
#endif

/// The REPL's history file: `~/.pottery_history`, or `POTTERY_HISTFILE` (an empty value disables it).
/// Created with mode 0600 whatever the umask, and put back to 0600 if it was wider; each accepted line
/// is appended at once (so a crash loses nothing), except lines that carry a password
/// (``SecretLine``), lines that start with a blank (as bash's `ignorespace`) and repeats of the last.
///
/// Only a regular file serves (a symlink to one too, as dotfile managers make them): every open is
/// non-blocking and checked with `fstat`, so a FIFO, a terminal or a device named by
/// `POTTERY_HISTFILE` never blocks the REPL (opening a FIFO waits for its other end) nor takes its
/// lines; ``problem()`` says why, once, and the session goes on without history.
final class HistoryFile {
    let path: String
    /// The most lines loaded back for recall.
    static let recallLimit = 1000
    private var last: [UInt8]?

    init(path: String) { self.path = path }

    /// The file the environment asks for, or nil when history is off (or there is no home).
    static func resolve(_ environment: Environment) -> HistoryFile? {
        if let explicit = environment["POTTERY_HISTFILE"] {
            return explicit.isEmpty ? nil : HistoryFile(path: explicit)
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return HistoryFile(path: home + (home.hasSuffix("/") ? "" : "/") + ".pottery_history")
    }

    /// Why the file cannot keep the history (it exists and is not a regular file, or cannot be
    /// opened), or nil: it can, or does not exist yet (the first line creates it).
    func problem() -> String? {
        let fd = Self.open(path, O_RDONLY)
        if fd == Self.notRegular { return "not a regular file" }
        if fd < 0 { return errno == ENOENT ? nil : String(cString: strerror(errno)) }
        close(fd)
        return nil
    }

    /// `open(2)` that never blocks nor takes a terminal, and gives back only a regular file:
    /// ``notRegular`` (closed) for anything else, -1 with `errno` on failure.
    private static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        let fd = Glibc.open(path, flags | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, mode)
        guard fd >= 0 else { return fd }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return notRegular
        }
        return fd
    }

    /// What ``open(_:_:_:)`` returns for a file that is not a regular one.
    private static let notRegular: Int32 = -2

    /// The last lines of the file (at most ``recallLimit``); tightens its mode to 0600.
    func load() -> [[UInt8]] {
        let fd = Self.open(path, O_RDONLY)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return [] }
        if status.st_mode & 0o077 != 0 { fchmod(fd, 0o600) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += chunk[..<n]
            if bytes.count > 4 << 20 { bytes.removeFirst(bytes.count - (2 << 20)) }
        }
        let lines = bytes.split(separator: 0x0A).map(Array.init)
        last = lines.last
        return Array(lines.suffix(Self.recallLimit))
    }

    /// Whether `line` may be kept at all (in the file and for recall).
    static func keeps(_ line: [UInt8]) -> Bool {
        guard let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t") else {
            return false
        }
        return !line.contains(0) && !SecretLine.carriesSecret(line)
    }

    /// Appends `line` when it may be kept; returns whether it was.
    @discardableResult
    func record(_ line: [UInt8]) -> Bool {
        guard Self.keeps(line), line != last else { return false }
        let fd = Self.open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return false }
        if status.st_mode & 0o777 != 0o600 { fchmod(fd, 0o600) }
        let bytes = line + [0x0A]
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        last = line
        return written == bytes.count
    }
}
