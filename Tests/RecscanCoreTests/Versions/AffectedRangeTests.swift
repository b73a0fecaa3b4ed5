import RecscanCore
import Testing

/// Range verdicts and their notation.
@Suite("affected ranges")
struct AffectedRangeTests {
    static let heartbleedDeb = AffectedRange(scheme: .deb, introduced: "1.0.1", fixed: "1.0.1g-1")
    static let heartbleedRPM = AffectedRange(scheme: .rpm, introduced: "1.0.1", fixed: "1:1.0.1e-16.el6_5.7")

    @Test(
        "deb verdicts",
        arguments: [
            ("1.0.1e-2", RangeVerdict.affected), ("1.0.1", .affected), ("1.0.0-1", .notAffected),
            ("1.0.1~rc1-1", .notAffected), ("1.0.1g-1", .patched), ("1.0.2", .patched), ("1:0.9", .patched),
            ("1.0.1@", .uncertain("version '1.0.1@' is not a valid deb version")),
        ]
    )
    func debVerdicts(_ installed: String, _ expected: RangeVerdict) {
        #expect(Self.heartbleedDeb.verdict(for: installed) == expected)
    }

    @Test(
        "rpm verdicts, with the bound rule",
        arguments: [
            ("1.0.1e-16.el6_5", RangeVerdict.affected), ("1.0.1-1", .affected), ("1.0.0-27.el6", .notAffected),
            ("1:1.0.1e-16.el6_5.7", .patched), ("1:1.0.1e-30.el6", .patched),
            ("", .uncertain("version '' is not a valid rpm version")),
        ]
    )
    func rpmVerdicts(_ installed: String, _ expected: RangeVerdict) {
        #expect(Self.heartbleedRPM.verdict(for: installed) == expected)
    }

    @Test("an rpm bound without release covers every release")
    func rpmBoundWithoutRelease() {
        let range = AffectedRange(scheme: .rpm, introduced: "2.0", fixed: "2.4")
        #expect(range.verdict(for: "2.0-1.el9") == .affected)
        #expect(range.verdict(for: "2.4-0.1") == .patched)
        #expect(range.verdict(for: "2.4~rc1-1") == .affected)
        let closed = AffectedRange(scheme: .rpm, lastAffected: "2.4")
        #expect(closed.verdict(for: "2.4-9") == .affected)
        #expect(closed.verdict(for: "2.4.1-1") == .patched)
    }

    @Test("inclusive lastAffected, open ranges and OSV's introduced 0")
    func bounds() {
        let closed = AffectedRange(scheme: .semver, introduced: "1.0.0", lastAffected: "2.0.0")
        #expect(closed.verdict(for: "2.0.0") == .affected)
        #expect(closed.verdict(for: "2.0.1") == .patched)
        #expect(closed.verdict(for: "2.0.0-rc.1") == .affected)
        let open = AffectedRange(scheme: .pep440, introduced: "1.0")
        #expect(open.verdict(for: "99.0") == .affected)
        #expect(open.verdict(for: "1.0rc1") == .notAffected)
        let fromZero = AffectedRange(scheme: .deb, introduced: "0", fixed: "1.2")
        #expect(fromZero.verdict(for: "0~rc1") == .affected)
        #expect(AffectedRange(scheme: .generic).verdict(for: "1") == .affected)
    }

    @Test("an invalid bound is uncertain, never patched")
    func invalidBound() {
        let range = AffectedRange(scheme: .deb, introduced: "1.0", fixed: "x1.2")
        #expect(range.verdict(for: "9.0") == .uncertain("fixed bound 'x1.2' is not a valid deb version"))
        let below = AffectedRange(scheme: .semver, introduced: "01.0.0", fixed: "2.0.0")
        #expect(below.verdict(for: "0.1.0") == .uncertain("introduced bound '01.0.0' is not a valid semver version"))
    }

    @Test(
        "interval notation",
        arguments: [
            (heartbleedDeb, "[1.0.1, 1.0.1g-1)"),
            (AffectedRange(scheme: .deb, introduced: "1.0.1", lastAffected: "2.0"), "[1.0.1, 2.0]"),
            (AffectedRange(scheme: .generic, fixed: "1.2"), "[0, 1.2)"),
            (AffectedRange(scheme: .generic, introduced: "1.0"), "[1.0, *)"),
            (AffectedRange(scheme: .generic, fixed: "1.2", lastAffected: "1.1"), "[0, 1.1]"),
            (AffectedRange(scheme: .generic, fixed: "1.2", lastAffected: "1.5"), "[0, 1.2)"),
        ]
    )
    func notation(_ range: AffectedRange, _ expected: String) {
        #expect(range.description == expected)
    }
}
