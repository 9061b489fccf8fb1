import CPotteryReadline

#if canImport(Glibc)
    import Glibc
#endif

/// Hints like redis-cli's (``ReplHint``), drawn dimmed after readline's own redisplay. readline knows
/// nothing of them, so they are drawn only where that is safe — the cursor at the end of a line that
/// fits on one terminal row, plain ASCII, a terminal that is not `dumb` — and always erased (clear to
/// the end of the row, where the cursor still is) before readline draws again, before a completion
/// list, and before the line is accepted.
enum ReadlineHints {
    nonisolated(unsafe) static var hint: ReplHint?
    nonisolated(unsafe) private static var shown = false
    nonisolated(unsafe) private static var suppressed = false
    nonisolated(unsafe) static var promptWidth = 0

    static let enabled: Bool = {
        guard isatty(1) != 0, let term = getenv("TERM") else { return false }
        let name = String(cString: term)
        return !name.isEmpty && name != "dumb"
    }()

    static func reset() {
        shown = false
        suppressed = false
    }

    /// Erases a hint on screen (the cursor stands right before it).
    static func clear() {
        guard shown else { return }
        shown = false
        let out = prl_out()
        fputs("\u{1B}[K", out)
        fflush(out)
    }

    static func redisplay() {
        clear()
        prl_redisplay()
        guard enabled, !suppressed, let hint, prl_point() == prl_end(), prl_end() > 0,
            let buffer = prl_line()
        else {
            return
        }
        let line = Array(
            UnsafeBufferPointer(
                start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                count: Int(prl_end())))
        guard line.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), let text = hint.hint(for: line),
            text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
        else { return }
        var rows: Int32 = 0
        var columns: Int32 = 0
        prl_get_screen_size(&rows, &columns)
        guard promptWidth + line.count + text.count < Int(columns) - 1 else { return }
        let out = prl_out()
        fputs("\u{1B}[2m\(text)\u{1B}[0m\u{1B}[\(text.count)D", out)
        fflush(out)
        shown = true
    }

    /// Return: the line is shown as typed, without its hint, then accepted.
    static func acceptLine(_ count: Int32, _ key: Int32) -> Int32 {
        suppressed = true
        clear()
        return prl_newline(count, key)
    }
}
