import PotteryCore

extension CommandContext {
    /// Streams every value of `source` (standard input, one line at a time) into `writer`, and
    /// finishes it; on any failure (bad input with `-j`, a Redis error, Ctrl-C) the writer is aborted
    /// first, so an atomic stream writes nothing, and the error goes on.
    func stream(_ source: ValueSource, into writer: some BulkStream) throws {
        do {
            try forEachValue(source) { try writer.add($0) }
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
    }
}
