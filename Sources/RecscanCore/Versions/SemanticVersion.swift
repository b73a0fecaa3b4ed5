/// A Semantic Versioning 2.0.0 version, ordered by SemVer precedence.
///
/// Strict SemVer grammar with two lenient inputs, because package inventories carry them:
/// - a single leading `v` or `V` is ignored (`v1.2.3` is `1.2.3`);
/// - a missing minor or patch number counts as 0 (`1.2` is `1.2.0`, `1` is `1.0.0`, `1.2-rc.1`
///   is `1.2.0-rc.1`).
///
/// Everything else is as the specification says: numbers without leading zeros (`01.2.3` is
/// invalid), pre-release and build identifiers of `[0-9A-Za-z-]` that are not empty, numeric
/// pre-release identifiers without leading zeros. Build metadata is validated but ignored in
/// ordering. Numbers of any length compare exactly.
struct SemanticVersion: SchemeVersion {
    /// One pre-release identifier.
    enum Identifier: Sendable {
        /// Digits only, compared numerically.
        case numeric([UInt8])
        /// Any other identifier, compared in ASCII order.
        case alphanumeric([UInt8])
    }

    /// Major, minor and patch as digit runs.
    let core: [[UInt8]]
    /// Pre-release identifiers; empty for a release.
    let prerelease: [Identifier]

    init?(parsing text: String) {
        var bytes = Array(text.utf8)[...]
        if let first = bytes.first, first == UInt8(ascii: "v") || first == UInt8(ascii: "V") {
            bytes = bytes.dropFirst()
        }
        if let plus = bytes.firstIndex(of: VersionBytes.plus) {
            guard Self.identifiers(bytes[(plus + 1)...]) != nil else { return nil }
            bytes = bytes[..<plus]
        }
        var prerelease: [Identifier] = []
        if let hyphen = bytes.firstIndex(of: VersionBytes.hyphen) {
            guard let identifiers = Self.identifiers(bytes[(hyphen + 1)...]) else { return nil }
            for identifier in identifiers {
                if identifier.allSatisfy(VersionBytes.isDigit) {
                    guard Self.hasNoLeadingZero(identifier) else { return nil }
                    prerelease.append(.numeric(Array(identifier)))
                } else {
                    prerelease.append(.alphanumeric(Array(identifier)))
                }
            }
            bytes = bytes[..<hyphen]
        }
        let numbers = bytes.split(separator: VersionBytes.dot, omittingEmptySubsequences: false)
        guard (1...3).contains(numbers.count) else { return nil }
        for number in numbers {
            guard !number.isEmpty, number.allSatisfy(VersionBytes.isDigit), Self.hasNoLeadingZero(number)
            else { return nil }
        }
        core = numbers.map { Array($0) } + Array(repeating: [VersionBytes.zero], count: 3 - numbers.count)
        self.prerelease = prerelease
    }

    /// Dot-separated identifiers of `[0-9A-Za-z-]`, or `nil` when one is empty or has another character.
    private static func identifiers(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>]? {
        let parts = bytes.split(separator: VersionBytes.dot, omittingEmptySubsequences: false)
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ VersionBytes.isAlphanumeric($0) || $0 == VersionBytes.hyphen })
            else { return nil }
        }
        return parts
    }

    private static func hasNoLeadingZero(_ digits: ArraySlice<UInt8>) -> Bool {
        digits.count == 1 || digits.first != VersionBytes.zero
    }

    func compare(to other: SemanticVersion) -> Int {
        for (left, right) in zip(core, other.core) {
            let order = VersionBytes.compareNumeric(left, right)
            if order != 0 { return order }
        }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (left, right) in zip(prerelease, other.prerelease) {
            let order: Int
            switch (left, right) {
            case let (.numeric(l), .numeric(r)): order = VersionBytes.compareNumeric(l, r)
            case (.numeric, .alphanumeric): order = -1
            case (.alphanumeric, .numeric): order = 1
            case let (.alphanumeric(l), .alphanumeric(r)): order = VersionBytes.compareLexically(l, r)
            }
            if order != 0 { return order }
        }
        return VersionBytes.sign(prerelease.count - other.prerelease.count)
    }
}
