/// Which arguments of a command are keys, for routing it to the node that serves them.
///
/// A small table of the commands pottery sends, each with the rule `COMMAND INFO` gives for its
/// keys: a range (`first`, `last` counted from the end when negative, `step`), a key count
/// argument (`EVAL script numkeys key...`), the keys after `STREAMS` (`XREAD`, `XREADGROUP`) or a
/// subcommand's own rule (`XGROUP CREATE key`, `OBJECT ENCODING key`). Names are matched without
/// regard to case, as the server does.
public enum CommandKeys {
    /// The positions (in `arguments`, where 0 is the command name) of the command's keys, in
    /// order; `nil` for a command without keys (PING, SCAN, SCRIPT, `EVAL s 0`, ...), which any
    /// node can run. Throws for a command not in the table and for arguments too few for the
    /// keys the command must have (the server would reject those anyway).
    public static func positions(in arguments: [[UInt8]]) throws(CommandKeysError) -> [Int]? {
        guard arguments.count > 0 else { throw .malformed("empty command") }
        let first = arguments[0]
        let name = uppercased(first)
        guard var rule = table[name] else { throw .unknownCommand(printable(first)) }
        var offset = 0
        if case .subcommands(let rules) = rule {
            guard arguments.count > 1 else { throw .malformed("\(name) needs a subcommand") }
            let subcommand = uppercased(arguments[1])
            guard let subrule = rules[subcommand] else {
                throw .unknownCommand(name + " " + printable(arguments[1]))
            }
            rule = subrule
            offset = 1
        }
        let found = try rule.positions(in: arguments, offset: offset, name: name)
        return found.isEmpty ? nil : found
    }

    /// The keys of the command (see `positions(in:)`).
    public static func keys(in arguments: [[UInt8]]) throws(CommandKeysError) -> [[UInt8]]? {
        try positions(in: arguments).map { $0.map { arguments[$0] } }
    }

    /// Where the command must run: `.anyNode` without keys, `.slot(n)` when every key hashes to
    /// slot `n`, `.crossSlot` when its keys are in different slots (which a cluster rejects).
    public static func slot(of arguments: [[UInt8]]) throws(CommandKeysError) -> CommandSlot {
        guard let positions = try positions(in: arguments) else { return .anyNode }
        let slot = ClusterSlot.of(arguments[positions[0]])
        for position in positions.dropFirst() where ClusterSlot.of(arguments[position]) != slot {
            return .crossSlot
        }
        return .slot(slot)
    }

    /// The upper-case names of every command the table knows.
    public static var commandNames: [String] { table.keys.sorted() }

    /// `true` when the table knows `name` (any case).
    public static func knows(_ name: String) -> Bool {
        table[name.uppercased()] != nil
    }

    static func uppercased(_ bytes: some Collection<UInt8>) -> String {
        guard bytes.count <= 64 else { return "" }
        return String(decoding: bytes.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    private static func printable(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes.prefix(64), as: UTF8.self)
    }
}

/// Where a command must run in a cluster.
public enum CommandSlot: Equatable, Sendable {
    /// No keys: any node.
    case anyNode
    /// Every key is in this slot.
    case slot(Int)
    /// Keys in different slots: no single node can run it.
    case crossSlot
}

/// Why a command's keys cannot be found.
public enum CommandKeysError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The command (or subcommand) is not in the table.
    case unknownCommand(String)
    /// Too few arguments, or a key count that is not a number or exceeds the arguments.
    case malformed(String)

    public var description: String {
        switch self {
        case .unknownCommand(let name): "no key rule for command \(name)"
        case .malformed(let why): why
        }
    }
}
