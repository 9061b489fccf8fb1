#if canImport(Glibc)
    import Glibc
#endif
import CPotterySpawn

/// `cache run`'s view of a child's standard output: every byte is passed through to ``teeTo`` as it
/// arrives, and kept in ``bytes`` until more than ``limit`` bytes have come; then capturing stops
/// (``overflowed``, nothing to cache) while passing through goes on. A failed write to ``teeTo``
/// (a closed pipe: `EPIPE`, never SIGPIPE) is remembered in ``teeError`` and later output is no
/// longer passed through, but still captured.
///
/// `ChildProcess(command, standardOutput: .capture(captured.consume))`
package final class CapturedOutput {
    /// The most bytes kept.
    package let limit: Int
    /// Where output is passed through, or `nil` to capture only.
    package let teeTo: Int32?
    /// The output so far, complete unless ``overflowed``.
    package private(set) var bytes: [UInt8] = []
    /// More than ``limit`` bytes came; ``bytes`` was emptied and capturing stopped.
    package private(set) var overflowed = false
    /// How many bytes the child wrote in all.
    package private(set) var total = 0
    /// The `errno` of the first failed pass-through write.
    package private(set) var teeError: Int32?

    package init(limit: Int = Int.max, teeTo: Int32? = 1) {
        self.limit = limit
        self.teeTo = teeTo
    }

    /// Takes one chunk and answers whether the child's output still reaches pottery's reader
    /// (``ChildProcess/Output/captureWhile(_:)``'s callback: once passing through failed, the pipe is
    /// closed so the child meets the broken pipe too).
    package func take(_ chunk: ArraySlice<UInt8>) -> Bool {
        consume(chunk)
        return teeTo == nil || teeError == nil
    }

    /// Takes one chunk (``ChildProcess/Output/capture(_:)``'s callback).
    package func consume(_ chunk: ArraySlice<UInt8>) {
        total += chunk.count
        if !overflowed {
            if bytes.count + chunk.count > limit {
                overflowed = true
                bytes = []
            } else {
                bytes.append(contentsOf: chunk)
            }
        }
        if let fd = teeTo, teeError == nil {
            teeError = chunk.withUnsafeBytes { FileDescriptor.writeAll(fd, $0) }
        }
    }
}
