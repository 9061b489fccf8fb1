/// AUTH, SELECT and CLIENT SETNAME, sent pipelined right after connecting.
extension RedisConnection {
    /// The commands to send after connecting; with `clusterRouting`, the last is `CLUSTER SHARDS`
    /// (see `adoptCluster(reply:)`), whose reply is not a handshake error.
    func handshakeCommands() -> [[[UInt8]]] {
        var commands: [[[UInt8]]] = []
        if let password = options.password ?? url.password {
            if let user = url.user, !user.isEmpty {
                commands.append([Array("AUTH".utf8), Array(user.utf8), Array(password.utf8)])
            } else {
                commands.append([Array("AUTH".utf8), Array(password.utf8)])
            }
        }
        if url.db != 0 {
            commands.append([Array("SELECT".utf8), Array(String(url.db).utf8)])
        }
        if let name = options.clientName, !name.isEmpty {
            commands.append([Array("CLIENT".utf8), Array("SETNAME".utf8), Array(name.utf8)])
        }
        if options.clusterRouting { commands.append(Self.clusterShards) }
        return commands
    }

    /// The first failure among the handshake's replies; AUTH failures are `.authentication`.
    func handshakeError(_ commands: [[[UInt8]]], _ replies: [RESPValue]) -> RedisError? {
        for (command, reply) in zip(commands, replies) {
            guard case .error(let bytes) = reply, command != Self.clusterShards else { continue }
            let name = RedisError.commandName(command)
            var error = RedisError(reply: bytes, server: server, command: name)
            if name == "AUTH" { error.kind = .authentication }
            return error
        }
        return nil
    }
}
