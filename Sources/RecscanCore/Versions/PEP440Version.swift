/// A Python package version, parsed and ordered per PEP 440 as the `packaging` library does.
///
/// Accepts every spelling `packaging.version.Version` accepts and normalises it: case is
/// ignored, surrounding whitespace and a leading `v` are dropped, `alpha`/`beta` mean `a`/`b`,
/// `c`/`pre`/`preview` mean `rc`, `rev`/`r` and a bare `-N` mean `.postN`, separators `-_.`
/// around the pre, post and dev parts are optional and a missing number is 0
/// (`1.0-RC1` is `1.0rc1`, `1.0-post_1` and `1.0-1` are `1.0.post1`, `1.0.DEV` is `1.0.dev0`).
///
/// Order is `packaging`'s: epoch, release (trailing zeros ignored), then pre-release (a dev
/// release of a version with neither pre nor post part sorts before its pre-releases), post
/// release, dev release, and the local version label last (absent sorts first; its segments
/// compare numerically when all digits, else as text, text before numbers).
struct PEP440Version: SchemeVersion {
    /// A pre-release phase, in order.
    enum Phase: Int, Sendable { case alpha, beta, candidate }

    /// A local version segment.
    enum LocalSegment: Sendable {
        /// All digits: compared numerically.
        case number([UInt8])
        /// Anything else: compared as text, before any number.
        case text([UInt8])
    }

    /// The epoch digits (empty = 0).
    let epoch: [UInt8]
    /// The release numbers without trailing zeros.
    let release: [[UInt8]]
    /// The pre-release phase and number.
    let pre: (phase: Phase, number: [UInt8])?
    /// The post-release number.
    let post: [UInt8]?
    /// The dev-release number.
    let dev: [UInt8]?
    /// The local version label, when present.
    let local: [LocalSegment]?

    init?(parsing text: String) {
        let whitespace = Array(" \t\n\r\u{0B}\u{0C}".utf8)
        var bytes = Array(text.utf8).map(VersionBytes.lowercased)[...]
        while let first = bytes.first, whitespace.contains(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, whitespace.contains(last) { bytes = bytes.dropLast() }
        var cursor = Cursor(bytes: Array(bytes))
        _ = cursor.take("v")

        let mark = cursor.position
        if let digits = cursor.digits(), cursor.take("!") {
            epoch = Array(digits)
        } else {
            cursor.position = mark
            epoch = []
        }
        guard let first = cursor.digits() else { return nil }
        var release = [Array(VersionBytes.droppingLeadingZeros(first))]
        while cursor.peek(VersionBytes.dot), cursor.peekDigit(at: 1) {
            cursor.position += 1
            release.append(Array(VersionBytes.droppingLeadingZeros(cursor.digits() ?? [])))
        }
        while release.last?.isEmpty == true { release.removeLast() }
        self.release = release

        if let part = cursor.optionalPart(labels: ["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"]) {
            switch part.label.first {
            case UInt8(ascii: "a"): pre = (.alpha, part.number)
            case UInt8(ascii: "b"): pre = (.beta, part.number)
            default: pre = (.candidate, part.number)
            }
        } else {
            pre = nil
        }
        let postMark = cursor.position
        if cursor.take("-"), let digits = cursor.digits() {
            post = Array(digits)
        } else {
            cursor.position = postMark
            post = cursor.optionalPart(labels: ["post", "rev", "r"])?.number
        }
        dev = cursor.optionalPart(labels: ["dev"])?.number

        if cursor.take("+") {
            let label = cursor.rest.split(omittingEmptySubsequences: false) {
                $0 == VersionBytes.hyphen || $0 == VersionBytes.underscore || $0 == VersionBytes.dot
            }
            guard label.allSatisfy({ !$0.isEmpty && $0.allSatisfy(VersionBytes.isAlphanumeric) }) else { return nil }
            local = label.map { $0.allSatisfy(VersionBytes.isDigit) ? .number(Array($0)) : .text(Array($0)) }
            cursor.position = cursor.bytes.count
        } else {
            local = nil
        }
        guard cursor.rest.isEmpty else { return nil }
    }

    func compare(to other: PEP440Version) -> Int {
        var order = VersionBytes.compareNumeric(epoch, other.epoch)
        if order != 0 { return order }
        for (left, right) in zip(release, other.release) {
            order = VersionBytes.compareNumeric(left, right)
            if order != 0 { return order }
        }
        order = VersionBytes.sign(release.count - other.release.count)
        if order != 0 { return order }
        order = preRank.compare(other.preRank)
        if order != 0 { return order }
        order = Rank(post, absent: .lowest).compare(Rank(other.post, absent: .lowest))
        if order != 0 { return order }
        order = Rank(dev, absent: .highest).compare(Rank(other.dev, absent: .highest))
        if order != 0 { return order }
        return Self.compareLocal(local, other.local)
    }

    /// The pre-release key of `packaging`'s `_cmpkey`, with the phase folded into the number.
    private var preRank: Rank {
        if let pre { return .value(pre.phase.rawValue, pre.number) }
        return post == nil && dev != nil ? .lowest : .highest
    }

    private static func compareLocal(_ lhs: [LocalSegment]?, _ rhs: [LocalSegment]?) -> Int {
        guard let lhs, let rhs else { return lhs == nil ? (rhs == nil ? 0 : -1) : 1 }
        for (left, right) in zip(lhs, rhs) {
            let order: Int
            switch (left, right) {
            case let (.number(l), .number(r)): order = VersionBytes.compareNumeric(l, r)
            case let (.text(l), .text(r)): order = VersionBytes.compareLexically(l, r)
            case (.text, .number): order = -1
            case (.number, .text): order = 1
            }
            if order != 0 { return order }
        }
        return VersionBytes.sign(lhs.count - rhs.count)
    }
}
