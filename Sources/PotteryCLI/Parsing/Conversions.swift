/// The conversions from words to typed values that arguments and options share. Each one checks
/// its input completely and throws a usage error naming what was wrong; none can trap.
enum Conversions {
    /// The longest duration taken: 10^15 s, about 31 million years, far below where milliseconds
    /// overflow a 64-bit integer even after Redis adds the current time.
    static let maximumSeconds = 1e15

    /// A value in stored (canonical JSON) form, read in the value mode in force.
    static func storedValue(_ word: Word, what: String, context: BindingContext) throws(CLIError)
        -> [UInt8]
    {
        try ValueReader.argument(word.bytes, mode: context.mode, what: what)
    }

    static func integer(_ word: Word, what: String, in range: ClosedRange<Int>) throws(CLIError) -> Int {
        switch NumberSyntax.integer(word.text) {
        case .value(let value) where range.contains(value):
            return value
        case .value, .outOfRange:
            throw .usage("\(what) must be \(describe(range)), not \(ValueReader.quoted(word.text))")
        case .notAnInteger:
            throw .usage("\(what) must be a whole number, not \(ValueReader.quoted(word.text))")
        }
    }

    /// Seconds, fractions allowed, that come to at least one millisecond.
    static func duration(_ word: Word, what: String) throws(CLIError) -> Milliseconds {
        guard let seconds = NumberSyntax.decimal(word.text) else {
            throw .usage("\(what) must be a number of seconds, not \(ValueReader.quoted(word.text))")
        }
        return try duration(seconds: seconds, what: what)
    }

    static func duration(seconds: Double, what: String) throws(CLIError) -> Milliseconds {
        guard seconds <= maximumSeconds else {
            throw .usage("\(what) must be at most 1e15 seconds, not \(seconds)")
        }
        let milliseconds = (seconds * 1000).rounded()
        guard milliseconds >= 1 else {
            throw .usage("\(what) must be at least 0.001 seconds (one millisecond), not \(seconds)")
        }
        return Milliseconds(count: Int(milliseconds))
    }

    /// A timeout: a positive number of seconds, to the millisecond. `what` and `needs` word the
    /// message (`--timeout takes a positive number of seconds, not 'x'`, `POTTERY_TIMEOUT must be ...`).
    static func positiveSeconds(_ text: String, what: String, needs: String) throws(CLIError) -> Double {
        guard let seconds = NumberSyntax.decimal(text), seconds > 0 else {
            throw .usage("\(what) \(needs) a positive number of seconds, not \(ValueReader.quoted(text))")
        }
        return try duration(seconds: seconds, what: what).seconds
    }

    /// A number of seconds that may also be zero (a wait of none).
    static func wait(_ word: Word, what: String) throws(CLIError) -> Milliseconds {
        guard let seconds = NumberSyntax.decimal(word.text), seconds >= 0 else {
            throw .usage("\(what) must be a number of seconds, not \(ValueReader.quoted(word.text))")
        }
        if seconds == 0 { return Milliseconds(count: 0) }
        return try duration(seconds: seconds, what: what)
    }

    /// A number strictly between `lower` and `upper` (an error rate).
    static func fraction(_ word: Word, what: String, above lower: Double, below upper: Double)
        throws(CLIError)
        -> Double
    {
        guard let value = NumberSyntax.decimal(word.text), value > lower, value < upper else {
            throw .usage(
                "\(what) must be a number above \(lower) and below \(upper), not \(ValueReader.quoted(word.text))"
            )
        }
        return value
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        switch (range.lowerBound, range.upperBound) {
        case (Int.min, Int.max): return "a whole number from \(Int.min) to \(Int.max)"
        case (let low, Int.max): return "a whole number of at least \(low)"
        case (Int.min, let high): return "a whole number of at most \(high)"
        case (let low, let high): return "a whole number from \(low) to \(high)"
        }
    }
}
