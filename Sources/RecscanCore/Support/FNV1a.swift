/// The 64-bit FNV-1a step, fed whole 64-bit words: cheap on short names and ids, where the
/// standard library's seeded hasher costs several times more.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One step over a whole 64-bit word at once (not byte by byte).
    mutating func add(word: UInt64) { value = (value ^ word) &* 0x100_0000_01b3 }

    /// One step per eight bytes, then one over the last few: a chain of a few dependent
    /// multiplies where byte by byte made one per byte. Add the length as well where a key's
    /// end matters.
    mutating func add(bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index &+ 8 <= bytes.count {
            add(word: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index &+= 8
        }
        var tail: UInt64 = 0
        while index < bytes.count {
            tail = tail << 8 | UInt64(base[index])
            index &+= 1
        }
        add(word: tail)
    }
}
