#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file descriptor a large chunk at a time and hands out its lines without copying them, so
/// input of any size streams in bounded memory (a single line is held whole).
final class LineReader {
    private let fd: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// 1-based number of the line last handed out.
    private(set) var lineNumber = 0

    init(fd: Int32, chunkSize: Int = 1 << 16) {
        self.fd = fd
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Calls `body` with each line, without its `\n` (and `\r\n`), until the input ends.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        while let range = try nextLineRange() {
            try buffer.withUnsafeBufferPointer { all in
                try body(UnsafeBufferPointer(rebasing: all[range]))
            }
        }
    }

    /// The next line as an owned array, or nil at the end of input (batch mode reads this way).
    func nextLine() throws -> [UInt8]? {
        guard let range = try nextLineRange() else { return nil }
        return Array(buffer[range])
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
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
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
            return
        }
    }
}
