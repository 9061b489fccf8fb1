/// Streams items into Redis as a deep pipeline of commands, with memory bounded by a window
/// whatever the input size; the general form of "`redis-cli --pipe`".
///
/// Items are pushed one at a time with `add(_:)`. Up to `itemsPerCommand` items (or
/// `commandBytes`, by `itemBytes`) make one command, which `encode` writes straight into the
/// connection's output buffer: a variadic command (`SADD key m1 ... mN`, `HSET key f v ...`) or,
/// with `itemsPerCommand: 1`, one command per item (`XADD`, `HINCRBY`, `SMISMEMBER`). Replies come
/// back in order to `onReply`, with the items their command carried, while later commands are
/// in flight; `onReply` may throw (e.g. its output failed) to stop the pipeline.
///
/// The first error reply (or `onReply` failure) stops the pipeline: the replies still in flight
/// are read (so the connection stays in step), then the first failure is thrown, by `add` or
/// `finish`; later calls throw it again.
///
/// With `atomic`, everything is wrapped in `MULTI` ... `EXEC` (the server holds the queue, the
/// client only the window): `finish()` runs `EXEC` and checks every result; `abort()` and any
/// failure before `EXEC` send `DISCARD`, so nothing is applied. The client then keeps one integer
/// per command (for EXEC's results) besides the window.
///
/// The connection must have no unread replies when the pipeline starts and must not be used
/// by anything else until `finish()` or `abort()` returned.
public final class RedisPipeline<Item, Failure: Error> {
    public typealias Encode = (_ items: ArraySlice<Item>, _ output: inout RESPCommandEncoder) -> Void
    public typealias OnReply = (RedisPipelineReply<Item>) throws(Failure) -> Void

    private let connection: RedisConnection
    private let commandName: String
    /// The key of a command's items, for routing on a cluster.
    private let key: ((ArraySlice<Item>) -> [UInt8]?)?
    @usableFromInline let itemsPerCommand: Int
    @usableFromInline let commandBytes: Int
    @usableFromInline let itemBytes: ((Item) -> Int)?
    private let atomic: Bool
    /// Whether replies come with the items their command carried (`RedisPipelineReply.items`).
    private let deliversItems: Bool
    private let window: RedisPipelineWindow
    private let encode: Encode
    private let onReply: OnReply
    private let wrap: (RedisError) -> Failure

    /// Items waiting to make the next command.
    @usableFromInline var batch: [Item] = []
    @usableFromInline var batchBytes = 0
    /// Commands whose replies are unread, oldest first from `head`.
    private var inFlight: [InFlight] = []
    private var head = 0
    private var inFlightBytes = 0
    /// Atomic mode: how many items each queued command carried, for EXEC's results.
    private var queuedItemCounts: [Int] = []
    @usableFromInline var state = State.idle
    private var failure: Failure?
    /// After `abort()`, replies still in flight are read but not delivered.
    private var aborted = false
    /// Items handed to `add` so far.
    public var itemCount: Int { added }
    /// Commands whose replies are unread (at most `window.maxCommands` between calls, plus
    /// MULTI in atomic mode).
    public var commandsInFlight: Int { inFlight.count - head }
    /// Their encoded bytes (at most `window.maxBytes` between calls).
    public var bytesInFlight: Int { inFlightBytes }
    @usableFromInline var added = 0
    /// Commands encoded so far (without MULTI/EXEC).
    public private(set) var commandCount = 0

    @usableFromInline enum State { case idle, open, finished }

    private struct InFlight {
        enum Role { case multi, command, exec, discard }
        var role: Role
        var firstItem: Int
        var itemCount: Int
        var items: [Item]
        var bytes: Int
    }

