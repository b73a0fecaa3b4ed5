import RecscanCore
import Testing

/// dpkg's ordering and syntax, case by case.
@Suite("deb versions")
struct DebianVersionTests {
    static let orderings: [(String, String, Int)] = [
        ("1.0~rc1", "1.0", -1),
        ("1.0~~", "1.0~", -1),
        ("1.0~", "1.0~a", -1),
        ("1:0.1", "9.9", 1),
        ("10:1.0", "9:2.0", 1),
        ("0:1.0", "1.0", 0),
        ("1.0-1", "1.0-1+deb12u1", -1),
        ("2.4.62-1~deb12u2", "2.4.62-1", -1),
        ("1.0", "1.0-0", 0),
        ("1.0-1", "1.0-1.1", -1),
        ("1.0", "1.0a", -1),  // the end sorts before letters
        ("1.0a", "1.0+", -1),  // letters sort before other characters
        ("1.0a", "1.0.", -1),
        ("1.0A", "1.0a", -1),  // ASCII order among letters
        ("1.0", "1.0.0", -1),  // dpkg does not pad: a trailing ".0" is more
        ("1.0+dfsg", "1.0", 1),
        ("1.01", "1.1", 0),
        ("1.000000000000000000000000001", "1.1", 0),
        ("1.2", "1.10", -1),
        ("1.123456789012345678901234567890", "1.123456789012345678901234567891", -1),
        ("1.99999999999999999999999", "1.100000000000000000000000", -1),
        ("1.0.1e-2", "1.0.1g-1", -1),
        (" 1.0-1", "1.0-1\t", 0),  // dpkg trims blanks
    ]

    @Test("ordering edge cases", arguments: orderings)
    func ordering(_ left: String, _ right: String, _ expected: Int) {
        #expect(VersionSchemeKind.deb.compare(left, right) == expected)
        #expect(VersionSchemeKind.deb.compare(right, left) == -expected)
        #expect(VersionSchemeKind.deb.compare(version: left, toBound: right) == expected)
    }

    /// Strings and whether dpkg accepts them without an error or a warning; also run through dpkg itself.
    static let validitySamples: [(String, Bool)] = [
        ("1.0", true), ("0", true), ("1:1.0", true), ("00:1.0", true), ("2147483647:1.0", true),
        ("1.0-1", true), ("1.0-1-2", true), ("1:1.0:2-1", true), ("1.0~rc1+dfsg-1~deb12u1", true),
        (" 1.0", true), ("1.0 ", true),
        ("a1.0", false), ("~1", false), ("1.0_1", false), ("1.0-", false), ("-1", false), ("1.0-1-", false),
        (":1.0", false), ("a:1.0", false), ("1:", false), ("1.0:1", false), ("1.0-1:2", false),
        ("-1:1.0", false), ("2147483648:1.0", false), ("1.0-a_b", false), ("1 0", false), ("1.0é", false),
        ("1.0-1~é", false), ("1:a1.0", false),
    ]

    @Test("syntax as dpkg checks it", arguments: validitySamples)
    func validity(_ version: String, _ valid: Bool) {
        #expect(VersionSchemeKind.deb.isValid(version) == valid)
        #expect((VersionSchemeKind.deb.compare(version, "1.0") != nil) == valid)
    }

    @Test("empty and signed epochs are invalid")
    func stricterThanDpkg() {
        // dpkg treats "" as a blank version and lets strtol read "+1"; neither is a version here.
        #expect(!VersionSchemeKind.deb.isValid(""))
        #expect(!VersionSchemeKind.deb.isValid("+1:1.0"))
    }
}
