/// An incremental RESP2 reply parser over one reusable read buffer.
///
/// Bytes are appended at the end (`append(_:)`, or `readInto(_:)` straight from a socket) and
/// replies taken from the front with `next()`, which works in two steps:
/// 1. *framing* finds where the next value ends: `nil` if more bytes are needed, a thrown
///    `RESPParseError` if the bytes can never become a valid reply. Framing is resumable, so a
///    large reply arriving in many reads is scanned once, not once per read;
/// 2. *decoding* builds the `RESPValue` of the framed bytes, which are then consumed.
///
/// Limits (see `Limits`) bound what a hostile or broken peer can make us allocate, and are checked
/// on each header as it arrives, before anything is allocated or waited for: a reply that claims
/// more is a thrown `RESPParseError` at once, not after its bytes came.
public struct RESPParser: Sendable {
    /// Bounds on what one reply may claim. The defaults are far above any reply pottery asks for
    /// (it reads collections in windows and batches of at most a few thousand elements), so only a
    /// broken or hostile server reaches them; a library caller who reads a whole huge collection in
    /// one reply (`SMEMBERS` of 20 million members) should scan it instead (`sscan`).
    ///
    /// Memory: one reply holds at most `maxReplyBytes` in the read buffer (whose capacity may
    /// round up to twice that), and its decoded `RESPValue` at most as much again plus about
    /// 64 bytes per element: at the defaults, a few GiB in the very worst case.
    public struct Limits: Sendable {
        /// Bytes of one bulk string: 512 MiB, Redis' own `proto-max-bulk-len` default.
        public var maxBulkLength = 512 * 1024 * 1024
        /// Elements of one reply, counted over every array in it however nested: 2²⁴ (16,777,216).
        /// `*2147483647` is refused on its header, not after two billion elements.
        public var maxElements = 1 << 24
        /// Bytes of one whole reply as received: 1 GiB, like Redis' `client-query-buffer-limit`
        /// for what a client sends it (room for one bulk string at the limit and more).
        public var maxReplyBytes = 1 << 30
        /// Arrays nested in arrays.
        public var maxDepth = 64
        /// Bytes of one simple string or error line.
        public var maxLineLength = 1024 * 1024

        public init() {}
    }

    public let limits: Limits
    private let initialCapacity: Int
    /// The read buffer; its whole `count` is usable space, bytes live in `readIndex..<writeIndex`.
    private var storage: [UInt8]
    private var readIndex = 0
    private var writeIndex = 0
    /// Progress of framing the value that starts at `readIndex`.
    private var scan = ScanState()

    public init(initialCapacity: Int = 64 * 1024, limits: Limits = Limits()) {
        self.limits = limits
        self.initialCapacity = max(initialCapacity, 64)
        self.storage = Self.unfilledBuffer(self.initialCapacity)
    }

    /// Bytes received and not yet consumed as replies.
    public var bufferedByteCount: Int { writeIndex - readIndex }

    /// Current size of the read buffer (grows for large replies, shrinks back when drained).
    public var capacity: Int { storage.count }

