import RecscanCore
import Testing

/// The generic dotted-numbers-and-letters order.
@Suite("generic versions")
struct GenericVersionTests {
    @Test(
        "ordering",
        arguments: [
            ("1.0", "1.0.0", 0), ("1.01", "1.1", 0), ("1.0A", "1.0a", 0), ("1.0-1", "1.0.1", 0),
            ("1.0", "1.0a", -1), ("1.0a", "1.0b", -1), ("1.0a", "1.0.1", -1), ("1.0.0", "1.0a", -1),
            ("1.9.9", "2", -1), ("1.2", "1.10", -1), ("10.0.19041", "10.0.19041.1", -1),
            ("1.0.2k", "1.0.2l", -1), ("1.0.2zh", "1.1.0", -1),
            ("1.99999999999999999999999", "1.100000000000000000000000", -1),
        ] as [(String, String, Int)]
    )
    func ordering(_ left: String, _ right: String, _ expected: Int) {
        #expect(VersionSchemeKind.generic.compare(left, right) == expected)
        #expect(VersionSchemeKind.generic.compare(right, left) == -expected)
    }

    @Test("the order is transitive around letters and padding")
    func transitive() {
        let versions = ["1", "1.0", "1.0.0", "1.0a", "1.0.a", "1.0b", "1.0.1", "1.0.1a", "1.a", "1a", "2"]
        for a in versions {
            for b in versions {
                for c in versions {
                    guard let ab = VersionSchemeKind.generic.compare(a, b),
                        let bc = VersionSchemeKind.generic.compare(b, c),
                        let ac = VersionSchemeKind.generic.compare(a, c)
                    else {
                        Issue.record("invalid")
                        return
                    }
                    if ab <= 0 && bc <= 0 { #expect(ac <= 0, "\(a) <= \(b) <= \(c)") }
                }
            }
        }
    }

    @Test(
        "invalid without a digit",
        arguments: [("", false), ("abc", false), ("..", false), ("a1", true), ("1", true)]
    )
    func validity(_ version: String, _ valid: Bool) {
        #expect(VersionSchemeKind.generic.isValid(version) == valid)
    }
}
