/// A last-in first-out stack of plain values that starts on caller-provided (stack) storage and
/// moves to the heap only when it outgrows it: the explicit stack that keeps the readers from
/// recursing once per nesting level.
struct SpillStack<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int
    private var onHeap = false

    init(storage: UnsafeMutableBufferPointer<Element>) {
        base = storage.baseAddress!
        capacity = storage.count
    }

    var isEmpty: Bool { count == 0 }

    /// The element pushed last. The stack must not be empty.
    var top: Element {
        get { base[count - 1] }
        set { base[count - 1] = newValue }
    }

    @inline(__always)
    mutating func push(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Removes and returns the top element. The stack must not be empty.
    @inline(__always)
    @discardableResult
    mutating func pop() -> Element {
        count -= 1
        return base[count]
    }

    private mutating func grow() {
        let newCapacity = max(capacity * 2, 16)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        if onHeap { base.deallocate() }
        base = newBase
        capacity = newCapacity
        onHeap = true
    }

    /// Frees the heap buffer, if any. The stack must not be used afterwards.
    func release() {
        if onHeap { base.deallocate() }
    }
}

/// Runs `body` with an empty stack with room for `capacity` elements on the call stack; its heap
/// storage, if it grew, is freed afterwards (also when `body` throws).
@inline(__always)
func withSpillStack<Element: BitwiseCopyable, R, E: Error>(
    of _: Element.Type, capacity: Int, _ body: (inout SpillStack<Element>) throws(E) -> R
) throws(E) -> R {
    try withUnsafeTemporaryAllocation(of: Element.self, capacity: capacity) { storage throws(E) -> R in
        var stack = SpillStack(storage: storage)
        defer { stack.release() }
        return try body(&stack)
    }
}
