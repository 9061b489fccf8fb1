import PotteryProcess
#if canImport(Glibc)
    import Glibc
#endif

/// What reading one REPL line gave.
enum LineEvent: Equatable {
    /// A line, without its newline.
    case line([UInt8])
    /// Ctrl-C abandoned the line being edited.
    case interrupted
    /// Ctrl-D on an empty line, or the end of input.
    case end
    /// SIGTERM or SIGHUP arrived: the session ends with 128 + the signal.
    case terminated(Int32)
}

/// Line editing behind a small protocol, so the REPL runs over GNU readline on a terminal and over
/// plain lines elsewhere (and in tests).
protocol LineEditor: AnyObject {
    /// Shows `prompt` and reads one line.
    func readLine(prompt: String) -> LineEvent
    /// Remembers a line for recall (up arrow); lines that carry a secret never come here.
    func remember(_ line: [UInt8])
    /// Where the completer and hint come from for the next lines.
    func configure(completer: Completer, hint: ReplHint?)
}

/// Lines from standard input when it is not a terminal (`pottery repl < file`): no editing, no prompt.
final class PlainLineEditor: LineEditor {
    private let reader: LineReader

    init(reader: LineReader) { self.reader = reader }

    func readLine(prompt: String) -> LineEvent {
        do {
            guard let line = try reader.nextLine() else { return .end }
            return .line(line)
        } catch {
            if let signal = Interrupts.take() { return signal == SIGINT ? .interrupted : .terminated(signal) }
            return .end
        }
    }

    func remember(_ line: [UInt8]) {}
    func configure(completer: Completer, hint: ReplHint?) {}
}
