import Testing

@testable import RecscanCore

/// OSV's evaluation rules, each on a small advisory.
@Suite("OSV advisory semantics")
struct AdvisorySemanticsTests {
    /// Go's GO-2022-0969 shape: two introduced/fixed pairs, listed out of order.
    static let twoPairs = OSVFixtures.advisory(
        affected: """
            - package: {name: stdlib, ecosystem: Go}
              ranges:
              - type: SEMVER
                events: [{fixed: 1.19.1}, {introduced: 1.19.0-0}, {introduced: "0"}, {fixed: 1.18.6}]

            """)

    @Test(
        "events are sorted, introduced opens and fixed closes at or below",
        arguments: [
            ("1.17.0", "affected"), ("v1.18.5", "affected"), ("1.18.6", "patched"), ("1.18.9", "patched"),
            ("1.19.0-rc.1", "affected"), ("1.19.0", "affected"), ("1.19.1", "patched"), ("2.0.0", "patched"),
        ])
    func severalPairs(installed: String, expected: String) throws {
        #expect(try OSVFixtures.standing(Self.twoPairs, installed: installed) == expected)
    }

    @Test func lastAffectedClosesOnlyStrictlyBelow() throws {
        let yaml = OSVFixtures.advisory(
            affected: """
                - package: {name: py, ecosystem: PyPI}
                  ranges:
                  - type: ECOSYSTEM
                    events: [{introduced: "0"}, {last_affected: 1.11.0}]

                """)
        #expect(try OSVFixtures.standing(yaml, installed: "1.11.0") == "affected")
        #expect(try OSVFixtures.standing(yaml, installed: "1.11.0.post1") == "patched")
    }

    @Test func aListedVersionIsAffectedWhateverTheRangesSay() throws {
        let yaml = OSVFixtures.advisory(
            affected: """
                - package: {name: pkg, ecosystem: PyPI}
                  ranges:
                  - type: ECOSYSTEM
                    events: [{introduced: "2.0"}, {fixed: "2.1"}]
                  versions: ["1.5", "2.0"]

                """)
        #expect(try OSVFixtures.standing(yaml, installed: "1.5") == "affected")
        #expect(try OSVFixtures.standing(yaml, installed: "1.5.0") == "affected")
        #expect(try OSVFixtures.standing(yaml, installed: "1.6") == "not-affected")
        #expect(try OSVFixtures.standing(yaml, installed: "2.1") == "patched")
    }

    /// The lookup by leading number against a plain scan of the list, on every listed version,
    /// other spellings of a few (`v1.0`, `1.0.0`, `01.0`, an epoch) and misses.
    @Test func everyListedVersionOfTheFixturesIsFound() throws {
        let set = try AdvisoryReader.read(paths: [OSVFixtures.pypa], limits: .standard)
        var checked = 0
        for advisory in set.advisories {
            for package in advisory.affected where !package.versions.isEmpty {
                let range = AffectedRange(scheme: .pep440)
                let listed = PreparedRange.listing(package.versions, in: range)
                let respelled = package.versions.prefix(3).flatMap { ["v" + $0, $0 + ".0", "0" + $0, "0!" + $0] }
                for version in package.versions + respelled + ["999.0", "0.0.0.0.1", "not a version"] {
                    let expected = package.versions.contains {
                        $0 == version || VersionSchemeKind.pep440.compare($0, version) == 0
                    }
                    #expect(listed.verdict(for: version) == (expected ? .affected : .notAffected), "\(version)")
                    checked += 1
                }
            }
        }
        #expect(checked > 5_000)
    }

    @Test func severalAffectedEntriesAreAlternatives() throws {
        let yaml = OSVFixtures.advisory(
            affected: """
                - package: {name: pkg, ecosystem: PyPI}
                  ranges: [{type: ECOSYSTEM, events: [{introduced: "1.0"}, {fixed: "1.2"}]}]
                - package: {name: pkg, ecosystem: PyPI}
                  ranges: [{type: ECOSYSTEM, events: [{introduced: "3.0"}, {fixed: "3.1"}]}]

                """)
        #expect(try OSVFixtures.standing(yaml, installed: "3.0.5") == "affected")
        #expect(try OSVFixtures.standing(yaml, installed: "2.0") == "patched")
        #expect(try OSVFixtures.standing(yaml, installed: "0.9") == "not-affected")
    }

