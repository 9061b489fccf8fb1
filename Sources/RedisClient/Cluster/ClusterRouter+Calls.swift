/// One-shot calls on a cluster, including the commands that concern every master or whose keys
/// may span slots.
extension ClusterRouter {
    /// Sends one command and returns its reply; an error reply is thrown. By name:
    /// - `DBSIZE`: the sum over every master;
    /// - `FLUSHALL`, `FLUSHDB`, `SCRIPT LOAD`, `SCRIPT FLUSH`: run on every master (the first
    ///   master's reply is returned, the first error thrown);
    /// - `DEL`, `UNLINK`, `EXISTS`, `TOUCH` with keys in several slots: one command per slot, the
    ///   counts added (not atomic as a whole);
    /// - anything else goes where its keys are.
    func dispatch(_ arguments: [[UInt8]]) throws(RedisError) -> RESPValue {
        let name = arguments.first.map { CommandKeys.uppercased($0) } ?? ""
        switch name {
        case "DBSIZE":
            var total: Int64 = 0
            for reply in try everyMaster(arguments) {
                guard case .integer(let count) = reply else {
                    throw RedisError(
                        kind: .protocolViolation, message: "DBSIZE answered \(reply.shapeDescription)",
                        server: server, command: name)
                }
                total &+= count
            }
            return .integer(total)
        case "FLUSHALL", "FLUSHDB":
            return try everyMaster(arguments).first ?? .simpleString(Array("OK".utf8))
        case "SCRIPT"
        where arguments.count > 1 && ["LOAD", "FLUSH"].contains(CommandKeys.uppercased(arguments[1])):
            return try everyMaster(arguments).first ?? .simpleString(Array("OK".utf8))
        case "DEL", "UNLINK", "EXISTS", "TOUCH":
            if arguments.count > 2, case .crossSlot = try? CommandKeys.slot(of: arguments) {
                return try countBySlot(arguments)
            }
        default:
            break
        }
        return try single(arguments)
    }

    /// The node connection that serves `arguments`' keys (the default node for none); for
    /// sending one command to it directly, e.g. in a fan-out over several servers. A failover of
    /// that node is waited out, as for any other command (see `connectionWaitingOutFailover`).
    func connection(for arguments: [[UInt8]]) throws(RedisError) -> RedisConnection {
        RedisConnection(transport: try connectionWaitingOutFailover(slot: Self.slot(of: arguments)))
    }

    /// A connection to every master, in slot order.
    func masterConnections() throws(RedisError) -> [RedisConnection] {
        var connections: [RedisConnection] = []
        for index in state.masters {
            connections.append(RedisConnection(transport: try connection(to: index)))
        }
        return connections
    }

    private func single(_ arguments: [[UInt8]]) throws(RedisError) -> RESPValue {
        var encoder = RESPCommandEncoder(reservingCapacity: 64)
        encoder.append(arguments)
        state.enqueue(encoder.buffer, route: CommandRoute(arguments: arguments))
        let reply = try nextReply(timeout: options.timeout)
        if case .error(let bytes) = reply {
            throw RedisError(reply: bytes, server: server, command: RedisError.commandName(arguments))
        }
        return reply
    }

    /// The command run on every master, one after the other.
    private func everyMaster(_ arguments: [[UInt8]]) throws(RedisError) -> [RESPValue] {
        var replies: [RESPValue] = []
        for connection in try masterConnections() { replies.append(try connection.call(arguments)) }
        return replies
    }

    /// `DEL k1 k2 ...` as one command per slot, pipelined; the integer replies added.
    private func countBySlot(_ arguments: [[UInt8]]) throws(RedisError) -> RESPValue {
        var groups: [Int: [[UInt8]]] = [:]
        var order: [Int] = []
        for key in arguments.dropFirst() {
            let slot = ClusterSlot.of(key)
            if groups[slot] == nil { order.append(slot) }
            groups[slot, default: []].append(key)
        }
        for slot in order {
            var encoder = RESPCommandEncoder(reservingCapacity: 64)
            encoder.append([arguments[0]] + groups[slot]!)
            state.enqueue(encoder.buffer, route: CommandRoute(slot: slot))
        }
        var total: Int64 = 0
        var failure: RedisError?
        for _ in order {
            switch try nextReply(timeout: options.timeout) {
            case .integer(let count): total &+= count
            case .error(let bytes):
                if failure == nil {
                    failure = RedisError(
                        reply: bytes, server: server, command: RedisError.commandName(arguments))
                }
            case let other:
                if failure == nil {
                    failure = RedisError(
                        kind: .protocolViolation,
                        message: "expected an integer, got \(other.shapeDescription)",
                        server: server, command: RedisError.commandName(arguments))
                }
            }
        }
        if let failure { throw failure }
        return .integer(total)
    }
}
