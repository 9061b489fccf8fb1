/// A streaming iteration over what a key holds: it asks Redis for one batch at a time (SCAN family)
/// and decodes only that batch, so memory stays bounded whatever the size of the key.
///
/// Like Redis' own cursors, an element may be returned more than once if the key changes meanwhile;
/// every element present throughout is returned.
///
/// With ``prefetch`` on, the next batch is requested while the caller handles this one; read to the
/// end or call ``cancel()`` then, so the connection stays in step. The `forEach` helpers do both.
public struct RedisCursor<Element> {
    private var source: any RawBatchSource
    private let decodeBatch: ([[UInt8]]) throws(PotteryError) -> [Element]
    private var buffer: [Element] = []
    private var position = 0

    init(
        source: any RawBatchSource, decodeBatch: @escaping ([[UInt8]]) throws(PotteryError) -> [Element]
    ) {
        self.source = source
        self.decodeBatch = decodeBatch
    }

    /// Whether the next batch is requested before this one is handed out (off by default).
    public var prefetch: Bool {
        get { source.prefetch }
        set { source.prefetch = newValue }
    }

    /// The next element, or nil when the iteration is complete.
    public mutating func next() throws(PotteryError) -> Element? {
        while position == buffer.count {
            guard let batch = try nextBatch() else { return nil }
            buffer = batch
            position = 0
        }
        defer { position += 1 }
        return buffer[position]
    }

    /// The rest of the current batch if one was started by ``next()``, else the next non-empty
    /// batch; nil when the iteration is complete.
    public mutating func nextBatch() throws(PotteryError) -> [Element]? {
        if position < buffer.count {
            let rest = Array(buffer[position...])
            buffer = []
            position = 0
            return rest
        }
        buffer = []
        position = 0
        while let raw = try source.nextRawBatch() {
            let batch = try decodeBatch(raw)
            if !batch.isEmpty { return batch }
        }
        return nil
    }

    /// Stops early; reads a prefetched reply so the connection stays in step.
    public mutating func cancel() {
        buffer = []
        position = 0
        source.cancel()
    }

    /// Calls `body` with every remaining batch, prefetching; cancels if `body` throws.
    public mutating func forEachBatch(_ body: ([Element]) throws(PotteryError) -> Void) throws(PotteryError) {
        prefetch = true
        do throws(PotteryError) {
            while let batch = try nextBatch() { try body(batch) }
        } catch {
            cancel()
            throw error
        }
    }

    /// Calls `body` with every remaining element, prefetching; cancels if `body` throws.
    public mutating func forEach(_ body: (Element) throws(PotteryError) -> Void) throws(PotteryError) {
        try forEachBatch { (batch) throws(PotteryError) in
            for element in batch { try body(element) }
        }
    }

    /// Every remaining element in one array. Loads everything: for small keys only.
    public mutating func collect() throws(PotteryError) -> [Element] {
        var all: [Element] = []
        try forEachBatch { (batch) throws(PotteryError) in all += batch }
        return all
    }
}
