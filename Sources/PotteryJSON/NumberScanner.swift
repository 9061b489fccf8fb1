/// Reading JSON number tokens: Python's `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`.

/// Where the parts of one number token lie in the input.
struct NumberToken {
    var start: Int
    var end: Int
    var negative: Bool
    var intStart: Int
    var intEnd: Int
    /// Equal to `fracEnd` when there is no fraction.
    var fracStart: Int
    var fracEnd: Int
    /// The exponent's value, saturated at ±`exponentCap` (then only the full text is exact).
    var exponent: Int
    /// True when a fraction or exponent is present: Python reads it as a float.
    var isFloat: Bool

    static let exponentCap = 1_000_000
}

/// Scans the number starting at `i` (a `-` or a digit). A `.` or `e` not followed by digits
/// ends the token there, as in Python (the caller then fails on the leftover byte).
@inline(__always)
func scanNumber(_ p: Bytes, at i: Int) throws(JSONError) -> NumberToken {
    let end = p.count
    let start = i
    var i = i
    let negative = p[i] == .minus
    if negative { i += 1 }
    guard i < end && p[i].isDigit else { throw .expectedValue(at: start) }
    let intStart = i
    if p[i] == UInt8(ascii: "0") {
        i += 1
    } else {
        while i < end && p[i].isDigit { i += 1 }
    }
    let intEnd = i
    var fracStart = i
    var fracEnd = i
    var isFloat = false
    if i + 1 < end && p[i] == UInt8(ascii: ".") && p[i + 1].isDigit {
        fracStart = i + 1
        i += 2
        while i < end && p[i].isDigit { i += 1 }
        fracEnd = i
        isFloat = true
    }
    var exponent = 0
    if i < end && (p[i] | 0x20) == UInt8(ascii: "e") {
        var j = i + 1
        var expNegative = false
        if j < end && (p[j] == UInt8(ascii: "+") || p[j] == .minus) {
            expNegative = p[j] == .minus
            j += 1
        }
        if j < end && p[j].isDigit {
            while j < end && p[j].isDigit {
                if exponent < NumberToken.exponentCap { exponent = exponent * 10 + Int(p[j] &- 0x30) }
                j += 1
            }
            exponent = min(exponent, NumberToken.exponentCap)
            if expNegative { exponent = -exponent }
            i = j
            isFloat = true
        }
    }
    if !isFloat && intEnd - intStart > JSONLimits.maxIntegerDigits { throw .integerTooLong(at: start) }
    return NumberToken(
        start: start, end: i, negative: negative, intStart: intStart, intEnd: intEnd,
        fracStart: fracStart, fracEnd: fracEnd, exponent: exponent, isFloat: isFloat)
}

/// The significant digits of a float token: value = ±0.d₁…dₙ × 10^decpt.
struct SignificantDigits {
    /// Index into the virtual digit string (integer digits then fraction digits); first nonzero.
    var first: Int
    /// One past the last nonzero digit; `first == last` for zero.
    var last: Int
    var decpt: Int

    var count: Int { last - first }
}

extension NumberToken {
    var intCount: Int { intEnd - intStart }

    /// The k-th digit of the integer digits followed by the fraction digits (ASCII).
    @inline(__always)
    func digit(_ p: Bytes, _ k: Int) -> UInt8 {
        k < intCount ? p[intStart + k] : p[fracStart + k - intCount]
    }

    func significantDigits(_ p: Bytes) -> SignificantDigits {
        let total = intCount + (fracEnd - fracStart)
        var first = 0
        while first < total && digit(p, first) == UInt8(ascii: "0") { first += 1 }
        if first == total { return SignificantDigits(first: 0, last: 0, decpt: 0) }
        var last = total
        while digit(p, last - 1) == UInt8(ascii: "0") { last -= 1 }
        return SignificantDigits(first: first, last: last, decpt: intCount + exponent - first)
    }

    /// The token's text as a Swift string (only used off the fast paths).
    func text(_ p: Bytes) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
    }

    /// The double nearest to the token (correctly rounded, as Python's `float()`).
    func doubleValue(_ p: Bytes) -> Double {
        let sig = significantDigits(p)
        if sig.count == 0 { return negative ? -0.0 : 0.0 }
        if sig.count <= 15 && abs(exponent) < NumberToken.exponentCap {
            // Clinger's fast path: the mantissa and a power of ten up to 1e22 are exact doubles,
            // so one IEEE multiplication or division rounds correctly.
            var w: UInt64 = 0
            for k in sig.first..<sig.last { w = w * 10 + UInt64(digit(p, k) &- 0x30) }
            let e10 = sig.decpt - sig.count
            if e10 >= 0 && e10 <= 22 {
                let v = Double(w) * exactPowersOfTen[e10]
                return negative ? -v : v
            }
            if e10 < 0 && e10 >= -22 {
                let v = Double(w) / exactPowersOfTen[-e10]
                return negative ? -v : v
            }
        }
        return Double(text(p)) ?? .nan  // the stdlib reads every JSON number; nil is unreachable
    }
}

/// 1e0...1e22: the powers of ten that are exact doubles.
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]
