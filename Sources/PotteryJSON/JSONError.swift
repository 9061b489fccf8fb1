/// Why a text is not JSON: a short message and the byte offset where reading stopped.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, e.g. "expected ',' or ']'".
    public var message: String
    /// Byte offset into the input.
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// E.g. "expected ',' or ']' at byte 7".
    public var description: String { "\(message) at byte \(offset)" }
}

extension JSONError {
    static func expectedValue(at offset: Int) -> JSONError {
        JSONError(message: "expected value", offset: offset)
    }
    static func expectedArrayDelimiter(at offset: Int) -> JSONError {
        JSONError(message: "expected ',' or ']'", offset: offset)
    }
    static func expectedObjectDelimiter(at offset: Int) -> JSONError {
        JSONError(message: "expected ',' or '}'", offset: offset)
    }
    static func expectedKey(at offset: Int) -> JSONError {
        JSONError(message: "expected object key in double quotes", offset: offset)
    }
    static func expectedColon(at offset: Int) -> JSONError {
        JSONError(message: "expected ':'", offset: offset)
    }
    static func extraData(at offset: Int) -> JSONError {
        JSONError(message: "extra data after JSON value", offset: offset)
    }
    static func unterminatedString(at offset: Int) -> JSONError {
        JSONError(message: "unterminated string", offset: offset)
    }
    static func controlCharacter(at offset: Int) -> JSONError {
        JSONError(message: "invalid control character in string", offset: offset)
    }
    static func invalidEscape(at offset: Int) -> JSONError {
        JSONError(message: "invalid escape", offset: offset)
    }
    static func invalidUnicodeEscape(at offset: Int) -> JSONError {
        JSONError(message: "invalid \\uXXXX escape", offset: offset)
    }
    static func invalidUTF8(at offset: Int) -> JSONError {
        JSONError(message: "invalid UTF-8", offset: offset)
    }
    static func integerTooLong(at offset: Int) -> JSONError {
        JSONError(message: "integer has more than \(JSONLimits.maxIntegerDigits) digits", offset: offset)
    }
    static func tooDeep(at offset: Int) -> JSONError {
        JSONError(message: "nesting deeper than \(JSONLimits.maxDepth)", offset: offset)
    }
}

/// Limits shared by the parser and the canonicalizer.
enum JSONLimits {
    /// Deepest nesting of arrays and objects accepted: 995, Python 3.11's own limit.
    ///
    /// Measured with Python 3.11.7 run as a CLI would run it, `python3 -c` with
    /// `json.dumps(json.loads(text), sort_keys=True)` at module level (default recursion limit
    /// 1000): 995 nested arrays, objects or any mixture of them succeed; at 996 `json.loads`
    /// raises RecursionError (the text is then "not JSON" for us). `json.dumps` of a
    /// 995-deep value succeeds and of a 996-deep one raises too, so loads and dumps agree and a
    /// scalar at the bottom does not count. Python's limit counts interpreter frames, so it is
    /// lower when called deeper inside a program; the CLI's view is the one we store by.
    static let maxDepth = 995
    /// Python 3.11's `sys.get_int_max_str_digits()` default: `int()` of a longer text raises.
    static let maxIntegerDigits = 4300
}
