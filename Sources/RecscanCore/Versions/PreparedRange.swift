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
