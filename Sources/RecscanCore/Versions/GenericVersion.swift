/// A version of no particular scheme: dotted numbers and letters, such as `10.0.19041.1` or `1.0.2k`.
///
/// The string splits into maximal runs of ASCII digits and of ASCII letters; every other
/// character only separates runs (so `1.0-1`, `1.0.1` and `1_0_1` are equal). Runs compare
/// left to right, a missing run counting as 0:
/// - numbers compare numerically, whatever their length (`1.01` equals `1.1`);
/// - letter runs compare case-insensitively in ASCII order;
/// - a letter run sorts after zero (or a missing run) and before any positive number, so
///   `1.0 < 1.0a < 1.0b < 1.0.1`: a letter suffix is a later release of the same number.
///
/// Missing trailing zero runs are equal (`1.0` equals `1.0.0`); the order is total and
/// transitive. A string without any digit is invalid.
struct GenericVersion: SchemeVersion {
    /// One run of the version string.
    enum Token: Sendable {
        /// A digit run without its leading zeros (empty for zero).
        case number([UInt8])
        /// A letter run, lower-cased.
        case word([UInt8])
    }

    /// The runs of the version, in order.
    let tokens: [Token]

    init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: VersionBytes.isDigit) else { return nil }
        var tokens: [Token] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let inRun: (UInt8) -> Bool
            if VersionBytes.isDigit(byte) {
                inRun = VersionBytes.isDigit
            } else if VersionBytes.isLetter(byte) {
                inRun = VersionBytes.isLetter
            } else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, inRun(bytes[end]) { end += 1 }
            let run = bytes[index..<end]
            tokens.append(
                VersionBytes.isDigit(byte)
                    ? .number(Array(VersionBytes.droppingLeadingZeros(run)))
                    : .word(run.map(VersionBytes.lowercased))
            )
            index = end
        }
        self.tokens = tokens
    }

    func compare(to other: GenericVersion) -> Int {
        let zero = Token.number([])
        for position in 0..<max(tokens.count, other.tokens.count) {
            let left = position < tokens.count ? tokens[position] : zero
            let right = position < other.tokens.count ? other.tokens[position] : zero
            let order = Self.compare(left, right)
            if order != 0 { return order }
        }
        return 0
    }

    /// The total order on runs: 0 < any word < any positive number.
    private static func compare(_ left: Token, _ right: Token) -> Int {
        switch (left, right) {
        case let (.number(l), .number(r)): return VersionBytes.compareNumeric(l, r)
        case let (.word(l), .word(r)): return VersionBytes.compareLexically(l, r)
        case let (.number(l), .word): return l.isEmpty ? -1 : 1
        case let (.word, .number(r)): return r.isEmpty ? 1 : -1
        }
    }
}
