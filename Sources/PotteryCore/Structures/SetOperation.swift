/// A set-algebra operation over keys of one server.
public enum SetOperation: Sendable {
    /// Members of any set (`SUNION`), of every set (`SINTER`), or of the first and none of the others (`SDIFF`).
    case union, intersection, difference
    /// Members of exactly one of two sets (Python's `^`); over two keys only.
    case symmetricDifference

    /// The Redis command of the same meaning, for messages.
    var commandName: String {
        switch self {
        case .union: "SUNION"
        case .intersection: "SINTER"
        case .difference: "SDIFF"
        case .symmetricDifference: "SDIFF"
        }
    }
}
