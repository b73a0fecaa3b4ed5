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
    /// The epoch; 0 when absent.
    let epoch: Int
    /// The upstream version bytes.
    let upstream: [UInt8]
    /// The Debian revision bytes; empty when absent.
    let revision: [UInt8]

    init?(parsing text: String) {
        let bytes = Array(text.utf8)
        let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let start = bytes.firstIndex(where: { !isBlank($0) }),
            let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return nil }
        var rest = bytes[start...last]

        if let colon = rest.firstIndex(of: VersionBytes.colon) {
            let digits = rest[..<colon]
            guard !digits.isEmpty, digits.allSatisfy(VersionBytes.isDigit) else { return nil }
            var value = 0
            for digit in digits {
                value = value * 10 + Int(digit - VersionBytes.zero)
                guard value <= Int(Int32.max) else { return nil }
            }
            epoch = value
            rest = rest[(colon + 1)...]
            guard !rest.isEmpty else { return nil }
        } else {
            epoch = 0
        }

        if let hyphen = rest.lastIndex(of: VersionBytes.hyphen) {
            upstream = Array(rest[..<hyphen])
            revision = Array(rest[(hyphen + 1)...])
            guard !revision.isEmpty else { return nil }
        } else {
            upstream = Array(rest)
            revision = []
        }

        guard let first = upstream.first, VersionBytes.isDigit(first) else { return nil }
        let upstreamExtras: [UInt8] = Array(".-+~:".utf8)
        let revisionExtras: [UInt8] = Array(".+~".utf8)
        guard upstream.allSatisfy({ VersionBytes.isAlphanumeric($0) || upstreamExtras.contains($0) }),
            revision.allSatisfy({ VersionBytes.isAlphanumeric($0) || revisionExtras.contains($0) })
        else { return nil }
    }

    func compare(to other: DebianVersion) -> Int {
        if epoch != other.epoch { return epoch < other.epoch ? -1 : 1 }
        let upstreamOrder = Self.verrevcmp(upstream, other.upstream)
        if upstreamOrder != 0 { return upstreamOrder }
        return Self.verrevcmp(revision, other.revision)
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
    static func verrevcmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0
        var j = 0
        func at(_ s: [UInt8], _ k: Int) -> UInt8? { k < s.count ? s[k] : nil }
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
