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
    /// The listed versions are parsed and sorted once: a lookup is a binary search.
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

/// An advisory's `versions` list, parsed in one scheme and sorted: a version is listed when it
/// is spelled as one of them (a list may keep versions the scheme rejects) or equal to one.
private struct ListedVersions<V: SchemeVersion>: Sendable {
    private let spelled: Set<String>
    private let sorted: [V]

    init(_ versions: [String]) {
        spelled = Set(versions)
        sorted = versions.compactMap(V.init(parsing:)).sorted { $0.compare(to: $1) < 0 }
    }

    @Sendable func verdict(for installed: String) -> RangeVerdict {
        if spelled.contains(installed) { return .affected }
        guard let version = V(parsing: installed) else { return .notAffected }
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            let order = sorted[middle].compare(to: version)
            if order == 0 { return .affected }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return .notAffected
    }
}
