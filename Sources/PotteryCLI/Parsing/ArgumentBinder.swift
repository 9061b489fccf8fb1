/// Assigns positional words to a verb's arguments, left to right, each variadic argument taking what
/// the later ones leave, then converts every argument by its kind. A missing or unexpected argument is
/// reported by the name the table gives it; a bad number or (with `-j`) bad JSON is a usage error
/// before any handler runs.
enum ArgumentBinder {
    static func bind(
        _ words: [Word], rest: [Word]?, to verb: VerbSpec, context: BindingContext
    ) throws(CLIError) -> BoundValues {
        let specs = verb.arguments
        func usage(_ message: String) -> CLIError {
            .usage(message, context: context.command, help: context.command)
        }
        let fixed = specs.filter { !$0.arity.isRest }
        let minimum = fixed.reduce(0) { $0 + $1.arity.minimum }
        if words.count < minimum {
            // The first argument whose minimum the words cannot reach, filling from the left.
            var available = words.count
            for spec in fixed {
                if available < spec.arity.minimum {
                    if spec.arity.takesPairs, available == 1, let last = words.last {
                        throw usage(
                            "\(spec.name) come in pairs; \(ValueReader.quoted(last.text)) has no value")
                    }
                    throw usage("missing argument \(spec.leadingName)")
                }
                available -= spec.arity.minimum
            }
        }
        var bound = BoundValues()
        var index = 0
        for (position, spec) in specs.enumerated() {
            if spec.arity.isRest {
                if let option = spec.alternative, context.options.contains(option) {
                    guard rest?.isEmpty ?? true else {
                        throw usage("give \(spec.name) or --\(option), not both")
                    }
                    bound.values[spec.name] = try spec.convert([], context)
                    continue
                }
                guard let rest, !rest.isEmpty || spec.arity == .afterSeparator else {
                    throw usage(
                        "missing \(spec.name): give it after --"
                            + (spec.alternative.map { ", or --\($0)" } ?? ""))
                }
                bound.values[spec.name] = try spec.convert(rest, context)
                continue
            }
            let laterMinimum = specs[(position + 1)...].filter { !$0.arity.isRest }.reduce(0) {
                $0 + $1.arity.minimum
            }
            let take = Swift.min(spec.arity.maximum, Swift.max(words.count - index - laterMinimum, 0))
            let taken = Array(words[index..<(index + take)])
            index += take
            if spec.arity.takesPairs, taken.count % 2 != 0,
                !(spec.arity.acceptsStdin && taken.count == 1 && taken[0] == "-")
            {
                throw usage(
                    "\(spec.name) come in pairs; \(ValueReader.quoted(taken.last!.text)) has no value")
            }
            if spec.arity.acceptsStdin, taken.count > 1, taken.contains(where: { $0 == "-" }) {
                throw usage("'-' reads \(spec.leadingName) from standard input and stands alone")
            }
            bound.values[spec.name] = try spec.convert(taken, context)
        }
        if index < words.count {
            throw usage("unexpected argument \(ValueReader.quoted(words[index].text))")
        }
        return bound
    }
}
