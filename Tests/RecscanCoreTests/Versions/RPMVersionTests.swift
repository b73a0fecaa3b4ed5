import RecscanCore
import Testing

/// rpmvercmp's ordering, and the bound rule for ranges; every expectation was checked with rpm 4.18.
@Suite("rpm versions")
struct RPMVersionTests {
    static let orderings: [(String, String, Int)] = [
        ("1.0~rc1", "1.0", -1),
        ("1.0~", "1.0", -1),
        ("1.0", "1.0~", 1),
        ("1.0^git1", "1.0", 1),
        ("1.0^", "1.0", 1),
        ("1.0^", "1.0.1", -1),
        ("1.0^a", "1.0^1", -1),
        ("1.0^1", "1.0~1", 1),
        ("1.0~rc1^git", "1.0~rc1", 1),
        ("1.0-1.el6_4", "1.0-1.el6_5", -1),
        ("1.0.1e-16.el6_5.7", "1.0.1e-16.el6_5", 1),
        ("1.0a", "1.0.1", -1),  // a number beats letters
        ("1.0", "1.0a", -1),
        ("1.0a", "1.0b", -1),
        ("a", "1", -1),
        ("2.0", "10.0", -1),
        ("1.001", "1.1", 0),
        ("1.0.", "1.0", 0),  // separators only separate
        ("1.0_1", "1.0.1", 0),
        ("0:1.0", "1.0", 0),  // the epoch defaults to 0
        ("1:0.1", "9.9", 1),
        ("1.0", "1.0-1", -1),  // no release sorts before any release
        ("1.99999999999999999999999", "1.100000000000000000000000", -1),
    ]

    @Test("ordering edge cases", arguments: orderings)
    func ordering(_ left: String, _ right: String, _ expected: Int) {
        #expect(VersionSchemeKind.rpm.compare(left, right) == expected)
        #expect(VersionSchemeKind.rpm.compare(right, left) == -expected)
    }

    static let boundOrderings: [(String, String, Int)] = [
        ("1.0-5", "1.0", 0),  // a bound without release covers every release
        ("1.0-5", "0:1.0", 0),
        ("1.0-5", "1.1", -1),
        ("1:1.0-1", "1.1", 1),
        ("1.0-5", "1.0-6", -1),  // a bound with a release compares it
        ("1.0", "1.0-1", -1),  // an installed version without release is below it
        ("1.0", "1.0", 0),
    ]

    @Test("bounds without a release compare epoch and version only", arguments: boundOrderings)
    func bound(_ version: String, _ bound: String, _ expected: Int) {
        #expect(VersionSchemeKind.rpm.compare(version: version, toBound: bound) == expected)
    }

    @Test(
        "invalid only when empty or without a letter or digit",
        arguments: [
            ("", false), ("...", false), ("~^", false), ("-", false), ("1", true), ("a", true), ("1.0-", true),
            (":1.0", true), ("a:1.0", true),
        ]
    )
    func validity(_ version: String, _ valid: Bool) {
        #expect(VersionSchemeKind.rpm.isValid(version) == valid)
    }
}
