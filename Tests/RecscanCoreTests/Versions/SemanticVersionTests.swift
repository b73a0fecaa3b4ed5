import RecscanCore
import Testing

/// SemVer 2.0.0 precedence and the lenient inputs.
@Suite("semver versions")
struct SemanticVersionTests {
    @Test("the precedence chain of the specification")
    func specificationChain() {
        let chain = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0",
        ]
        for (lower, higher) in zip(chain, chain.dropFirst()) {
            #expect(VersionSchemeKind.semver.compare(lower, higher) == -1, "\(lower) < \(higher)")
            #expect(VersionSchemeKind.semver.compare(higher, lower) == 1, "\(higher) > \(lower)")
        }
    }

    @Test(
        "equal precedence",
        arguments: [
            ("1.0.0+build.5", "1.0.0"), ("1.0.0-rc.1+a", "1.0.0-rc.1+b"), ("v1.2.3", "1.2.3"), ("V1.2.3", "1.2.3"),
            ("1.2", "1.2.0"), ("1", "1.0.0"), ("1.2-rc.1", "1.2.0-rc.1"),
        ]
    )
    func equal(_ left: String, _ right: String) {
        #expect(VersionSchemeKind.semver.compare(left, right) == 0)
    }

    @Test("numbers of any length")
    func longNumbers() {
        #expect(VersionSchemeKind.semver.compare("1.2.99999999999999999999999", "1.2.100000000000000000000000") == -1)
        #expect(VersionSchemeKind.semver.compare("1.0.0-99999999999999999999", "1.0.0-100000000000000000000") == -1)
        #expect(VersionSchemeKind.semver.compare("1.0.0-999", "1.0.0-a") == -1)  // numbers before text
    }

    @Test(
        "validity",
        arguments: [
            ("1.2.3", true), ("1.2.3-0", true), ("1.2.3-alpha-1", true), ("1.2.3+001", true),
            ("1.2.3-rc.1+build.5", true), ("0.0.0", true), ("v1", true),
            ("", false), ("v", false), ("01.2.3", false), ("1.02.3", false), ("1.2.3.4", false), ("1.2.3-", false),
            ("1.2.3-01", false), ("1.2.3+", false), ("1.2.3-a..b", false), ("1..3", false), ("a.b.c", false),
            ("1.2.3-é", false), ("vv1.2.3", false), (" 1.2.3", false),
        ]
    )
    func validity(_ version: String, _ valid: Bool) {
        #expect(VersionSchemeKind.semver.isValid(version) == valid)
    }
}
