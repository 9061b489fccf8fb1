/// What a ``RedisConnection``'s commands travel over once connected: one socket to one server
/// (`RedisSocket`), or a router over a Redis Cluster's masters (`ClusterRouter`), chosen after
/// the handshake by what the server said it is. The connection forwards to it; each keeps its
/// own unusable state (a failure beyond recovery closes it: every later exchange throws).
protocol RedisTransport: AnyObject {
    var url: RedisURL { get }
    var options: RedisConnectionOptions { get }
    /// The redacted address used in errors.
    var server: String { get }
    /// Why the transport is unusable, once it is.
    var unusableReason: String? { get }

    /// Replies of enqueued commands not read yet.
    var pendingReplies: Int { get }
    /// Encoded bytes not sent yet.
    var bufferedOutputBytes: Int { get }

    /// Appends one command that `build` writes whole; returns its size. `route` (where it goes
    /// on a cluster) is asked only by a router.
    func enqueueEncoded(route: () -> CommandRoute, _ build: (inout RESPCommandEncoder) -> Void) -> Int
    func flush() throws(RedisError)
    func readReply(timeout: Double?) throws(RedisError) -> RESPValue
    func readReplyIfAvailable() throws(RedisError) -> RESPValue?
    /// Waits (at most `timeout`) until the next reply's head has come and returns its leading
    /// bulk string (`RESPParser.peekLeadingBulkString()`), consuming nothing; `nil` when the
    /// reply has another shape, or when the transport cannot tell before the whole reply.
    func peekLeadingBulkString(timeout: Double?) throws(RedisError) -> [UInt8]?
    /// One command and its reply; an error reply is thrown.
    func call(_ arguments: [[UInt8]]) throws(RedisError) -> RESPValue
    func call(strings arguments: [String]) throws(RedisError) -> RESPValue

    /// Throws `.connectionLost` with the reason once unusable (dropping what was enqueued).
    func checkUsable() throws(RedisError)
    /// Whether it still works as far as can be told without a round trip (see
    /// `RedisConnection.checkAlive()`).
    func checkAlive() -> Bool
    /// Marks it unusable, closes it and returns the error to throw.
    func fail(_ kind: RedisError.Kind, _ message: String) -> RedisError
    func close()
}
