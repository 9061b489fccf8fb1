#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Buffered output to a file descriptor: bytes collect in one large buffer and go out in big
/// `write(2)` calls, never one per line. A failed write (a full disk, a closed pipe, an I/O error)
/// throws at once, so a command stops instead of reporting success over lost output; once failed,
/// every later write throws the same error. Call ``flush()`` before exiting.
final class OutputWriter {
    let fd: Int32
    private var buffer: [UInt8] = []
    private let limit: Int
    /// The errno of the write that failed, once one has.
    private(set) var failure: Int32?
    /// Where flushed bytes go instead of the descriptor (the REPL's pager), returning the errno of a
    /// failure or nil.
    var sink: ((UnsafeRawBufferPointer) -> Int32?)?
    /// Whether the descriptor was closed when pottery started (and reopened on `/dev/null`, so that
    /// no socket takes its number): whatever would be printed would go nowhere, so a verb that
    /// prints refuses to run (status 74) rather than consume data into nothing.
    let closedAtStart: Bool

    init(fd: Int32, bufferSize: Int = 1 << 16, closedAtStart: Bool = false) {
        self.fd = fd
        self.closedAtStart = closedAtStart
        self.limit = bufferSize
        buffer.reserveCapacity(bufferSize + 4096)
    }

    func write(_ bytes: some Collection<UInt8>) throws(CLIError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { try flush() }
    }

    func write(_ text: String) throws(CLIError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= limit { try flush() }
    }

    /// Appends to the buffer through a closure, for encoders that write in place.
    func append(_ body: (inout [UInt8]) -> Void) throws(CLIError) {
        body(&buffer)
        if buffer.count >= limit { try flush() }
    }

    func writeLine(_ text: String) throws(CLIError) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= limit { try flush() }
    }

    func writeLine(_ bytes: some Collection<UInt8>) throws(CLIError) {
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= limit { try flush() }
    }

    /// How many bytes were written out (or handed to the sink) so far.
    private(set) var bytesWritten = 0

    /// Writes out the buffer; throws ``CLIError`` of kind `.output` when the descriptor refuses it.
    func flush() throws(CLIError) {
        if let failure { throw .output(failure) }
        guard !buffer.isEmpty else { return }
        bytesWritten += buffer.count
        defer { buffer.removeAll(keepingCapacity: true) }
        let error: Int32? = buffer.withUnsafeBytes { raw in
            if let sink { return sink(raw) }
            return writeAll(fd, raw)
        }
        if let error {
            failure = error
            throw .output(error)
        }
    }

    /// Drops what is buffered without writing it (after a failure, or when output is abandoned).
    func discard() { buffer.removeAll(keepingCapacity: true) }

    /// Whether the descriptor is a terminal: a person reads it, so bytes from Redis are shown with
    /// their control characters escaped (``KeyDisplay``), never sent to drive the terminal.
    var isTerminal: Bool { terminal ?? (isatty(fd) == 1) }
    /// Overrides what ``isTerminal`` finds: a REPL line piped into a shell writes to a pipe.
    var terminal: Bool?

    /// A line of bytes from Redis (a key name, a type): exactly, or escaped on a terminal.
    func writeLine(shown bytes: [UInt8], terminal: Bool) throws(CLIError) {
        if terminal {
            try append { KeyDisplay.appendForTerminal(bytes[...], to: &$0) }
            try writeLine([])
        } else {
            try writeLine(bytes)
        }
    }

    /// Forgets a failure and what is buffered: the REPL's next command writes afresh.
    func reset() {
        buffer.removeAll(keepingCapacity: true)
        failure = nil
    }
}

/// Standard error: messages are written at once, and a failure to write them is ignored (there is
/// nowhere left to report it).
final class DiagnosticWriter {
    private let fd: Int32

    init(fd: Int32) { self.fd = fd }

    func writeLine(_ text: String) {
        write(text + "\n")
    }

    /// Without a newline (a line redrawn in place).
    func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { writeAll(fd, $0) }
    }
}

/// Writes all of `bytes` to `fd`, retrying after signals: the `errno` of a failure, or nil.
private func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    var offset = 0
    while offset < bytes.count {
        let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += n
    }
    return nil
}
