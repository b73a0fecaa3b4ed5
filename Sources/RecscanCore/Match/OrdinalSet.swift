/// A set of rule ordinals, one bit per rule: membership costs a shift instead of a hash, and
/// the members read back in ascending (rule) order.
struct OrdinalSet: Sequence {
    private var words: [UInt64]

    /// An empty set with room for the ordinals below `capacity`; it grows past them if needed.
    init(capacity: Int = 0) {
        words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
    }

    /// Whether `ordinal` is a member.
    func contains(_ ordinal: RuleOrdinal) -> Bool {
        let word = ordinal.position >> 6
        return word < words.count && words[word] & 1 << UInt64(ordinal.position & 63) != 0
    }

    /// Adds `ordinal`.
    mutating func insert(_ ordinal: RuleOrdinal) {
        let word = ordinal.position >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word + 1 - words.count)) }
        words[word] |= 1 << UInt64(ordinal.position & 63)
    }

    /// The members in ascending order.
    func makeIterator() -> Iterator { Iterator(words: words) }

    /// Walks the set bits word by word.
    struct Iterator: IteratorProtocol {
        let words: [UInt64]
        private var position = 0
        private var bits: UInt64 = 0

        init(words: [UInt64]) {
            self.words = words
            bits = words.first ?? 0
        }

        mutating func next() -> RuleOrdinal? {
            while bits == 0 {
                position += 1
                guard position < words.count else { return nil }
                bits = words[position]
            }
            let ordinal = position << 6 + bits.trailingZeroBitCount
            bits &= bits - 1
            return RuleOrdinal(ordinal)
        }
    }
}
