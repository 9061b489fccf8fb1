/// Assigns positional words to a verb's argument specs, left to right, each variadic argument taking
/// what the later ones leave; reports a missing or unexpected argument by name.
enum ArgumentBinder {
    static func bind(_ words: [String], to specs: [ArgumentSpec], context: String) throws(CLIError)
        -> BoundArguments
    {
        var bound = BoundArguments()
        var index = 0
        for (position, spec) in specs.enumerated() {
            let laterMinimum = specs[(position + 1)...].reduce(0) { $0 + minimum($1.arity) }
            let available = words.count - index - laterMinimum
            let take = Swift.min(maximum(spec.arity), Swift.max(available, 0))
            if take < minimum(spec.arity) {
                throw .usage(
                    "missing argument \(spec.name) (see 'pottery \(context) --help')", context: context)
            }
            let taken = Array(words[index..<(index + take)])
            index += take
            if spec.arity == .pairs, taken.count % 2 != 0 {
                throw .usage("\(spec.name) come in pairs; the last one has no value", context: context)
            }
            if spec.arity == .valuesOrStdin, taken.count > 1, taken.contains("-") {
                throw .usage("'-' reads \(spec.name) from standard input and stands alone", context: context)
            }
            if !taken.isEmpty { bound.values[spec.name] = taken }
        }
        if index < words.count {
            throw .usage(
                "unexpected argument '\(words[index])' (see 'pottery \(context) --help')", context: context)
        }
        return bound
    }

    private static func minimum(_ arity: Arity) -> Int {
        switch arity {
        case .one, .oneOrMore, .valuesOrStdin: return 1
        case .optional, .zeroOrMore: return 0
        case .pairs: return 2
        }
    }

    private static func maximum(_ arity: Arity) -> Int {
        switch arity {
        case .one, .optional: return 1
        case .oneOrMore, .zeroOrMore, .valuesOrStdin, .pairs: return Int.max
        }
    }
}