    /// Appends received bytes.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        reserveFreeSpace(bytes.count)
        storage.withUnsafeMutableBufferPointer { buffer in
            _ = UnsafeMutableBufferPointer(rebasing: buffer[writeIndex...]).initialize(fromContentsOf: bytes)
        }
        writeIndex += bytes.count
    }

    /// Lets `body` write (e.g. `recv(2)`) into free space at the end of the buffer.
    /// `body` returns how many bytes it wrote; a result ≤ 0 writes nothing and is returned as is.
    public mutating func readInto(_ body: (UnsafeMutableRawBufferPointer) -> Int) -> Int {
        reserveFreeSpace(0)
        let start = writeIndex
        let written = storage.withUnsafeMutableBytes { raw in
            body(UnsafeMutableRawBufferPointer(rebasing: raw[start...]))
        }
        if written > 0 { writeIndex += written }
        return written
    }

    /// The next complete reply, or `nil` when more bytes are needed.
    /// After a thrown error the stream is unusable; call `reset()` before reusing the parser.
    public mutating func next() throws(RESPParseError) -> RESPValue? {
        guard readIndex < writeIndex else { return nil }
        var state = ScanState()
        swap(&state, &scan)
        let (start, end, limits) = (readIndex, writeIndex, limits)
        let result: (value: RESPValue, length: Int)? = try storage.withUnsafeBufferPointer {
            (whole) throws(RESPParseError) -> (value: RESPValue, length: Int)? in
            let bytes = UnsafeBufferPointer(rebasing: whole[start..<end])
            guard let length = try Self.frame(bytes, &state, limits) else { return nil }
            var index = 0
            let value = try Self.decode(bytes, at: &index)
            return (value, length)
        }
        swap(&state, &scan)
        guard let result else { return nil }
        readIndex += result.length
        if readIndex == writeIndex { releaseDrainedBuffer() }
        return result.value
    }

    /// What the buffered bytes say of the next reply's leading bulk string.
    public enum LeadingBulkString: Equatable, Sendable {
        /// The reply is an array whose first element is this bulk string (a SCAN-family reply's
        /// cursor), received whole; the rest of the reply may still be on its way.
        case found([UInt8])
        /// Too few bytes yet to tell.
        case incomplete
        /// Another shape (an error, a number, an empty array, a first element that is no bulk
        /// string of at most 64 bytes): only the whole reply says more.
        case otherShape
    }

    /// The next reply's leading bulk string, from its first bytes, consuming nothing: `next()`
    /// still returns (and checks) the whole reply.
    public func peekLeadingBulkString() -> LeadingBulkString {
        storage.withUnsafeBufferPointer { whole in
            let bytes = UnsafeBufferPointer(rebasing: whole[readIndex..<writeIndex])
            /// A decimal line's value and CR; `nil` with `stop` set when it is not there (yet).
            var stop = LeadingBulkString.incomplete
            func line(from index: Int) -> (Int64, Int)? {
                do {
                    if let line = try Self.decimalLine(bytes, from: index) { return line }
                    stop = .incomplete
                } catch {
                    stop = .otherShape
                }
                return nil
            }
            guard !bytes.isEmpty else { return .incomplete }
            guard bytes[0] == UInt8(ascii: "*") else { return .otherShape }
            guard let (count, cr) = line(from: 1) else { return stop }
            guard count > 0 else { return .otherShape }
            guard cr + 2 < bytes.count else { return .incomplete }
            guard bytes[cr + 2] == UInt8(ascii: "$") else { return .otherShape }
            guard let (length, lengthCR) = line(from: cr + 3) else { return stop }
            guard (0...64).contains(length) else { return .otherShape }
            let start = lengthCR + 2
            let end = start + Int(length)
            guard end + 2 <= bytes.count else { return .incomplete }
            guard bytes[end] == cr8, bytes[end + 1] == lf8 else { return .otherShape }
            return .found(Array(bytes[start..<end]))
        }
    }

    /// Drops all buffered bytes and framing progress.
    public mutating func reset() {
        readIndex = 0
        writeIndex = 0
        scan = ScanState()
        releaseDrainedBuffer()
    }

    // MARK: - Buffer management

    /// Makes room for at least `count` more bytes (and for a read of a useful size), compacting
    /// before growing. Growth doubles, capped at the size of a pending bulk string, so a peer
    /// that merely claims a huge length does not make us allocate it at once.
    private mutating func reserveFreeSpace(_ count: Int) {
        let minimumFree = max(count, 16 * 1024)
        if storage.count - writeIndex >= minimumFree { return }
        if readIndex > 0 {
            let live = writeIndex - readIndex
            let from = readIndex
            storage.withUnsafeMutableBytes { raw in
                raw.baseAddress!.copyMemory(from: raw.baseAddress! + from, byteCount: live)
            }
            readIndex = 0
            writeIndex = live
            if storage.count - writeIndex >= minimumFree { return }
        }
        var grown = storage.count * 2
        while grown - writeIndex < minimumFree { grown *= 2 }
        if scan.needed > 0 { grown = min(grown, max(scan.needed, writeIndex + minimumFree)) }
        // Only the live bytes are written: the free space is never read before `recv` fills it,
        // so its pages stay untouched (not resident) until data arrives.
        let live = writeIndex
        var larger = Self.unfilledBuffer(grown)
        larger.withUnsafeMutableBytes { target in
            storage.withUnsafeBytes { source in
                target.baseAddress!.copyMemory(from: source.baseAddress!, byteCount: live)
            }
        }
        storage = larger
    }

    private mutating func releaseDrainedBuffer() {
        readIndex = 0
        writeIndex = 0
        if storage.count > 4 * initialCapacity {
            storage = Self.unfilledBuffer(initialCapacity)
        }
    }

    /// A buffer of `count` bytes that are never read before `recv` (or a copy) writes them, so it
    /// is not filled first: its pages stay untouched (not resident) until data arrives. Filling the
    /// first 64 KiB with zeros was 16 of a one-shot command's ~345 page faults.
    private static func unfilledBuffer(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}

