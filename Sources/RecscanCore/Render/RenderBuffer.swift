/// The bytes of one host's output as a format renders it on a worker, appended through a
/// pointer: an append is a capacity check and a copy, without the uniqueness check and generic
/// path of `Array.append` (which made up half the cost of rendering `report.json` a byte at a
/// time), and short runs (a key, a word) are moved eight bytes at a time instead of through a
/// call to `memcpy`. Owned by one renderer at a time (not copyable); `array` hands the result
/// over, or `makeArray` writes it in the memory of the array it returns.
struct RenderBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes appended so far.
    private(set) var count = 0
    /// Whether `start` is the buffer's own memory; false while it writes into an array's
    /// (`init(writingInto:)`), until it outgrows it.
    private var ownsMemory = true

    /// An empty buffer with room for `capacity` bytes before it grows.
    init(capacity: Int = 0) {
        self.capacity = max(capacity, 256)
        start = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    /// An empty buffer that writes into `memory` (uninitialized, and not the buffer's to free)
    /// until it needs more room, then moves to memory of its own; `finish(initialized:)` tells
    /// which.
    init(writingInto memory: UnsafeMutableBufferPointer<UInt8>) {
        if let base = memory.baseAddress, memory.count > 0 {
            start = base
            capacity = memory.count
            ownsMemory = false
        } else {
            capacity = 256
            start = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        }
    }

    deinit { if ownsMemory { start.deallocate() } }

    /// Ends a buffer made by `init(writingInto:)`: when its bytes are still in that memory,
    /// sets `initialized` to their count and returns `nil`; else returns a copy of them.
    consuming func finish(initialized: inout Int) -> [UInt8]? {
        guard ownsMemory else {
            initialized = count
            return nil
        }
        return array
    }

    /// The bytes `body` writes, in the memory of a new array with room for `capacity`: no copy
    /// at the end, as `array` makes (a host's report element is tens of kilobytes). Only when
    /// `body` writes more do the bytes move, once.
    static func makeArray(capacity: Int, _ body: (inout RenderBuffer) throws -> Void) rethrows -> [UInt8] {
        var moved: [UInt8]?
        let written = try [UInt8](unsafeUninitializedCapacity: max(capacity, 256)) { memory, initialized in
            var buffer = RenderBuffer(writingInto: memory)
            try body(&buffer)
            moved = buffer.finish(initialized: &initialized)
        }
        return moved ?? written
    }

    /// A copy of the bytes.
    var array: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// The bytes, valid during `body` only.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    /// Runs `body` with the bytes, which it may change in place.
    mutating func withMutableBytes<Result>(_ body: (UnsafeMutableBufferPointer<UInt8>) -> Result) -> Result {
        body(UnsafeMutableBufferPointer(start: start, count: count))
    }

    /// A copy of the bytes from `start` on.
    func array(from start: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: self.start + start, count: count - start))
    }

    /// Empties the buffer, keeping its memory.
    mutating func removeAll() { count = 0 }

    /// Makes room for `extra` more bytes, for the `unchecked` appends that follow.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toAtLeast: count + extra) }
    }

    /// Appends a byte; room for it was made by `reserve`.
    @inline(__always)
    mutating func unchecked(_ byte: UInt8) {
        start[count] = byte
        count += 1
    }

    /// Appends `bytes`; room for them was made by `reserve`.
    @inline(__always)
    mutating func unchecked(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        Self.copy(source, bytes.count, to: start + count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        unchecked(byte)
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        unchecked(bytes)
    }

    /// Appends the UTF-8 bytes of a literal.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// Appends bytes held in an array.
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends the UTF-8 bytes of `text` as they are.
    @inline(__always)
    mutating func append(utf8 text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { append($0) }
        if done == nil { append(Array(text.utf8)) }
    }

    /// Appends `value` in decimal.
    mutating func append(decimal value: Int) {
        guard value >= 0 && value < 10 else {
            append(utf8: String(value))
            return
        }
        append(UInt8(ascii: "0") + UInt8(value))
    }

    private mutating func grow(toAtLeast needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        moved.initialize(from: start, count: count)
        if ownsMemory { start.deallocate() }
        start = moved
        capacity = newCapacity
        ownsMemory = true
    }

    /// Copies `count` bytes; up to 16 by two overlapping loads and stores of a word (or half of
    /// one), up to 256 (a rule's start tag, a piece of evidence) sixteen at a time, longer runs
    /// by `memcpy`, whose call and size dispatch cost more than such a loop.
    @inline(__always)
    private static func copy(_ source: UnsafePointer<UInt8>, _ count: Int, to target: UnsafeMutablePointer<UInt8>) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        switch count {
        case 17...256:
            var offset = 0
            while offset < count - 16 {
                let chunk = from.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
                to.storeBytes(of: chunk, toByteOffset: offset, as: SIMD16<UInt8>.self)
                offset += 16
            }
            let last = from.loadUnaligned(fromByteOffset: count - 16, as: SIMD16<UInt8>.self)
            to.storeBytes(of: last, toByteOffset: count - 16, as: SIMD16<UInt8>.self)
        case 8...16:
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        case 4..<8:
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        case 0..<4:
            for offset in 0..<count { target[offset] = source[offset] }
        default:
            target.update(from: source, count: count)
        }
    }
}
