#if canImport(Glibc)
    import Glibc
#endif

/// The size of the terminal a descriptor writes to.
enum Terminal {
    /// Rows and columns, or nil when `fd` is no terminal or says no size.
    static func size(of fd: Int32) -> (rows: Int, columns: Int)? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_row), Int(size.ws_col))
    }

    /// Its width in columns (80 when it says none).
    static func columns(of fd: Int32) -> Int { size(of: fd)?.columns ?? 80 }
}
