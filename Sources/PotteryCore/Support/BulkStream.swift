/// A writer that streams stored values into a structure in pipelined batches, bounded in memory:
/// `add` each one, then `finish` (which applies an atomic stream), or `abort` on failure (which throws
/// an atomic stream away). Every structure's bulk writer is one, so the CLI streams `-` the same way
/// into all of them.
public protocol BulkStream: AnyObject {
    func add(_ stored: [UInt8]) throws(PotteryError)
    func finish() throws(PotteryError)
    func abort()
}

extension BulkWriter: BulkStream {}
extension DequeWriter: BulkStream {}
extension QueueWriter: BulkStream {}
