import RedisClient

/// The async forms of ``RedisSimpleQueue``'s operations: the same commands, run on a pooled
/// connection (`RedisSimpleQueue.pooled(key:pool:)` is in `Pooled+Codecs.swift`). A task waiting in
/// ``get(timeout:)`` holds one connection, never a thread of the cooperative pool; cancelling it
/// ends the wait with ``PotteryError/Kind/cancelled`` and takes nothing. Skipped: `bulkWriter` (a
/// ``QueueWriter`` streams stored items, e.g. from stdin, through one connection for the whole
/// run), and `get`'s `onTake` callback (``takeBatch(max:)`` reports what a take passed over).
extension Pooled {
    /// Puts one item at the back (`XADD key * item enc(item)`).
    public func put<Element: Sendable>(_ element: Element) async throws(PotteryError)
    where Structure == RedisSimpleQueue<Element> {
        try await perform { (queue) throws(PotteryError) in try queue.put(element) }
    }

    /// Puts items at the back, in order, as pipelined XADDs.
    public func put<Element: Sendable>(_ elements: [Element]) async throws(PotteryError)
    where Structure == RedisSimpleQueue<Element> {
        try await perform { (queue) throws(PotteryError) in try queue.put(elements) }
    }

    /// How many items wait (XLEN), as Python's `qsize()`.
    public func size<Element: Sendable>() async throws(PotteryError) -> Int
    where Structure == RedisSimpleQueue<Element> {
        try await perform { (queue) throws(PotteryError) in try queue.size() }
    }

    /// Whether no item waits (the blocking `isEmpty` property; a method here, as a property cannot
    /// name the queue's element type).
    public func isEmpty<Element: Sendable>() async throws(PotteryError) -> Bool
    where Structure == RedisSimpleQueue<Element> {
        try await perform { (queue) throws(PotteryError) in try queue.isEmpty }
    }

    /// Removes and returns the oldest item, waiting for one: `timeout` nil waits as long as it
    /// takes, 0 not at all; nil when none came in time.
    public func get<Element: Sendable>(timeout: Double? = nil) async throws(PotteryError) -> Element?
    where Structure == RedisSimpleQueue<Element> {
        try await perform { (queue) throws(PotteryError) in try queue.get(timeout: timeout) }
    }

    /// Removes and returns the oldest item if there is one, without waiting (`get_nowait()`).
    public func getNowait<Element: Sendable>() async throws(PotteryError) -> Element?
    where Structure == RedisSimpleQueue<Element> {
        try await perform { (queue) throws(PotteryError) in try queue.getNowait() }
    }

    /// Removes and returns up to `max` of the oldest items, atomically, oldest first.
    public func take<Element: Sendable>(max: Int) async throws(PotteryError) -> [Element]
    where Structure == RedisSimpleQueue<Element> {
        try await perform { (queue) throws(PotteryError) in try queue.take(max: max) }
    }

    /// ``take(max:)``, with what the script passed over (foreign entries, the last id looked at).
    public func takeBatch<Element: Sendable>(max: Int) async throws(PotteryError) -> QueueBatch<Element>
    where Structure == RedisSimpleQueue<Element> {
        try await perform { (queue) throws(PotteryError) in try queue.takeBatch(max: max) }
    }

    /// Waits until the queue holds an entry newer than `position` (`XREAD BLOCK`), for at most
    /// `milliseconds` (0: as long as it takes); false when the time ran out. Takes nothing.
    public func waitForItems<Element: Sendable>(
        milliseconds: Int, after position: [UInt8] = Array("0-0".utf8)
    )
        async throws(PotteryError) -> Bool
    where Structure == RedisSimpleQueue<Element> {
        try await perform { (queue) throws(PotteryError) in
            try queue.waitForItems(milliseconds: milliseconds, after: position)
        }
    }
}
