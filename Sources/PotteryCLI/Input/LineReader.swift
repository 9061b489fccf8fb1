import PotteryProcess
#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file descriptor a large chunk at a time and hands out its lines without copying them, so
/// input of any size streams in bounded memory (a single line is held whole).
final class LineReader {
    private let fd: Int32
    private let chunkSize: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// 1-based number of the line last handed out.
    private(set) var lineNumber = 0
    /// Told after each chunk read: its size, and the number of the line last handed out.
    var onChunk: ((Int, Int) -> Void)?

    init(fd: Int32, chunkSize: Int = 1 << 16) {
        self.fd = fd
        self.chunkSize = chunkSize
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Calls `body` with each line, without its `\n` (and `\r\n`), until the input ends.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        while try withNextLine(body) != nil {}
    }

    /// Calls `body` with the next line and returns what it returned; `nil` at the end of input.
    /// A line that made the buffer grow is let go before returning, so what `body` made of a
    /// huge line (its stored form) can be sent while the line itself no longer takes memory.
    func withNextLine<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R? {
        guard let range = try nextLineRange() else { return nil }
        let result = try buffer.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[range]))
        }
        shrinkAfterLargeLine()
        return result
    }

    /// The next line as an owned array, or nil at the end of input (batch mode reads this way).
    func nextLine() throws -> [UInt8]? {
        try withNextLine { Array($0) }
    }

    /// Back to one chunk once a line larger than a few chunks has been handed out (the unread
    /// input is kept).
    private func shrinkAfterLargeLine() {
        let unread = end - start
        guard buffer.count > 4 * chunkSize, unread <= chunkSize else { return }
        var smaller = [UInt8](repeating: 0, count: chunkSize)
        smaller.withUnsafeMutableBufferPointer { target in
            buffer.withUnsafeBufferPointer { source in
                _ = memcpy(target.baseAddress!, source.baseAddress! + start, unread)
            }
        }
        buffer = smaller
        start = 0
        end = unread
    }

    private func nextLineRange() throws -> Range<Int>? {
        var scanFrom = start
        while true {
            if let newline = buffer[scanFrom..<end].firstIndex(of: 0x0A) {
                lineNumber += 1
                let lineStart = start
                start = newline + 1
                var lineEnd = newline
                if lineEnd > lineStart, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                return lineStart..<lineEnd
            }
            if atEOF {
                guard start < end else { return nil }
                lineNumber += 1
                let line = start..<end
                start = end
                return line
            }
            scanFrom = end - start
            try refill()
        }
    }

    /// Moves the unread tail to the front, grows the buffer if one line fills it, and reads more.
    private func refill() throws {
        if start > 0 {
            let tail = end - start
            if tail > 0 {
                buffer.withUnsafeMutableBufferPointer { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + start, tail)
                }
            }
            start = 0
            end = tail
        }
        if end == buffer.count { grow() }
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { raw in
                read(fd, raw.baseAddress! + end, raw.count - end)
            }
            if n < 0 {
                if errno == EINTR {
                    // A signal whose handler pottery installed ends the read, as its default would.
                    if let status = Interrupts.pendingExitStatus {
                        throw CLIError(.interrupted(status), "interrupted")
                    }
                    continue
                }
                throw CLIError(.system, "cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if n == 0 { atEOF = true } else { end += n }
            onChunk?(n, lineNumber)
            return
        }
    }

    /// Doubles the buffer (one line fills it). Only the bytes held are copied: the new space is
    /// never read before `read(2)` fills it, so its pages take no memory until input arrives and
    /// a 200 MB line holds about 200 MB, not the 256 MB of the doubled buffer.
    private func grow() {
        let held = end
        let grown = buffer.count * 2
        buffer = buffer.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: grown) { target, initialized in
                _ = memcpy(target.baseAddress!, source.baseAddress!, held)
                initialized = grown
            }
        }
    }
}
