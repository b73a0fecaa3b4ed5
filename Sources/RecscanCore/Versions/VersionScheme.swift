/// A version parsed in one scheme and ordered as that scheme orders versions.
protocol SchemeVersion: Sendable {
    /// Parses `text`; `nil` when it is not a valid version of the scheme.
    init?(parsing text: String)

    /// -1, 0 or 1 as `self` sorts before, with or after `other`.
    func compare(to other: Self) -> Int

    /// -1, 0 or 1 as `self` sorts before, inside or after the range bound `bound`.
    func compare(toBound bound: Self) -> Int
}

extension SchemeVersion {
    /// By default a bound compares as a full version.
    func compare(toBound bound: Self) -> Int { compare(to: bound) }
}

/// A way of writing and ordering package versions; each ecosystem uses one.
///
/// Every scheme says which strings are versions (``isValid(_:)``) and orders them
/// (``compare(_:_:)``). The comparators reproduce the reference tools: dpkg for `deb`,
/// rpmvercmp for `rpm`, SemVer 2.0.0 precedence, PEP 440 as Python's `packaging` orders it,
/// Maven's `ComparableVersion`, and a dotted-numbers-and-letters order for the rest.
public enum VersionSchemeKind: String, Sendable, CaseIterable {
    /// Debian and Ubuntu packages, compared as `dpkg --compare-versions` does.
    case deb
    /// RPM packages, compared as rpm ≥ 4.15 does (`rpmvercmp`, with `~` and `^`).
    case rpm
    /// Semantic Versioning 2.0.0, leniently accepting `v1.2.3` and `1.2`.
    case semver
    /// Python packages (PEP 440).
    case pep440
    /// Maven artifacts (`ComparableVersion`).
    case maven
    /// Dotted numbers and letters, for everything else.
    case generic

    /// Whether `version` is a valid version in this scheme.
    /// - Parameter version: the version string as found in an inventory or catalog.
    /// - Returns: `true` when ``compare(_:_:)`` can order it.
    public func isValid(_ version: String) -> Bool {
        switch self {
        case .deb: DebianVersion(parsing: version) != nil
        case .rpm: RPMVersion(parsing: version) != nil
        case .semver: SemanticVersion(parsing: version) != nil
        case .pep440: PEP440Version(parsing: version) != nil
        case .maven: MavenVersion(parsing: version) != nil
        case .generic: GenericVersion(parsing: version) != nil
        }
    }

    /// Orders two versions of this scheme.
    /// - Parameters:
    ///   - lhs: a version.
    ///   - rhs: another version.
    /// - Returns: -1, 0 or 1 as `lhs` sorts before, equal to or after `rhs`; `nil` when either
    ///   is not a valid version of this scheme.
    public func compare(_ lhs: String, _ rhs: String) -> Int? {
        switch self {
        case .deb: Self.order(DebianVersion.self, lhs, rhs, asBound: false)
        case .rpm: Self.order(RPMVersion.self, lhs, rhs, asBound: false)
        case .semver: Self.order(SemanticVersion.self, lhs, rhs, asBound: false)
        case .pep440: Self.order(PEP440Version.self, lhs, rhs, asBound: false)
        case .maven: Self.order(MavenVersion.self, lhs, rhs, asBound: false)
        case .generic: Self.order(GenericVersion.self, lhs, rhs, asBound: false)
        }
    }

    /// Orders an installed version against a bound of an affected range.
    ///
    /// The same as ``compare(_:_:)``, except for `rpm`: a bound without a release (no `-`)
    /// compares epoch and version only, as rpm does for a dependency range, so `1.0-5`
    /// compares equal to the bound `1.0`.
    /// - Parameters:
    ///   - version: the installed version.
    ///   - bound: the range bound (`introduced`, `fixed` or `lastAffected`).
    /// - Returns: -1, 0 or 1 as `version` sorts before, at or after `bound`; `nil` when either
    ///   is not a valid version of this scheme.
    public func compare(version: String, toBound bound: String) -> Int? {
        switch self {
        case .deb: Self.order(DebianVersion.self, version, bound, asBound: true)
        case .rpm: Self.order(RPMVersion.self, version, bound, asBound: true)
        case .semver: Self.order(SemanticVersion.self, version, bound, asBound: true)
        case .pep440: Self.order(PEP440Version.self, version, bound, asBound: true)
        case .maven: Self.order(MavenVersion.self, version, bound, asBound: true)
        case .generic: Self.order(GenericVersion.self, version, bound, asBound: true)
        }
    }

    private static func order<V: SchemeVersion>(_ type: V.Type, _ lhs: String, _ rhs: String, asBound: Bool) -> Int? {
        guard let left = V(parsing: lhs), let right = V(parsing: rhs) else { return nil }
        return asBound ? left.compare(toBound: right) : left.compare(to: right)
    }
}
