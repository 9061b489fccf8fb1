extension RedisCursor {
    /// The synchronous iteration form (a Swift `Sequence` cannot throw): each element as a
    /// `Result`, or the failure that ended the iteration, after which nothing more comes.
    ///
    /// ```swift
    /// for result in users.items().results {
    ///     let (name, user) = try result.get()
    /// }
    /// ```
    ///
    /// Nothing is requested ahead (no prefetch), so leaving the loop early leaves the connection in
    /// step. (`for try await` over a pooled structure is the async form.)
    public var results: RedisCursorResults<Element> { RedisCursorResults(cursor: self) }
}

/// A ``RedisCursor`` as a `Sequence` of `Result`s (see ``RedisCursor/results``).
public struct RedisCursorResults<Element>: Sequence, IteratorProtocol {
    private var cursor: RedisCursor<Element>
    private var ended = false

    init(cursor: RedisCursor<Element>) {
        self.cursor = cursor
        self.cursor.prefetch = false
    }

    public mutating func next() -> Result<Element, PotteryError>? {
        guard !ended else { return nil }
        do {
            guard let element = try cursor.next() else {
                ended = true
                return nil
            }
            return .success(element)
        } catch {
            ended = true
            return .failure(error)
        }
    }
}
