import PotteryCore

extension RedisCursor {
    /// Streams every remaining element into `body`, which may fail for its own reasons (standard
    /// output refusing a write): the scan then stops at once and the cursor is cancelled, so the
    /// connection stays in step.
    mutating func stream(_ body: (Element) throws -> Void) throws {
        prefetch = true
        do {
            while let batch = try nextBatch() {
                for element in batch { try body(element) }
            }
        } catch {
            cancel()
            throw error
        }
    }
}
