/// Byte strings kept by a small number (a rule tag's tail by its shape, an end tag by its depth,
/// a host's shared evidence list by its index), end to end in one array. Appending one costs a
/// bounds check and a copy; an array of arrays also retained and released the one it read.
struct NumberedBytes {
    private var arena: [UInt8] = []
    /// Where each number's bytes are in `arena`; `nil` for none.
    private var spans = NumberedSlots<Range<Int>>()

    /// One more than the highest number kept (0 when none is).
    var count: Int { spans.count }

    /// Appends the bytes kept for `number` to `bytes`.
    /// - Returns: false, and appends nothing, when none are kept.
    func append(_ number: Int, to bytes: inout RenderBuffer) -> Bool {
        guard let span = spans[number] else { return false }
        arena.withUnsafeBufferPointer { bytes.append(UnsafeBufferPointer(rebasing: $0[span])) }
        return true
    }

    /// Keeps `value` for `number` (0 or more), unless bytes are kept for it already.
    mutating func keep(_ value: UnsafeBufferPointer<UInt8>, for number: Int) {
        guard number >= 0, spans[number] == nil else { return }
        spans[number] = arena.count..<arena.count + value.count
        arena.append(contentsOf: value)
    }

    /// Keeps `value` for `number`, as `keep(_:for:)` does.
    mutating func keep(_ value: [UInt8], for number: Int) {
        value.withUnsafeBufferPointer { keep($0, for: number) }
    }
}
