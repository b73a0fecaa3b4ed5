import RecscanCore
import Testing

/// PEP 440 normalisation and ordering.
@Suite("pep440 versions")
struct PEP440VersionTests {
    @Test(
        "ordering",
        arguments: [
            ("1.0-rc1", "1.0rc1", 0), ("1.0.post1", "1.0-1", 0), ("1.0a1", "1.0alpha1", 0), ("1.0", "1.0.0", 0),
            ("v1.0", "1.0", 0), ("1.0c1", "1.0rc1", 0), ("1.0-r1", "1.0.post1", 0), ("1.0.DEV", "1.0.dev0", 0),
            ("1.0.dev0", "1.0a1", -1), ("1.0a1.dev1", "1.0a1", -1), ("1.0a1", "1.0b1", -1), ("1.0rc1", "1.0", -1),
            ("1.0", "1.0.post1", -1), ("1.0.post1.dev1", "1.0.post1", -1), ("1.0", "1.0+local", -1),
            ("1.0+abc", "1.0+1", -1), ("1.0+1.2", "1.0+1.10", -1), ("2.0", "1!0.1", -1),
            ("1.2", "1.10", -1), ("1.99999999999999999999999", "1.100000000000000000000000", -1),
        ] as [(String, String, Int)]
    )
    func ordering(_ left: String, _ right: String, _ expected: Int) {
        #expect(VersionSchemeKind.pep440.compare(left, right) == expected)
        #expect(VersionSchemeKind.pep440.compare(right, left) == -expected)
    }

    @Test(
        "validity",
        arguments: [
            ("1.0", true), (" 1.0 ", true), ("1.0a.", true), ("1!1.0.post2.dev3+ubuntu-1.x", true),
            ("", false), ("abc", false), ("1.0+", false), ("1.0..1", false), ("1.0aa", false), ("1.0+a..b", false),
            ("1.0-", false),
        ]
    )
    func validity(_ version: String, _ valid: Bool) {
        #expect(VersionSchemeKind.pep440.isValid(version) == valid)
    }
}
