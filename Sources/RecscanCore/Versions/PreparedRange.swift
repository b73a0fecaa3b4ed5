/// An affected range whose bounds are parsed once, when the catalog is indexed, so that
/// checking an installed version parses only that version.
///
/// Gives exactly the verdicts of ``AffectedRange/verdict(for:)``, which prepares its range the
/// same way for every call.
public struct PreparedRange: Sendable {
    /// The range as the catalog wrote it.
    public let range: AffectedRange
    /// The interval notation, e.g. `[1.0.1, 1.0.1g-1)`, computed once.
    public let description: String
    private let check: @Sendable (String) -> RangeVerdict

    /// Parses the bounds of `range` in its scheme.
    public init(_ range: AffectedRange) {
        self.range = range
        description = range.description
        check = Self.checker(range)
    }

    /// A range that places versions by `check` instead of its bounds: an advisory's listed
    /// versions, or a verdict that cannot be reached (see `AdvisorySource.Check`).
    init(_ range: AffectedRange, description: String, check: @escaping @Sendable (String) -> RangeVerdict) {
        self.range = range
        self.description = description
        self.check = check
    }

    /// Affected exactly when the installed version is one of `versions` (equal as `range.scheme`
    /// orders versions, or spelled the same); otherwise not affected, since the ranges decide.
    static func listing(_ versions: [String], in range: AffectedRange) -> PreparedRange {
        let description = "the \(versions.count) listed versions"
        switch range.scheme {
        case .deb:
            return PreparedRange(
                range, description: description, check: ListedVersions<DebianVersion>(versions).verdict)
        case .rpm:
            return PreparedRange(range, description: description, check: ListedVersions<RPMVersion>(versions).verdict)
        case .semver:
            return PreparedRange(
                range, description: description, check: ListedVersions<SemanticVersion>(versions).verdict)
        case .pep440:
            return PreparedRange(
                range, description: description, check: ListedVersions<PEP440Version>(versions).verdict)
        case .maven:
            return PreparedRange(range, description: description, check: ListedVersions<MavenVersion>(versions).verdict)
        case .generic:
            return PreparedRange(
                range, description: description, check: ListedVersions<GenericVersion>(versions).verdict)
        }
    }

    /// Where `installed` falls relative to the range.
    public func verdict(for installed: String) -> RangeVerdict { check(installed) }

    /// The range's bounds parsed in its scheme, as a function of the installed version.
    static func checker(_ range: AffectedRange) -> @Sendable (String) -> RangeVerdict {
        switch range.scheme {
        case .deb: checker(ParsedRange<DebianVersion>(range))
        case .rpm: checker(ParsedRange<RPMVersion>(range))
        case .semver: checker(ParsedRange<SemanticVersion>(range))
        case .pep440: checker(ParsedRange<PEP440Version>(range))
        case .maven: checker(ParsedRange<MavenVersion>(range))
        case .generic: checker(ParsedRange<GenericVersion>(range))
        }
    }

    private static func checker<V>(_ parsed: ParsedRange<V>) -> @Sendable (String) -> RangeVerdict {
        { parsed.verdict(for: $0) }
    }
}

/// An advisory's `versions` list in one scheme: a version is listed when it is spelled as one of
/// them (a list may keep versions the scheme rejects) or equal to one as the scheme orders them.
///
/// Lists are long (PyPA's hold every release up to the fix, 514 for setuptools) and there are
/// thousands, so nothing is parsed up front: each listed version keeps only its leading number,
/// and a version not spelled in the list is compared with the listed versions of the same
/// leading number alone. Equal versions have equal leading numbers in every scheme recscan
/// knows (leading zeros and a `v` aside, which the number ignores); a version with an epoch
/// (`1:`, `1!`) or without a leading number is compared with all.
private struct ListedVersions<V: SchemeVersion>: Sendable {
    private let spelled: Set<String>
    private let versions: [String]
    /// The leading number of each of `versions`; -1 when it has none (see `leadingNumber`).
    private let leadingNumbers: [Int]

    init(_ versions: [String]) {
        spelled = Set(versions)
        self.versions = versions
        leadingNumbers = versions.map { Self.leadingNumber($0) ?? -1 }
    }

    @Sendable func verdict(for installed: String) -> RangeVerdict {
        if spelled.contains(installed) { return .affected }
        guard let version = V(parsing: installed) else { return .notAffected }
        let number = Self.leadingNumber(installed)
        for (index, listed) in versions.enumerated() {
            if let number, leadingNumbers[index] >= 0, leadingNumbers[index] != number { continue }
            if let other = V(parsing: listed), version.compare(to: other) == 0 { return .affected }
        }
        return .notAffected
    }

    /// The number a version starts with (after a `v`), or `nil` when it has an epoch, starts
    /// otherwise, or the number is too long to hold.
    static func leadingNumber(_ version: String) -> Int? {
        var bytes = version.utf8[...]
        if bytes.first == UInt8(ascii: "v") || bytes.first == UInt8(ascii: "V") { bytes = bytes.dropFirst() }
        guard bytes.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "!") }) == false else {
            return nil
        }
        var number = 0
        var digits = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            digits += 1
            guard digits <= 18 else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return digits == 0 ? nil : number
    }
}
