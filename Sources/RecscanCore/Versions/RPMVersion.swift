/// An RPM version (`[epoch:]version[-release]`), parsed and ordered as rpm ≥ 4.15 does.
///
/// Parsing follows rpm's `parseEVR()`: the epoch is a leading run of digits ended by `:`
/// (`:1.0` has epoch 0), the release is what follows the last `-` after it. A string is invalid
/// only when it is empty or holds no ASCII letter or digit at all.
///
/// Ordering is rpm's `rpmvercmp()` applied to epoch (absent = `0`), version and release in turn.
/// Segments are maximal runs of ASCII digits or letters; anything else separates them. Digit
/// runs compare as unbounded numbers and beat letter runs; `~` sorts before everything, even
/// the end (`1.0~rc1 < 1.0`); `^` sorts after the end but before any other segment
/// (`1.0 < 1.0^git1 < 1.0.1`). When all segments tie, the side with segments left wins.
///
/// A version without a release sorts before the same version with any release (rpm's
/// `labelCompare()` for full EVRs); ``compare(toBound:)`` implements the other rule rpm uses
/// for dependency ranges, where a bound without a release matches every release.
struct RPMVersion: SchemeVersion {
    /// The whole string's bytes, in one array: matching parses an installed version per check.
    private let bytes: [UInt8]
    /// Where the epoch, version and release are in `bytes`.
    private let layout: Layout

    init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard let layout = bytes.withUnsafeBufferPointer(Layout.init) else { return nil }
        self.bytes = bytes
        self.layout = layout
    }

    /// Where the parts of a version are in its bytes, found without copying them: matching
    /// compares an installed version with bounds held end to end in one array (`PackedRange`).
    struct Layout {
        /// Where the epoch digits are; empty when absent (compares as `0`).
        let epochRange: Range<Int>
        let versionRange: Range<Int>
        /// Where the release is; `nil` when there is no `-` after the epoch.
        let releaseRange: Range<Int>?

        /// The layout of `bytes`; `nil` when they hold no ASCII letter or digit at all.
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.contains(where: VersionBytes.isAlphanumeric) else { return nil }
            let epochEnd = bytes.firstIndex { !VersionBytes.isDigit($0) } ?? bytes.endIndex
            var restStart = 0
            if epochEnd < bytes.endIndex, bytes[epochEnd] == VersionBytes.colon {
                epochRange = 0..<epochEnd
                restStart = epochEnd + 1
            } else {
                epochRange = 0..<0
            }
            if let hyphen = bytes[restStart...].lastIndex(of: VersionBytes.hyphen) {
                versionRange = restStart..<hyphen
                releaseRange = (hyphen + 1)..<bytes.endIndex
            } else {
                versionRange = restStart..<bytes.endIndex
                releaseRange = nil
            }
        }

        /// -1, 0 or 1 as the version `a` (laid out as `self`) sorts before, inside or after the
        /// range bound `b`, as ``RPMVersion/compare(toBound:)`` orders them.
        func compare(_ a: UnsafeBufferPointer<UInt8>, toBound b: UnsafeBufferPointer<UInt8>, laidOut bound: Layout)
            -> Int
        {
            compare(a, to: b, laidOut: bound, asBound: true)
        }

        /// Epochs, versions, then releases. A side without a release sorts first (rpm's
        /// `labelCompare()`), except that a bound without one matches every release (`asBound`).
        func compare(
            _ a: UnsafeBufferPointer<UInt8>, to b: UnsafeBufferPointer<UInt8>, laidOut other: Layout,
            asBound: Bool = false
        ) -> Int {
            if !epochRange.isEmpty || !other.epochRange.isEmpty {
                // An absent epoch compares as `0`.
                var zero = VersionBytes.zero
                let epochOrder = withUnsafePointer(to: &zero) { zero in
                    let absent = UnsafeBufferPointer(start: zero, count: 1)
                    return RPMVersion.rpmvercmp(
                        epochRange.isEmpty ? absent : UnsafeBufferPointer(rebasing: a[epochRange]),
                        other.epochRange.isEmpty ? absent : UnsafeBufferPointer(rebasing: b[other.epochRange]))
                }
                if epochOrder != 0 { return epochOrder }
            }
            let versionOrder = RPMVersion.rpmvercmp(
                UnsafeBufferPointer(rebasing: a[versionRange]), UnsafeBufferPointer(rebasing: b[other.versionRange]))
            guard versionOrder == 0 else { return versionOrder }
            switch (releaseRange, other.releaseRange) {
            case (_, nil) where asBound: return 0
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (release?, otherRelease?):
                return RPMVersion.rpmvercmp(
                    UnsafeBufferPointer(rebasing: a[release]), UnsafeBufferPointer(rebasing: b[otherRelease]))
            }
        }
    }

    func compare(to other: RPMVersion) -> Int {
        bytes.withUnsafeBufferPointer { a in
            other.bytes.withUnsafeBufferPointer { b in layout.compare(a, to: b, laidOut: other.layout) }
        }
    }

    func compare(toBound bound: RPMVersion) -> Int {
        bytes.withUnsafeBufferPointer { a in
            bound.bytes.withUnsafeBufferPointer { b in layout.compare(a, toBound: b, laidOut: bound.layout) }
        }
    }

    /// rpm's `rpmvercmp()` (rpmio/rpmvercmp.c, rpm ≥ 4.15).
    /// - Returns: -1, 0 or 1.
    private static func rpmvercmp(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        // 0 stands for C's terminating NUL; real NUL bytes are separators and skipped first.
        func at(_ s: UnsafeBufferPointer<UInt8>, _ k: Int) -> UInt8 { k < s.count ? s[k] : 0 }
        func isSeparator(_ byte: UInt8) -> Bool {
            !VersionBytes.isAlphanumeric(byte) && byte != VersionBytes.tilde && byte != VersionBytes.caret
        }
        var one = 0
        var two = 0
        while one < a.count || two < b.count {
            while one < a.count, isSeparator(a[one]) { one += 1 }
            while two < b.count, isSeparator(b[two]) { two += 1 }
            let c1 = at(a, one)
            let c2 = at(b, two)

            if c1 == VersionBytes.tilde || c2 == VersionBytes.tilde {
                if c1 != VersionBytes.tilde { return 1 }
                if c2 != VersionBytes.tilde { return -1 }
                one += 1
                two += 1
                continue
            }
            if c1 == VersionBytes.caret || c2 == VersionBytes.caret {
                if c1 == 0 { return -1 }
                if c2 == 0 { return 1 }
                if c1 != VersionBytes.caret { return 1 }
                if c2 != VersionBytes.caret { return -1 }
                one += 1
                two += 1
                continue
            }
            if c1 == 0 || c2 == 0 { break }

            let isNumeric = VersionBytes.isDigit(c1)
            let inSegment = { (byte: UInt8) in isNumeric ? VersionBytes.isDigit(byte) : VersionBytes.isLetter(byte) }
            var end1 = one
            var end2 = two
            while end1 < a.count, inSegment(a[end1]) { end1 += 1 }
            while end2 < b.count, inSegment(b[end2]) { end2 += 1 }

            // Segments of different kinds: numeric beats alphabetic.
            if two == end2 { return isNumeric ? 1 : -1 }

            let order =
                isNumeric
                ? VersionBytes.compareNumeric(a[one..<end1], b[two..<end2])
                : VersionBytes.compareLexically(a[one..<end1], b[two..<end2])
            if order != 0 { return order }
            one = end1
            two = end2
        }
        if one >= a.count && two >= b.count { return 0 }
        return one >= a.count ? -1 : 1
    }
}
