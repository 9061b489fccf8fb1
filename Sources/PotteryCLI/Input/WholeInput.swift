import PotteryProcess
#if canImport(Glibc)
    import Glibc
#endif

/// Reads a descriptor to its end into memory, with a bound: `cache run --stdin` keys on every byte.
enum WholeInput {
    /// All of `fd`'s bytes; a usage error (nothing written) past `limit` bytes.
    static func read(fd: Int32, limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = Glibc.read(fd, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR {
                    if let status = Interrupts.pendingExitStatus {
                        throw CLIError(.interrupted(status), "interrupted")
                    }
                    continue
                }
                throw CLIError(.system, "cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else {
                throw CLIError.usage("standard input is larger than --max-bytes \(limit)")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
