/// How one command's keys are found (the rules of `COMMAND INFO` key specs).
enum CommandKeyRule: Sendable {
    /// No keys.
    case none
    /// Keys at `first`, `first + step`, ... up to `last` (negative: counted from the end, -1
    /// being the last argument), as `COMMAND INFO`'s first key, last key and step.
    case range(first: Int, last: Int, step: Int)
    /// The argument at `at` is a key count; that many keys follow it.
    case keyCount(at: Int)
    /// `XREAD`/`XREADGROUP`: after the options, `STREAMS key... id...`: the first half.
    case streams
    /// A container command (`XGROUP`, `OBJECT`): the rule of the subcommand (argument 1),
    /// with positions relative to the subcommand.
    case subcommands([String: CommandKeyRule])

    /// The key positions in `arguments` (empty for none); `offset` shifts a subcommand's rule.
    func positions(
        in arguments: [[UInt8]], offset: Int, name: String
    ) throws(CommandKeysError) -> [Int] {
        let count = arguments.count
        switch self {
        case .none, .subcommands:
            return []
        case .range(let first, let last, let step):
            let start = first + offset
            let end = last >= 0 ? last + offset : count + last
            guard start < count, end >= start else {
                throw .malformed("wrong number of arguments for \(name)")
            }
            return Array(stride(from: start, through: min(end, count - 1), by: step))
        case .keyCount(let at):
            let index = at + offset
            guard index < count, let keys = Self.decimal(arguments[index][...]) else {
                throw .malformed("\(name): the key count is not a non-negative integer")
            }
            guard keys <= count - index - 1 else {
                throw .malformed("\(name): the key count exceeds the arguments")
            }
            return Array((index + 1)..<(index + 1 + keys))
        case .streams:
            var index = 1
            while index < count {
                switch String(decoding: arguments[index].prefix(16), as: UTF8.self).uppercased() {
                case "COUNT", "BLOCK": index += 2
                case "GROUP": index += 3
                case "NOACK": index += 1
                case "STREAMS":
                    let rest = count - index - 1
                    guard rest > 0, rest.isMultiple(of: 2) else {
                        throw .malformed("\(name): STREAMS needs as many ids as keys")
                    }
                    return Array((index + 1)...(index + rest / 2))
                default: throw .malformed("\(name): no STREAMS argument")
                }
            }
            throw .malformed("\(name): no STREAMS argument")
        }
    }

    /// A non-negative decimal that fits in `Int` (never traps).
    private static func decimal(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
