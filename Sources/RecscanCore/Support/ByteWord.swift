/// Eight bytes at a time: whether any byte of a word is one that a format must treat specially,
/// and which. Marks are the high bit of each such byte; a borrow may mark bytes above the first
/// one wrongly, never a byte below it, so the lowest mark is exact.
enum ByteWord {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Marks the bytes of `word` below `limit` (at most 128).
    @inline(__always)
    static func marks(below limit: UInt8, in word: UInt64) -> UInt64 { (word &- ones &* UInt64(limit)) & ~word & highs }

    /// Marks the bytes of `word` that are `byte`.
    @inline(__always)
    static func marks(of byte: UInt8, in word: UInt64) -> UInt64 {
        let matched = word ^ (ones &* UInt64(byte))
        return (matched &- ones) & ~matched & highs
    }

    /// Whether any byte of `word` is below `limit` (at most 128).
    @inline(__always)
    static func hasByte(below limit: UInt8, in word: UInt64) -> Bool { marks(below: limit, in: word) != 0 }

    /// Whether any byte of `word` is `byte`.
    @inline(__always)
    static func has(_ byte: UInt8, in word: UInt64) -> Bool { marks(of: byte, in: word) != 0 }

    /// The index of the first byte at or after `index` in `bytes` for which `special` holds,
    /// skipping words in which `wordMayHold` says none can; `bytes.count` when there is none.
    @inline(__always)
    static func firstIndex(
        in bytes: UnsafeBufferPointer<UInt8>, from index: Int, wordMayHold: (UInt64) -> Bool,
        special: (UInt8) -> Bool
    ) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        let raw = UnsafeRawPointer(base)
        var index = index
        while index < bytes.count {
            if index + 8 <= bytes.count && !wordMayHold(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let end = min(index + 8, bytes.count)
            while index < end {
                if special(bytes[index]) { return index }
                index += 1
            }
        }
        return bytes.count
    }
}
