import PotteryProcess
import PotteryCore

/// `pottery nextid ...`: ids shared with Python pottery's `NextID` at `nextid:KEY` on the masters.
enum NextIdHandlers {
    static func ids(_ context: CommandContext) -> NextId {
        NextId(keyBytes: context[NextIdTable.key], masters: context.masters, masterCount: context.masterCount)
    }

    static func next(_ context: CommandContext) throws -> ExitStatus {
        let range = try ids(context).next(count: context[NextIdTable.count] ?? 1)
        for id in range { try context.printer.printInteger(id) }
        return .success
    }

    static func current(_ context: CommandContext) throws -> ExitStatus {
        try context.printer.printInteger(try ids(context).current())
        return .success
    }

    static func reset(_ context: CommandContext) throws -> ExitStatus {
        try ids(context).reset()
        return .success
    }
}