    @Test func gitRangesAloneAreUncertainNeverPatched() throws {
        let gitOnly = OSVFixtures.advisory(
            affected: """
                - package: {name: pkg, ecosystem: PyPI}
                  ranges: [{type: GIT, repo: "https://example.invalid/pkg", events: [{introduced: "0"}, {fixed: abc123}]}]

                """)
        #expect(try OSVFixtures.standing(gitOnly, installed: "9.9") == "uncertain")
        let withVersions = gitOnly + "  versions: ['1.0']\n"
        #expect(try OSVFixtures.standing(withVersions, installed: "1.0") == "affected")
        #expect(try OSVFixtures.standing(withVersions, installed: "9.9") == "not-affected")
    }

    @Test func anInvalidEventVersionMakesTheRangeUncertain() throws {
        let yaml = OSVFixtures.advisory(
            affected: """
                - package: {name: pkg, ecosystem: PyPI}
                  ranges: [{type: ECOSYSTEM, events: [{introduced: "0"}, {fixed: "not a version!"}]}]

                """)
        #expect(try OSVFixtures.standing(yaml, installed: "1.0") == "uncertain")
    }

    @Test func aDistributionSuffixLimitsTheAlternativeToThatRelease() throws {
        let yaml = OSVFixtures.advisory(
            affected: """
                - package: {name: openssl, ecosystem: "Debian:12"}
                  ranges: [{type: ECOSYSTEM, events: [{introduced: "0"}, {fixed: "3.0.11-1~deb12u1"}]}]

                """)
        let bookworm = OperatingSystem(family: "linux", name: "debian", version: "12")
        let bullseye = OperatingSystem(family: "linux", name: "debian", version: "11")
        #expect(try OSVFixtures.standing(yaml, installed: "3.0.9-1", os: bookworm) == "affected")
        #expect(try OSVFixtures.standing(yaml, installed: "3.0.9-1", os: bullseye) == "not-affected")
        #expect(try OSVFixtures.standing(yaml, installed: "3.0.9-1", os: nil) == "not-affected")
        #expect(OSVEcosystem("Ubuntu:Pro:18.04:LTS")?.operatingSystem == OSConstraint(name: "ubuntu", version: "18.04"))
        #expect(OSVEcosystem("Rocky Linux:9")?.ecosystem == .rpm)
        #expect(OSVEcosystem("Hackage") == nil)
    }

    @Test func thePackageURLWinsOverTheEcosystemAndName() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "a.yaml",
            OSVFixtures.advisory(
                affected: """
                    - package: {name: Log4j Core, ecosystem: Maven, purl: "pkg:maven/org.apache.logging.log4j/log4j-core"}
                      versions: ["2.14.1"]

                    """))
        let package = try #require(AdvisoryReader.read(file: path, limits: .standard).advisories.first?.affected.first)
        #expect(package.ecosystem == .maven)
        #expect(package.name == "org.apache.logging.log4j:log4j-core")
    }

    @Test func aRuleWithItsOwnSoftwareKeepsIt() throws {
        let catalog = try Fixture.catalog(
            """
            <rule id="1" module="intrusion-prevention" name="own" severity="low"><cve>CVE-2099-0001</cve>
              <applies><software ecosystem="pypi" name="pkg" fixed="1.0"/></applies></rule>
            <rule id="2" module="intrusion-prevention" name="fed" severity="low"><cve>cve-2099-0001</cve></rule>
            """)
        let advisory = Advisory(
            id: "TEST-1", aliases: ["CVE-2099-0001"], summary: nil, severity: nil,
            affected: [
                AdvisoryPackage(
                    ecosystem: .pypi, name: "pkg", osvEcosystem: "PyPI", operatingSystem: nil, ranges: [],
                    versions: ["2.0"], line: 1)
            ], file: "a.yaml", line: 1)
        let (joined, fed) = catalog.joining([advisory])
        #expect(fed == ["2"])
        #expect(joined.rules["1"]?.applies.software.first?.advisory == nil)
        #expect(joined.rules["2"]?.applies.software.first?.advisory?.advisoryID == "TEST-1")
        #expect(UncoveredAdvisories([advisory], catalog: joined).count == 0)
    }
}