// MARK: - Step 1: framing

extension RESPParser {
    /// Resumable progress through one value; offsets are relative to its first byte.
    struct ScanState {
        /// Start of the next token to frame.
        var next = 0
        /// Where to resume looking for the CR of a simple string or error line.
        var lineSearch = 0
        /// Bytes the pending bulk string needs in total, counted from the value's first byte.
        var needed = 0
        /// Elements still expected by each open array, innermost last.
        var open: [Int] = []
        /// Elements claimed so far by the arrays of this value (checked against `maxElements`).
        var elements = 0
    }

    /// Returns the length of the complete value at the start of `bytes`, or `nil` if it is
    /// not complete yet (progress is kept in `state`).
    static func frame(
        _ bytes: UnsafeBufferPointer<UInt8>, _ state: inout ScanState, _ limits: Limits
    ) throws(RESPParseError) -> Int? {
        while true {
            let start = state.next
            guard start < bytes.count else { return nil }
            guard let type = RESPTypeIdentifier(rawValue: bytes[start]) else {
                throw RESPParseError("invalid type byte 0x\(hex(bytes[start])) at offset \(start)")
            }
            var tokenEnd: Int
            switch type {
            case .simpleString, .error:
                let searchFrom = max(state.lineSearch, start + 1)
                guard
                    let cr = try findCRLF(
                        bytes, lineStart: start + 1, searchFrom: searchFrom,
                        maxLength: limits.maxLineLength, resume: &state.lineSearch)
                else { return nil }
                tokenEnd = cr + 2
            case .integer:
                guard let (_, cr) = try decimalLine(bytes, from: start + 1) else { return nil }
                tokenEnd = cr + 2
            case .bulkString:
                guard let (length, cr) = try decimalLine(bytes, from: start + 1) else { return nil }
                tokenEnd = cr + 2
                if length != -1 {
                    guard length >= 0 else { throw RESPParseError("invalid bulk string length \(length)") }
                    guard length <= limits.maxBulkLength else {
                        throw RESPParseError(
                            "bulk string of \(length) bytes exceeds the limit of \(limits.maxBulkLength) bytes"
                        )
                    }
                    let total = tokenEnd + Int(length) + 2
                    try checkReplyBytes(total, limits)
                    guard total <= bytes.count else {
                        state.needed = total
                        return nil
                    }
                    guard bytes[total - 2] == cr8, bytes[total - 1] == lf8 else {
                        throw RESPParseError("bulk string not terminated by CRLF")
                    }
                    tokenEnd = total
                }
            case .array:
                guard let (count, cr) = try decimalLine(bytes, from: start + 1) else { return nil }
                tokenEnd = cr + 2
                if count > 0 {
                    guard count <= Int64(limits.maxElements - state.elements) else {
                        throw RESPParseError(
                            "array of \(count) elements exceeds the limit of \(limits.maxElements) elements in one reply"
                        )
                    }
                    state.elements += Int(count)
                    guard state.open.count < limits.maxDepth else {
                        throw RESPParseError("arrays nested deeper than \(limits.maxDepth)")
                    }
                    state.open.append(Int(count))
                    state.next = tokenEnd
                    continue
                }
                guard count == 0 || count == -1 else { throw RESPParseError("invalid array length \(count)") }
            }
            try checkReplyBytes(tokenEnd, limits)
            state.next = tokenEnd
            state.lineSearch = 0
            state.needed = 0
            // A leaf completed: close every array it completes.
            var complete = true
            while let last = state.open.last {
                if last > 1 {
                    state.open[state.open.count - 1] = last - 1
                    complete = false
                    break
                }
                state.open.removeLast()
            }
            if complete {
                state.next = 0
                state.elements = 0
                return tokenEnd
            }
        }
    }

    /// Throws when one reply reaches past `maxReplyBytes` (`end` counts from its first byte).
    /// Checked on every token, so a reply that never ends is refused once it is that large.
    private static func checkReplyBytes(_ end: Int, _ limits: Limits) throws(RESPParseError) {
        guard end > limits.maxReplyBytes else { return }
        throw RESPParseError("reply larger than the limit of \(limits.maxReplyBytes) bytes")
    }

