/// An affected range whose bounds are parsed once, when the catalog is indexed, so that
/// checking an installed version parses only that version.
///
/// Gives exactly the verdicts of ``AffectedRange/verdict(for:)``.
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
        switch range.scheme {
        case .deb: check = Self.checker(DebianVersion.self, range)
        case .rpm: check = Self.checker(RPMVersion.self, range)
        case .semver: check = Self.checker(SemanticVersion.self, range)
        case .pep440: check = Self.checker(PEP440Version.self, range)
        case .maven: check = Self.checker(MavenVersion.self, range)
        case .generic: check = Self.checker(GenericVersion.self, range)
        }
    }

    /// Where `installed` falls relative to the range.
    public func verdict(for installed: String) -> RangeVerdict { check(installed) }

    private static func checker<V: SchemeVersion>(
        _ type: V.Type, _ range: AffectedRange
    ) -> @Sendable (String) -> RangeVerdict {
        let lower = range.introduced == "0" ? nil : range.introduced
        // Each bound parsed once: whether it is valid, and the value the checker keeps.
        let introduced = lower.flatMap(V.init(parsing:))
        let fixed = range.fixed.flatMap(V.init(parsing:))
        let lastAffected = range.lastAffected.flatMap(V.init(parsing:))
        let bounds: [(name: String, value: String?, valid: Bool)] = [
            ("introduced", lower, introduced != nil), ("fixed", range.fixed, fixed != nil),
            ("lastAffected", range.lastAffected, lastAffected != nil),
        ]
        for case let (name, value?, false) in bounds {
            let reason = "\(name) bound '\(value)' is not a valid \(range.scheme.rawValue) version"
            let scheme = range.scheme
            return { installed in
                V(parsing: installed) == nil
                    ? .uncertain("version '\(installed)' is not a valid \(scheme.rawValue) version")
                    : .uncertain(reason)
            }
        }
        let scheme = range.scheme
        return { installed in
            guard let version = V(parsing: installed) else {
                return .uncertain("version '\(installed)' is not a valid \(scheme.rawValue) version")
            }
            if let introduced, version.compare(toBound: introduced) < 0 { return .notAffected }
            if let fixed, version.compare(toBound: fixed) >= 0 { return .patched }
            if let lastAffected, version.compare(toBound: lastAffected) > 0 { return .patched }
            return .affected
        }
    }
}
