/// A Debian package version (`[epoch:]upstream[-revision]`), parsed and ordered exactly as dpkg does.
///
/// Parsing follows dpkg's `parseversion()`: leading and trailing blanks are trimmed, the epoch
/// is the digits before the first `:` (at most `INT_MAX`), the revision is what follows the
/// last `-`. A version is valid when dpkg accepts it without an error *or* a warning: the
/// upstream part starts with a digit and holds only `A-Za-z0-9.+~-:` (a `-` only when there is
/// a revision, a `:` only after an epoch), the revision holds only `A-Za-z0-9.+~`.
/// One deliberate strictness: the epoch must be plain digits (dpkg's `strtol` would also take a
/// sign, as in `+1:2.0`).
///
/// Ordering follows dpkg's `verrevcmp()`: epochs numerically, then upstream, then revision
/// (absent = empty, so `1.0` equals `1.0-0`). Within a part, non-digit runs compare character
/// by character with `~` before everything (even the end), then the end, then letters, then
/// other characters; digit runs compare as unbounded numbers, so `1.01` equals `1.1`.
struct DebianVersion: SchemeVersion {
    /// The version's bytes, as written: one array, as matching parses an installed version per check.
    private let bytes: [UInt8]
    /// Where the epoch, upstream version and revision are in `bytes`.
    private let layout: Layout

    init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard let layout = bytes.withUnsafeBufferPointer(Layout.init) else { return nil }
        self.bytes = bytes
        self.layout = layout
    }

    /// Where the parts of a valid version are in its bytes, found without copying them: matching
    /// compares an installed version with bounds held end to end in one array (`PackedRange`).
    struct Layout {
        /// The epoch; 0 when absent.
        let epoch: Int
        /// Where the upstream version starts, after the epoch and leading blanks.
        let start: Int
        /// Where the upstream version ends: the last `-`, or `end`.
        let upstreamEnd: Int
        /// Where the version ends, before trailing blanks.
        let end: Int

        /// The layout of `text`; `nil` when dpkg would not accept it without an error or a warning.
        init?(_ text: UnsafeBufferPointer<UInt8>) {
            func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
            guard let first = text.firstIndex(where: { !isBlank($0) }),
                let last = text.lastIndex(where: { !isBlank($0) })
            else { return nil }
            var start = first
            let end = last + 1
            var epoch = 0
            if let colon = text[start..<end].firstIndex(of: VersionBytes.colon) {
                guard colon > start else { return nil }
                for digit in text[start..<colon] {
                    guard VersionBytes.isDigit(digit) else { return nil }
                    epoch = epoch * 10 + Int(digit - VersionBytes.zero)
                    guard epoch <= Int(Int32.max) else { return nil }
                }
                start = colon + 1
                guard start < end else { return nil }
            }
            let hyphen = text[start..<end].lastIndex(of: VersionBytes.hyphen)
            let upstreamEnd = hyphen ?? end
            // Upstream: a digit first, then letters, digits and `.-+~:`; revision: letters, digits and `.+~`.
            guard upstreamEnd > start, VersionBytes.isDigit(text[start]) else { return nil }
            for byte in text[start..<upstreamEnd] where !VersionBytes.isAlphanumeric(byte) {
                guard
                    byte == VersionBytes.dot || byte == VersionBytes.hyphen || byte == VersionBytes.plus
                        || byte == VersionBytes.tilde || byte == VersionBytes.colon
                else { return nil }
            }
            if let hyphen {
                guard hyphen + 1 < end else { return nil }
                for byte in text[(hyphen + 1)..<end] where !VersionBytes.isAlphanumeric(byte) {
                    guard byte == VersionBytes.dot || byte == VersionBytes.plus || byte == VersionBytes.tilde else {
                        return nil
                    }
                }
            }
            self.epoch = epoch
            self.start = start
            self.upstreamEnd = upstreamEnd
            self.end = end
        }

        /// -1, 0 or 1 as the version `a` (laid out as `self`) sorts before, with or after `b`.
        func compare(_ a: UnsafeBufferPointer<UInt8>, to b: UnsafeBufferPointer<UInt8>, laidOut other: Layout) -> Int {
            if epoch != other.epoch { return epoch < other.epoch ? -1 : 1 }
            let upstreamOrder = DebianVersion.verrevcmp(
                UnsafeBufferPointer(rebasing: a[start..<upstreamEnd]),
                UnsafeBufferPointer(rebasing: b[other.start..<other.upstreamEnd]))
            if upstreamOrder != 0 { return upstreamOrder }
            return DebianVersion.verrevcmp(revision(a), other.revision(b))
        }

        private func revision(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            upstreamEnd < end
                ? UnsafeBufferPointer(rebasing: text[(upstreamEnd + 1)..<end]) : .init(start: nil, count: 0)
        }
    }

    func compare(to other: DebianVersion) -> Int {
        bytes.withUnsafeBufferPointer { a in
            other.bytes.withUnsafeBufferPointer { b in layout.compare(a, to: b, laidOut: other.layout) }
        }
    }

    /// dpkg's weight of one character in a non-digit run; `nil` is the end of the string.
    private static func order(_ byte: UInt8?) -> Int {
        guard let byte else { return 0 }
        if VersionBytes.isDigit(byte) { return 0 }
        if VersionBytes.isLetter(byte) { return Int(byte) }
        if byte == VersionBytes.tilde { return -1 }
        return Int(byte) + 256
    }

    /// dpkg's `verrevcmp()` on one part (upstream or revision).
    /// - Returns: -1, 0 or 1.
    private static func verrevcmp(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        var j = 0
        func at(_ s: UnsafeBufferPointer<UInt8>, _ k: Int) -> UInt8? { k < s.count ? s[k] : nil }
        func isDigit(_ byte: UInt8?) -> Bool { byte.map(VersionBytes.isDigit) ?? false }

        while i < a.count || j < b.count {
            while (i < a.count && !isDigit(a[i])) || (j < b.count && !isDigit(b[j])) {
                let left = order(at(a, i))
                let right = order(at(b, j))
                if left != right { return left < right ? -1 : 1 }
                i += 1
                j += 1
            }
            while at(a, i) == VersionBytes.zero { i += 1 }
            while at(b, j) == VersionBytes.zero { j += 1 }
            var firstDiff = 0
            while isDigit(at(a, i)), isDigit(at(b, j)) {
                if firstDiff == 0 { firstDiff = Int(a[i]) - Int(b[j]) }
                i += 1
                j += 1
            }
            if isDigit(at(a, i)) { return 1 }
            if isDigit(at(b, j)) { return -1 }
            if firstDiff != 0 { return VersionBytes.sign(firstDiff) }
        }
        return 0
    }
}
