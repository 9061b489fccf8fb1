import PotteryProcess
import CPotteryReadline

#if canImport(Glibc)
    import Glibc
#endif

/// GNU readline through its callback interface, so that one `poll` waits on the terminal and on the
/// wake-up pipe of ``Interrupts`` at once: readline installs no signal handlers of its own
/// (`rl_catch_signals = 0`); Ctrl-C is recorded by ours and abandons the line here, and SIGTERM or
/// SIGHUP ends the session. Tab goes to ``ReadlineCompletion`` (the one completer) and the redisplay
/// to ``ReadlineHints``. readline is process-global state: one editor at a time.
final class ReadlineEditor: LineEditor {
    private static let state = ReadlineState()

    init() {
        let state = Self.state
        guard !state.configured else { return }
        state.configured = true
        prl_configure()
        if isatty(1) == 0 && isatty(2) != 0 { prl_use_stderr() }
        prl_initialize()
        prl_bind_key(9, { count, key in ReadlineCompletion.complete(count, key) })
        prl_bind_key(10, { count, key in ReadlineHints.acceptLine(count, key) })
        prl_bind_key(13, { count, key in ReadlineHints.acceptLine(count, key) })
        prl_set_redisplay { ReadlineHints.redisplay() }
        prl_using_history()
        prl_stifle_history(1000)
    }

    func configure(completer: Completer, hint: ReplHint?) {
        ReadlineCompletion.completer = completer
        ReadlineHints.hint = hint
    }

    func remember(_ line: [UInt8]) {
        guard !line.contains(0) else { return }
        let text = String(decoding: line, as: UTF8.self)
        if let last = prl_history_last(), String(cString: last) == text {
            return
        }
        prl_add_history(text)
    }

    /// Loads earlier lines (the history file) for recall.
    func load(_ lines: [[UInt8]]) {
        for line in lines where !line.isEmpty { remember(line) }
    }

    func readLine(prompt: String) -> LineEvent {
        let state = Self.state
        state.result = nil
        ReadlineHints.reset()
        install(prompt)
        defer { Interrupts.drainWakePipe() }
        while true {
            if let result = state.result { return result }
            var fds = [
                pollfd(fd: prl_in_fd(), events: Int16(POLLIN), revents: 0),
                pollfd(fd: Interrupts.wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, fds[1].fd >= 0 ? 2 : 1, -1)
            if ready < 0 && errno != EINTR {
                prl_callback_handler_remove()
                return .end
            }
            if fds[1].revents != 0 { Interrupts.drainWakePipe() }
            if let signal = Interrupts.take() {
                abandonLine(showing: signal == SIGINT ? "^C" : "")
                if signal == SIGINT { return .interrupted }
                return .terminated(signal)
            }
            if ready > 0, fds[0].revents != 0 { prl_callback_read_char() }
        }
    }

    private func install(_ prompt: String) {
        prompt.withCString { text in
            prl_callback_handler_install(text) { line in
                ReadlineEditor.received(line)
            }
        }
    }

    /// Ctrl-C (or a terminating signal) while editing: forget the line, leave the terminal as it was,
    /// and move to a fresh line.
    private func abandonLine(showing mark: String) {
        ReadlineHints.clear()
        // Below what was typed, before readline leaves the terminal (which may return the cursor to
        // the start of the row).
        prl_set_point(prl_end())
        prl_redisplay()
        fputs(mark + "\n", prl_out())
        fflush(prl_out())
        prl_free_line_state()
        prl_callback_sigcleanup()
        prl_replace_line("", 0)
        prl_callback_handler_remove()
    }

    /// readline's line handler: nil at end of input.
    fileprivate static func received(_ line: UnsafeMutablePointer<CChar>?) {
        prl_callback_handler_remove()
        guard let line else {
            fputs("\n", prl_out())
            state.result = .end
            return
        }
        let bytes = Array(
            UnsafeBufferPointer(
                start: UnsafeRawPointer(line).assumingMemoryBound(to: UInt8.self), count: strlen(line)))
        free(line)
        state.result = .line(bytes)
    }
}

/// readline's callbacks are C functions: what they need lives here.
///
/// `@unchecked Sendable`: readline is single-threaded; its callbacks run on the REPL's thread,
/// the only one that touches this state.
private final class ReadlineState: @unchecked Sendable {
    var configured = false
    var result: LineEvent?
}
