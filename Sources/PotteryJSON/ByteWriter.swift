/// An append-only byte buffer that starts on stack storage and moves to the heap only when it
/// outgrows it. Appending is a bounds check and a store: no reference counting or uniqueness
/// checks as with `Array`, which is what makes the one-pass canonicalizer fast.
struct ByteWriter {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    private var onHeap = false

    init(storage: UnsafeMutableRawBufferPointer) {
        base = storage.baseAddress!.assumingMemoryBound(to: UInt8.self)
        capacity = storage.count
    }

    /// The bytes written so far (valid until the next append).
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ a: UInt8, _ b: UInt8) {
        if count + 2 > capacity { grow(2) }
        base[count] = a
        base[count + 1] = b
        count += 2
    }

    @inline(__always)
    mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        let n = run.count
        if count + n > capacity { grow(n) }
        if n > 0 { (base + count).update(from: run.baseAddress!, count: n) }
        count += n
    }

    @inline(__always)
    mutating func append(ascii word: StaticString) {
        append(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// Drops everything after the first `newCount` bytes.
    mutating func truncate(to newCount: Int) {
        count = newCount
    }

    /// Moves to a heap buffer with room for at least `extra` more bytes.
    private mutating func grow(_ extra: Int) {
        let newCapacity = max(capacity * 2, count + extra, 256)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        if onHeap { base.deallocate() }
        base = newBase
        capacity = newCapacity
        onHeap = true
    }

    /// Frees the heap buffer, if any. The writer must not be used afterwards.
    func release() {
        if onHeap { base.deallocate() }
    }
}

/// Runs `body` with a fresh writer on `stackBytes` of stack, and returns its result; the writer's
/// heap storage, if it grew, is freed afterwards (also when `body` throws).
@inline(__always)
func withByteWriter<R, E: Error>(
    stackBytes: Int = 1024, _ body: (inout ByteWriter) throws(E) -> R
) throws(E) -> R {
    try withUnsafeTemporaryAllocation(byteCount: stackBytes, alignment: 8) { storage throws(E) -> R in
        var writer = ByteWriter(storage: storage)
        defer { writer.release() }
        return try body(&writer)
    }
}

/// Runs `body` with a fresh writer and appends what it wrote to `out`; if `body` throws, `out`
/// is left unchanged. `sizeHint` is about how much `body` will write (e.g. the input's size).
@inline(__always)
func appendWriting<R, E: Error>(
    to out: inout [UInt8], sizeHint: Int = 0, _ body: (inout ByteWriter) throws(E) -> R
) throws(E) -> R {
    if sizeHint >= directWritingThreshold && out.isEmpty {
        return try writeDirectly(to: &out, sizeHint: sizeHint, body)
    }
    return try withByteWriter { (writer: inout ByteWriter) throws(E) -> R in
        let result = try body(&writer)
        out.append(contentsOf: writer.bytes)
        return result
    }
}

/// From this many bytes on, `appendWriting` into an empty array writes in place.
let directWritingThreshold = 64 * 1024

/// `appendWriting` for a large value into an empty `out`: the writer writes straight into the
/// storage of a new array with room for `sizeHint` and some escapes, so a 200 MB value is held
/// once, not twice (writer, then copy). Room not written is never touched (no resident memory);
/// a value that outgrows it moves to the heap and is copied once, as usual.
private func writeDirectly<R, E: Error>(
    to out: inout [UInt8], sizeHint: Int, _ body: (inout ByteWriter) throws(E) -> R
) throws(E) -> R {
    var outcome: Result<R, E>?
    var spilled: [UInt8]?
    let room = sizeHint + sizeHint / 8 + 64
    let written = [UInt8](unsafeUninitializedCapacity: room) { storage, initialized in
        var writer = ByteWriter(storage: UnsafeMutableRawBufferPointer(storage))
        defer { writer.release() }
        initialized = 0
        do throws(E) {
            outcome = .success(try body(&writer))
        } catch {
            outcome = .failure(error)
            return
        }
        if writer.base == storage.baseAddress {
            initialized = writer.count
        } else {
            spilled = Array(writer.bytes)
        }
    }
    let result = try outcome!.get()
    out = spilled ?? written
    return result
}
