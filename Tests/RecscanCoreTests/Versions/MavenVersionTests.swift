import RecscanCore
import Testing

/// Maven ComparableVersion's qualifiers and list rules.
@Suite("maven versions")
struct MavenVersionTests {
    @Test("the qualifier chain")
    func qualifierChain() {
        let chain = ["1-alpha", "1-beta", "1-milestone", "1-rc", "1-snapshot", "1", "1-sp", "1-foo", "1-1", "1.1"]
        for (lower, higher) in zip(chain, chain.dropFirst()) {
            #expect(VersionSchemeKind.maven.compare(lower, higher) == -1, "\(lower) < \(higher)")
            #expect(VersionSchemeKind.maven.compare(higher, lower) == 1, "\(higher) > \(lower)")
        }
    }

    @Test(
        "equal versions",
        arguments: [
            ("1-rc", "1-cr"), ("1", "1-ga"), ("1", "1.0.0-final"), ("1", "1-RELEASE"), ("1.0-alpha1", "1.0-a1"),
            ("1.0-1", "1-1"), ("1.0", "1"), ("1.0.0.0", "1-0"), ("1.0-SNAPSHOT", "1-snapshot"),
        ]
    )
    func equal(_ left: String, _ right: String) {
        #expect(VersionSchemeKind.maven.compare(left, right) == 0)
    }

    @Test(
        "validity",
        arguments: [("", false), ("LATEST", false), ("1 .0", false), ("1", true), ("1.0-SNAPSHOT", true)]
    )
    func validity(_ version: String, _ valid: Bool) {
        #expect(VersionSchemeKind.maven.isValid(version) == valid)
    }
}
