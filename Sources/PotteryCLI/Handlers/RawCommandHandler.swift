import PotteryProcess
import RedisClient

/// `pottery redis COMMAND [ARG...]`: any Redis command, sent as given (routed by its key on a
/// cluster), its reply printed as redis-cli prints it (``RedisReplyRenderer``). An error reply is an
/// error like any other: one line on stderr, status 3.
enum RawCommandHandler {
    static func run(_ context: CommandContext) throws -> ExitStatus {
        let reply = try context.connection().call(context[GeneralTable.command])
        try context.out.write(RedisReplyRenderer.render(reply, terminal: context.out.isTerminal))
        return .success
    }
}
