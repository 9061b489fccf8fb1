/// AUTH, SELECT and CLIENT SETNAME, sent pipelined right after connecting.
extension RedisConnection {
    /// The commands to send after connecting; with `clusterRouting`, the last is `CLUSTER SHARDS`
    /// (see `adoptCluster(reply:)`), whose reply is not a handshake error.
    func handshakeCommands() -> [any RedisCommand] {
        var commands: [any RedisCommand] = []
        if let password = options.password ?? url.password {
            commands.append(AUTH(user: url.user, password: password))
        }
        if url.db != 0 { commands.append(SELECT(url.db)) }
        if let name = options.clientName, !name.isEmpty { commands.append(CLIENT_SETNAME(name)) }
        if options.clusterRouting { commands.append(CLUSTER_SHARDS()) }
        return commands
    }

    /// The first failure among the handshake's replies; AUTH failures are `.authentication`.
    func handshakeError(_ commands: [any RedisCommand], _ replies: [RESPValue]) -> RedisError? {
        for (command, reply) in zip(commands, replies) {
            guard case .error(let bytes) = reply, !(command is CLUSTER_SHARDS) else { continue }
            var error = RedisError(reply: bytes, server: server, command: type(of: command).fullName)
            if command is AUTH { error.kind = .authentication }
            return error
        }
        return nil
    }
}
