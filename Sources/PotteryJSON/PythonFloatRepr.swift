/// Python's `repr(float)` and the canonical text of JSON numbers.

/// Appends ±0.d₁…dₙ × 10^decpt in Python's `repr` layout: positional when the decimal exponent
/// (decpt - 1) is in -4..<16, else `d.ddde±XX`; integral positional values get `.0`.
/// `digits` are ASCII digits, the first nonzero.
func appendPythonFloat(negative: Bool, digits: Bytes, decpt: Int, into out: inout ByteWriter) {
    let n = digits.count
    if negative { out.append(.minus) }
    if decpt <= -4 || decpt > 16 {
        out.append(digits[0])
        if n > 1 {
            out.append(UInt8(ascii: "."))
            out.append(UnsafeBufferPointer(rebasing: digits[1...]))
        }
        let e = decpt - 1
        out.append(UInt8(ascii: "e"))
        out.append(e < 0 ? .minus : UInt8(ascii: "+"))
        appendExponent(abs(e), into: &out)
    } else if decpt <= 0 {
        out.append(ascii: "0.")
        for _ in 0 ..< -decpt { out.append(UInt8(ascii: "0")) }
        out.append(digits)
    } else if decpt >= n {
        out.append(digits)
        for _ in 0..<(decpt - n) { out.append(UInt8(ascii: "0")) }
        out.append(ascii: ".0")
    } else {
        out.append(UnsafeBufferPointer(rebasing: digits[..<decpt]))
        out.append(UInt8(ascii: "."))
        out.append(UnsafeBufferPointer(rebasing: digits[decpt...]))
    }
}

/// Appends a nonnegative exponent with at least two digits.
private func appendExponent(_ e: Int, into out: inout ByteWriter) {
    if e >= 100 { out.append(UInt8(truncatingIfNeeded: 0x30 + e / 100)) }
    out.append(UInt8(truncatingIfNeeded: 0x30 + e / 10 % 10))
    out.append(UInt8(truncatingIfNeeded: 0x30 + e % 10))
}

/// Appends Python's `json.dumps` text of a double: `repr`, with `NaN`, `Infinity`, `-Infinity`.
func appendPythonRepr(_ d: Double, into out: inout ByteWriter) {
    if d.isNaN { return out.append(ascii: "NaN") }
    if d.isInfinite { return out.append(ascii: d < 0 ? "-Infinity" : "Infinity") }
    if d == 0 { return out.append(ascii: d.sign == .minus ? "-0.0" : "0.0") }
    // Swift's description has the shortest round-trip digits, closest to the value (as Python's
    // repr); only the layout differs, so take its digits and exponent and lay them out again.
    var text = d.description
    text.withUTF8 { s in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buf in
            var n = 0
            var pointAt = -1
            var exponent = 0
            var i = 0
            let negative = s[0] == .minus
            if negative { i = 1 }
            while i < s.count, s[i] != UInt8(ascii: "e") {
                if s[i] == UInt8(ascii: ".") {
                    pointAt = n
                } else if n < buf.count {
                    buf[n] = s[i]
                    n += 1
                }
                i += 1
            }
            if i < s.count {
                var j = i + 1
                let expNegative = j < s.count && s[j] == .minus
                if j < s.count && (s[j] == .minus || s[j] == UInt8(ascii: "+")) { j += 1 }
                while j < s.count {
                    exponent = exponent * 10 + Int(s[j] &- 0x30)
                    j += 1
                }
                if expNegative { exponent = -exponent }
            }
            var decpt = (pointAt < 0 ? n : pointAt) + exponent
            var first = 0
            while first < n - 1 && buf[first] == UInt8(ascii: "0") {
                first += 1
                decpt -= 1
            }
            while n > first + 1 && buf[n - 1] == UInt8(ascii: "0") { n -= 1 }
            let digits = UnsafeBufferPointer(UnsafeMutableBufferPointer(rebasing: buf[first..<n]))
            appendPythonFloat(negative: negative, digits: digits, decpt: decpt, into: &out)
        }
    }
}

/// Appends the canonical text of a number token: integers as written (`-0` is `0`), floats as
/// Python's repr of the nearest double.
func appendCanonicalNumber(_ t: NumberToken, _ p: Bytes, into out: inout ByteWriter) {
    if !t.isFloat {
        if t.negative && (t.intCount != 1 || p[t.intStart] != UInt8(ascii: "0")) { out.append(.minus) }
        out.append(UnsafeBufferPointer(rebasing: p[t.intStart..<t.intEnd]))
        return
    }
    let sig = t.significantDigits(p)
    if sig.count == 0 { return out.append(ascii: t.negative ? "-0.0" : "0.0") }
    // Up to 15 significant digits in the normal range: the shortest round-trip digits of the
    // nearest double are exactly these digits (DBL_DIG = 15), so no conversion is needed.
    if sig.count <= 15 && abs(sig.decpt - 1) <= 300 && abs(t.exponent) < NumberToken.exponentCap {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buf in
            for k in 0..<sig.count { buf[k] = t.digit(p, sig.first + k) }
            let digits = UnsafeBufferPointer(UnsafeMutableBufferPointer(rebasing: buf[0..<sig.count]))
            appendPythonFloat(negative: t.negative, digits: digits, decpt: sig.decpt, into: &out)
        }
        return
    }
    appendPythonRepr(t.doubleValue(p), into: &out)
}
