/// Plain values in memory of their own, for a reader's hot loops: an append is a capacity
/// check and a store, without `Array`'s uniqueness check and retain, and the memory does not
/// move under a pointer taken between appends' growths. One owner (not copyable).
struct GrowingList<Element: BitwiseCopyable>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// Values appended so far.
    private(set) var count = 0

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(toHold: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        if count + elements.count > capacity { grow(toHold: count + elements.count) }
        (base + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    /// The value at `position`, which must be below `count`.
    @inline(__always)
    subscript(position: Int) -> Element {
        get {
            assert(position >= 0 && position < count)
            return base[position]
        }
        set {
            assert(position >= 0 && position < count)
            base[position] = newValue
        }
    }

    /// Forgets the values, keeping the memory.
    mutating func removeAll() { count = 0 }

    /// The last `removed` values dropped.
    mutating func removeLast(_ removed: Int = 1) {
        precondition(removed <= count)
        count -= removed
    }

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = newCapacity
    }
}