    /// - Parameters:
    ///   - commandName: the command's name for errors (`SADD`).
    ///   - key: the key of the command for these items (asked on a cluster only): the command
    ///     goes to its node. Without, commands go to the default node, which redirects what it
    ///     does not serve (correct, but a round trip more per command).
    ///   - itemsPerCommand: most items per command; `1` for one command per item.
    ///   - commandBytes: with `itemBytes`, a command also ends once its items weigh this much.
    ///   - itemBytes: an item's approximate encoded size (e.g. `{ $0.count + 16 }`).
    ///   - atomic: wrap the stream in MULTI ... EXEC.
    ///   - deliversItems: keep each command's items until its reply, for `RedisPipelineReply.items`;
    ///     without, replies come with no items and one buffer serves every command.
    ///   - encode: writes one whole command for the items (`beginCommand(argumentCount:)` and
    ///     exactly that many arguments).
    ///   - onReply: gets every reply in order; throw to stop.
    ///   - wrap: turns the client's errors into `Failure`.
    public init(
        connection: RedisConnection, commandName: String, key: ((ArraySlice<Item>) -> [UInt8]?)? = nil,
        itemsPerCommand: Int = 1024,
        commandBytes: Int = 1 << 16, itemBytes: ((Item) -> Int)? = nil, atomic: Bool = false,
        deliversItems: Bool = true, window: RedisPipelineWindow = .init(), encode: @escaping Encode,
        onReply: @escaping OnReply, wrap: @escaping (RedisError) -> Failure
    ) {
        self.connection = connection
        self.commandName = commandName
        self.key = key
        self.itemsPerCommand = max(itemsPerCommand, 1)
        self.commandBytes = max(commandBytes, 1)
        self.itemBytes = itemBytes
        self.atomic = atomic
        self.deliversItems = deliversItems
        self.window = window
        self.encode = encode
        self.onReply = onReply
        self.wrap = wrap
        batch.reserveCapacity(min(self.itemsPerCommand, 4096))
    }

    /// Adds one item; sends a command when the batch is full and reads the replies that came.
    /// Throws the pipeline's first failure once there is one.
    /// (Inlinable, so that the caller's module specializes this per-item path.)
    @inlinable public func add(_ item: Item) throws(Failure) {
        // `.open` implies no failure: a failure always finishes the pipeline.
        if state != .open { try checkOpen() }
        batch.append(item)
        added += 1
        if let itemBytes {
            // Saturating: a silly size never traps, it just ends the command.
            let (sum, overflow) = batchBytes.addingReportingOverflow(max(itemBytes(item), 0))
            batchBytes = overflow ? Int.max : sum
        }
        if batch.count >= itemsPerCommand || batchBytes >= commandBytes { try endCommand() }
    }

    /// Sends what is left and reads every reply; with `atomic`, runs EXEC and hands its results
    /// to `onReply`. Throws the first failure (again on every later call); after success, a
    /// second call does nothing.
    public func finish() throws(Failure) {
        if state == .finished && failure == nil && !aborted { return }
        try checkOpen()
        if !batch.isEmpty { try endCommand() }
        if atomic && state == .open {
            connection.enqueue(EXEC())
            append(InFlight(role: .exec, firstItem: itemCount, itemCount: 0, items: [], bytes: 0))
        }
        state = .finished
        do throws(RedisError) {
            try connection.flush()
            while head < inFlight.count { try handle(try connection.readReply()) }
        } catch {
            record(error)
        }
        if let failure { throw failure }
    }

    /// Gives up: drops the unsent batch and reads the replies in flight without handing them to
    /// `onReply` (commands already sent are applied unless `atomic`, which DISCARDs so nothing
    /// is). Never throws (a broken connection is left unusable).
    public func abort() {
        guard state != .finished else { return }
        let started = state == .open
        state = .finished
        batch.removeAll()
        aborted = true
        if failure == nil { settle(discard: atomic && started) }
    }

    // MARK: - Internals

    @usableFromInline func checkOpen() throws(Failure) {
        if let failure { throw failure }
        switch state {
        case .open: return
        case .finished:
            throw wrap(
                RedisError(
                    kind: .connectionLost, message: "the pipeline is already finished",
                    server: connection.server,
                    command: commandName))
        case .idle: break
        }
        state = .open
        guard atomic else { return }
        connection.enqueue(MULTI())
        append(InFlight(role: .multi, firstItem: 0, itemCount: 0, items: [], bytes: 0))
    }

    @usableFromInline func endCommand() throws(Failure) {
        let bytes = connection.enqueueEncoded(route: CommandRoute(name: commandName, key: key?(batch[...]))) {
            output in
            encode(batch[...], &output)
        }
        commandCount += 1
        let first = itemCount - batch.count
        if atomic || !deliversItems {
            if atomic { queuedItemCounts.append(batch.count) }
            append(
                InFlight(role: .command, firstItem: first, itemCount: batch.count, items: [], bytes: bytes))
            batch.removeAll(keepingCapacity: true)
        } else {
            append(
                InFlight(role: .command, firstItem: first, itemCount: batch.count, items: batch, bytes: bytes)
            )
            batch = []
            batch.reserveCapacity(min(itemsPerCommand, 4096))
        }
        batchBytes = 0
        inFlightBytes += bytes
        do throws(RedisError) {
            if connection.bufferedOutputBytes >= window.flushBytes {
                try connection.flush()
                while failure == nil, let reply = try connection.readReplyIfAvailable() { try handle(reply) }
            }
            if inFlight.count - head > window.maxCommands || inFlightBytes > window.maxBytes {
                // Over the window: read down to half of it (the first read sends what is buffered),
                // so that commands keep going out in large sends rather than one per reply read.
                while failure == nil
                    && (inFlight.count - head > window.maxCommands / 2 || inFlightBytes > window.maxBytes / 2)
                {
                    try handle(try connection.readReply())
                }
            }
        } catch {
            record(error)
        }
        if let failure {
            settle(discard: atomic)
            throw failure
        }
    }

