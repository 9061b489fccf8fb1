import PotteryCore

#if canImport(Glibc)
    import Glibc
#endif

/// A long bulk load (`seq 10000000 | pottery set add big -`) shows how far it is: on a terminal,
/// after a second, one line on stderr redrawn in place (items read, items per second, bytes read)
/// and erased at the end; `--progress` shows it from the start, and where stderr is no terminal as
/// a line a second; `--no-progress` never. `--stats` ends with a summary line, as `redis-cli
/// --pipe` does. Standard output never changes. Fed by the standard input's reader at each chunk.
final class Progress {
    private let what: String
    private let err: DiagnosticWriter
    private let terminal: Bool
    private let forced: Bool
    private let stats: Bool
    private let start = Redlock.monotonicNow()
    private let firstLine: Int
    private var lastDraw = -Double.infinity
    private var drawn = false
    private var bytes = 0

    /// A progress for `what` (`set add big`), or nil when neither a progress line nor a summary can
    /// be shown.
    static func make(what: String, settings: Settings, err: DiagnosticWriter, stdin: LineReader) -> Progress?
    {
        let terminal = isatty(2) == 1
        let shows = settings.progress ?? terminal
        guard shows || settings.stats else { return nil }
        return Progress(
            what: what, err: err, terminal: terminal, forced: settings.progress == true && shows,
            stats: settings.stats, firstLine: stdin.lineNumber, shows: shows)
    }

    private let shows: Bool

    private init(
        what: String, err: DiagnosticWriter, terminal: Bool, forced: Bool, stats: Bool, firstLine: Int,
        shows: Bool
    ) {
        self.what = what
        self.err = err
        self.terminal = terminal
        self.forced = forced
        self.stats = stats
        self.firstLine = firstLine
        self.shows = shows
    }

    /// After each chunk read: `read` more bytes, `line` the number of the last line handed out.
    func update(read: Int, line: Int) {
        bytes += read
        guard shows else { return }
        let now = Redlock.monotonicNow()
        let elapsed = now - start
        let interval = terminal ? 0.2 : 1.0
        guard elapsed >= (forced ? 0 : 1), now - lastDraw >= interval else { return }
        lastDraw = now
        let items = line - firstLine
        let text =
            "pottery: \(what): \(items) items, \(Self.rate(items, elapsed)) items/s, \(Self.size(bytes)) read"
        if terminal {
            err.write("\r\u{1B}[K" + text)
            drawn = true
        } else {
            err.writeLine(text)
        }
    }

    /// After the command: the line erased, and the summary with `--stats` when the command ran to its
    /// end (`summary`); a failure says so in its one line instead.
    func finish(line: Int, summary: Bool) {
        if drawn { err.write("\r\u{1B}[K") }
        guard stats, summary else { return }
        let elapsed = Redlock.monotonicNow() - start
        let items = line - firstLine
        err.writeLine(
            "pottery: \(what): \(items) items in \(Dispatcher.milliseconds(elapsed)) s "
                + "(\(Self.rate(items, elapsed)) items/s, \(Self.size(bytes)) read)")
    }

    private static func rate(_ items: Int, _ seconds: Double) -> Int {
        guard seconds > 0, seconds.isFinite else { return 0 }
        let value = Double(items) / seconds
        return value < Double(Int.max) ? Int(value) : 0
    }

    /// `9.4 MiB`, `512 B`.
    private static func size(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
