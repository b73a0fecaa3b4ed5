import Testing

@testable import RecscanCore

/// Matching places versions in ranges whose bounds were parsed once; `explain` in the catalog's
/// own ranges. Both must give the verdicts of the rule stated the long way, on strings.
@Suite("prepared ranges")
struct PreparedRangeTests {
    static let ranges: [AffectedRange] = [
        AffectedRange(scheme: .deb, introduced: "1.0.1", fixed: "1.0.1g-1"),
        AffectedRange(scheme: .deb, introduced: "0", lastAffected: "2:1.2~rc1"),
        AffectedRange(scheme: .deb, fixed: "not a version"),
        AffectedRange(scheme: .rpm, introduced: "1.0.1", fixed: "1:1.0.1e-16.el6_5.7"),
        AffectedRange(scheme: .rpm, lastAffected: "8.0.32"),
        AffectedRange(scheme: .pep440, introduced: "4.0", lastAffected: "4.2.1"),
        AffectedRange(scheme: .maven, introduced: "2.0-beta9", fixed: "2.15.0"),
        AffectedRange(scheme: .semver, introduced: "1.2.0", fixed: "1.4.0-rc.1"),
        AffectedRange(scheme: .generic, introduced: "10.0", fixed: "10.0.17763.5000"),
    ]

    static let versions = [
        "1.0.1", "1.0.1f-1ubuntu2", "1.0.1g-1", "1:1.0", "2:1.2~rc1", "2:1.2", "", "???", "1.0.1e-16.el6_5.4",
        "1:1.0.1e-30.el6", "8.0.32-1.el8", "8.0.33-1.el8", "4.2.1", "4.2.2", "4.0rc1", "2.14.1", "2.15.0",
        "2.0-beta9", "1.3.9", "1.4.0-rc.1", "v1.3.0", "10.0.17763.4999", "10.0.17763.5000",
    ]

    @Test(arguments: ranges)
    func agreesWithTheUnpreparedRange(range: AffectedRange) {
        let prepared = PreparedRange(range)
        #expect(prepared.description == range.description)
        for version in Self.versions {
            let expected = Self.oracle(range, version)
            #expect(prepared.verdict(for: version) == expected, "\(version) in \(range)")
            #expect(range.verdict(for: version) == expected, "\(version) in \(range)")
        }
    }

    /// The range's rule stated the long way, on strings, each version parsed anew for every
    /// question: every version involved is validated first, then the bounds decide in order.
    static func oracle(_ range: AffectedRange, _ installed: String) -> RangeVerdict {
        let scheme = range.scheme
        guard scheme.isValid(installed) else {
            return .uncertain("version '\(installed)' is not a valid \(scheme.rawValue) version")
        }
        let introduced = range.introduced == "0" ? nil : range.introduced
        let bounds = [("introduced", introduced), ("fixed", range.fixed), ("lastAffected", range.lastAffected)]
        for case let (name, value?) in bounds where !scheme.isValid(value) {
            return .uncertain("\(name) bound '\(value)' is not a valid \(scheme.rawValue) version")
        }
        if let introduced, let order = scheme.compare(version: installed, toBound: introduced), order < 0 {
            return .notAffected
        }
        if let fixed = range.fixed, let order = scheme.compare(version: installed, toBound: fixed), order >= 0 {
            return .patched
        }
        if let last = range.lastAffected, let order = scheme.compare(version: installed, toBound: last), order > 0 {
            return .patched
        }
        return .affected
    }
}
