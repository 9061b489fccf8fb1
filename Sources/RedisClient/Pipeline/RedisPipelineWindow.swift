/// How much a `RedisPipeline` keeps in flight: commands sent (or encoded) whose replies are not
/// read yet. Deep enough that the server never waits for us, small enough that memory stays
/// bounded whatever the input size.
public struct RedisPipelineWindow: Sendable {
    /// Most commands whose replies are unread; at the limit, the pipeline waits for a reply.
    public var maxCommands: Int
    /// Most encoded bytes of those commands.
    public var maxBytes: Int
    /// Encoded bytes that trigger a send (replies that arrived are drained right after).
    public var flushBytes: Int

    public init(maxCommands: Int = 8192, maxBytes: Int = 8 << 20, flushBytes: Int = 32 << 10) {
        self.maxCommands = max(maxCommands, 1)
        self.maxBytes = max(maxBytes, 1)
        self.flushBytes = max(flushBytes, 1)
    }
}
