/// A writer that streams stored values into a structure in pipelined batches, bounded in memory:
/// `add` each one, then `finish` (which applies an atomic stream), or `abort` on failure (which throws
/// an atomic stream away). Every structure's bulk writer is one, so the CLI streams `-` the same way
/// into all of them.
public protocol BulkStream: AnyObject {
    /// Adds one stored value (or one field or value of a pair), sending a batch when one is full.
    func add(_ stored: [UInt8]) throws(PotteryError)
    /// Sends what is left and reads every reply; an atomic stream is applied here (`EXEC`).
    func finish() throws(PotteryError)
    /// Gives up: an atomic stream is thrown away (`DISCARD`); what a plain stream sent stays.
    func abort()
}

extension BulkWriter: BulkStream {}
extension DequeWriter: BulkStream {}
extension QueueWriter: BulkStream {}
