extension PEP440Version {
    /// A sort key that may lie below or above every number, like `packaging`'s infinities.
    enum Rank: Sendable {
        /// Below every value.
        case lowest
        /// A value: a small key (the pre-release phase, else 0), then an unbounded number.
        case value(Int, [UInt8])
        /// Above every value.
        case highest

        /// `.value(0, number)`, or `absent` when there is no number.
        init(_ number: [UInt8]?, absent: Rank) {
            if let number { self = .value(0, number) } else { self = absent }
        }

        /// -1, 0 or 1 as `self` sorts before, with or after `other`.
        func compare(_ other: Rank) -> Int {
            switch (self, other) {
            case (.lowest, .lowest), (.highest, .highest): return 0
            case (.lowest, _), (_, .highest): return -1
            case (_, .lowest), (.highest, _): return 1
            case let (.value(lk, ln), .value(rk, rn)):
                return lk != rk ? (lk < rk ? -1 : 1) : VersionBytes.compareNumeric(ln, rn)
            }
        }
    }

    /// A read position in the lower-cased version bytes, with the pieces of PEP 440's grammar.
    struct Cursor {
        /// The bytes being read.
        let bytes: [UInt8]
        /// The index of the next unread byte.
        var position = 0

        /// The unread bytes.
        var rest: ArraySlice<UInt8> { bytes[position...] }

        /// Whether the next byte is `byte`.
        func peek(_ byte: UInt8) -> Bool {
            position < bytes.count && bytes[position] == byte
        }

        /// Whether the byte `offset` past the next one is a digit.
        func peekDigit(at offset: Int) -> Bool {
            position + offset < bytes.count && VersionBytes.isDigit(bytes[position + offset])
        }

        /// Consumes `literal` when the unread bytes start with it.
        mutating func take(_ literal: String) -> Bool {
            let expected = Array(literal.utf8)
            guard rest.starts(with: expected) else { return false }
            position += expected.count
            return true
        }

        /// Consumes a non-empty run of digits.
        mutating func digits() -> ArraySlice<UInt8>? {
            let start = position
            while peekDigit(at: 0) { position += 1 }
            return position > start ? bytes[start..<position] : nil
        }

        /// Consumes one optional `-`, `_` or `.`.
        mutating func skipSeparator() {
            if peek(VersionBytes.hyphen) || peek(VersionBytes.underscore) || peek(VersionBytes.dot) {
                position += 1
            }
        }

        /// Consumes `[-_.]? label [-_.]? digits?` for the first label that matches, in order.
        /// - Returns: the label and its number (empty, meaning 0, when absent); `nil`, with
        ///   nothing consumed, when no label matches.
        mutating func optionalPart(labels: [String]) -> (label: [UInt8], number: [UInt8])? {
            let mark = position
            skipSeparator()
            for label in labels where take(label) {
                skipSeparator()
                return (Array(label.utf8), Array(digits() ?? []))
            }
            position = mark
            return nil
        }
    }
}