    /// After a failure or on abort: reads every reply still in flight, then DISCARDs if asked.
    private func settle(discard: Bool) {
        state = .finished
        guard connection.isUsable else { return }
        do throws(RedisError) {
            try connection.flush()
            while head < inFlight.count { try handle(try connection.readReply()) }
            if discard {
                connection.enqueue(DISCARD())
                append(InFlight(role: .discard, firstItem: itemCount, itemCount: 0, items: [], bytes: 0))
                try handle(try connection.readReply())
            }
        } catch {
            record(error)
        }
    }

    private func append(_ entry: InFlight) {
        if head > 1024 && head * 2 > inFlight.count {
            inFlight.removeFirst(head)
            head = 0
        }
        inFlight.append(entry)
    }

    /// Matches one reply with the oldest command in flight.
    private func handle(_ reply: RESPValue) throws(RedisError) {
        guard head < inFlight.count else {
            throw RedisError(
                kind: .protocolViolation, message: "a reply nobody asked for", server: connection.server,
                command: commandName)
        }
        let entry = inFlight[head]
        inFlight[head].items = []
        head += 1
        inFlightBytes -= entry.bytes
        switch entry.role {
        case .multi:
            if case .error(let bytes) = reply {
                record(RedisError(reply: bytes, server: connection.server, command: "MULTI"))
            }
        case .discard:
            break
        case .command where atomic:
            if case .error(let bytes) = reply {
                record(RedisError(reply: bytes, server: connection.server, command: commandName))
            }
        case .command:
            deliver(reply, firstItem: entry.firstItem, itemCount: entry.itemCount, items: entry.items[...])
        case .exec:
            try handleExec(reply)
        }
    }

    private func handleExec(_ reply: RESPValue) throws(RedisError) {
        switch reply {
        case .array(let results?) where results.count == queuedItemCounts.count:
            var first = 0
            for (result, count) in zip(results, queuedItemCounts) {
                deliver(result, firstItem: first, itemCount: count, items: [])
                first += count
            }
        case .error(let bytes):
            // EXECABORT after a command rejected while queuing: that one was recorded first.
            record(RedisError(reply: bytes, server: connection.server, command: "EXEC"))
        default:
            throw connection.fail(
                .protocolViolation,
                "EXEC of \(queuedItemCounts.count) commands answered with \(reply.shapeDescription)"
            ).with(command: "EXEC")
        }
    }

    private func deliver(_ reply: RESPValue, firstItem: Int, itemCount: Int, items: ArraySlice<Item>) {
        guard failure == nil, !aborted else { return }
        if case .error(let bytes) = reply {
            record(RedisError(reply: bytes, server: connection.server, command: commandName))
            return
        }
        do {
            try onReply(
                RedisPipelineReply(value: reply, firstItem: firstItem, itemCount: itemCount, items: items))
        } catch {
            failure = error
        }
    }

    private func record(_ error: RedisError) {
        if failure == nil { failure = wrap(error) }
    }
}

extension RedisPipeline where Failure == RedisError {
    /// A pipeline whose only failures are the client's.
    public convenience init(
        connection: RedisConnection, commandName: String, key: ((ArraySlice<Item>) -> [UInt8]?)? = nil,
        itemsPerCommand: Int = 1024,
        commandBytes: Int = 1 << 16, itemBytes: ((Item) -> Int)? = nil, atomic: Bool = false,
        window: RedisPipelineWindow = .init(), encode: @escaping Encode,
        onReply: @escaping OnReply = { _ in }
    ) {
        self.init(
            connection: connection, commandName: commandName, key: key, itemsPerCommand: itemsPerCommand,
            commandBytes: commandBytes, itemBytes: itemBytes, atomic: atomic, window: window, encode: encode,
            onReply: onReply, wrap: { $0 })
    }
}