    /// Index of the CR ending the line that starts at `lineStart`, `nil` if not received yet.
    private static func findCRLF(
        _ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, searchFrom: Int, maxLength: Int,
        resume: inout Int
    ) throws(RESPParseError) -> Int? {
        var index = searchFrom
        while index < bytes.count {
            let byte = bytes[index]
            if byte == cr8 {
                guard index + 1 < bytes.count else { break }
                guard bytes[index + 1] == lf8 else { throw RESPParseError("CR not followed by LF") }
                guard index - lineStart <= maxLength else {
                    throw RESPParseError("line longer than \(maxLength) bytes")
                }
                return index
            }
            if byte == lf8 { throw RESPParseError("LF without CR in a line") }
            index += 1
        }
        if index - lineStart > maxLength { throw RESPParseError("line longer than \(maxLength) bytes") }
        resume = index
        return nil
    }

    /// Parses `-?[0-9]+\r\n` at `from`: the value and the index of its CR, or `nil` if incomplete.
    static func decimalLine(
        _ bytes: UnsafeBufferPointer<UInt8>, from: Int
    ) throws(RESPParseError) -> (Int64, Int)? {
        var index = from
        guard index < bytes.count else { return nil }
        let negative = bytes[index] == minus8
        if negative { index += 1 }
        let digitsStart = index
        // Accumulate as a negative number so that Int64.min parses.
        var value: Int64 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == cr8 {
                guard index > digitsStart else { throw RESPParseError("missing number") }
                guard bytes[digitsStart] != zero8 || (index == digitsStart + 1 && !negative) else {
                    throw RESPParseError("number with a leading zero")
                }
                guard index + 1 < bytes.count else { return nil }
                guard bytes[index + 1] == lf8 else { throw RESPParseError("CR not followed by LF") }
                if negative { return (value, index) }
                guard value != .min else { throw RESPParseError("number out of range") }
                return (-value, index)
            }
            let digit = byte &- zero8
            guard digit < 10 else { throw RESPParseError("invalid byte 0x\(hex(byte)) in a number") }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.subtractingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { throw RESPParseError("number out of range") }
            value = next
            index += 1
        }
        return nil
    }
}

// MARK: - Step 2: decoding

extension RESPParser {
    /// Decodes the framed value at `index` and moves `index` past it.
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int
    ) throws(RESPParseError) -> RESPValue {
        guard index < bytes.count, let type = RESPTypeIdentifier(rawValue: bytes[index]) else {
            throw RESPParseError("unframed value")
        }
        switch type {
        case .simpleString, .error:
            var cr = index + 1
            while cr < bytes.count && bytes[cr] != cr8 { cr += 1 }
            guard cr < bytes.count else { throw RESPParseError("unframed value") }
            let line = Array(UnsafeBufferPointer(rebasing: bytes[(index + 1)..<cr]))
            index = cr + 2
            return type == .error ? .error(line) : .simpleString(line)
        case .integer:
            let (value, cr) = try framedDecimal(bytes, from: index + 1)
            index = cr + 2
            return .integer(value)
        case .bulkString:
            let (length, cr) = try framedDecimal(bytes, from: index + 1)
            index = cr + 2
            guard length >= 0 else { return .bulkString(nil) }
            let end = index + Int(length)
            guard end + 2 <= bytes.count else { throw RESPParseError("unframed value") }
            let data = Array(UnsafeBufferPointer(rebasing: bytes[index..<end]))
            index = end + 2
            return .bulkString(data)
        case .array:
            let (count, cr) = try framedDecimal(bytes, from: index + 1)
            index = cr + 2
            guard count >= 0 else { return .array(nil) }
            var elements: [RESPValue] = []
            elements.reserveCapacity(Int(count))
            for _ in 0..<count {
                elements.append(try decode(bytes, at: &index))
            }
            return .array(elements)
        }
    }

    private static func framedDecimal(
        _ bytes: UnsafeBufferPointer<UInt8>, from: Int
    ) throws(RESPParseError) -> (Int64, Int) {
        guard let result = try decimalLine(bytes, from: from) else { throw RESPParseError("unframed value") }
        return result
    }
}

private let cr8 = UInt8(ascii: "\r")
private let lf8 = UInt8(ascii: "\n")
private let minus8 = UInt8(ascii: "-")
private let zero8 = UInt8(ascii: "0")

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
}
