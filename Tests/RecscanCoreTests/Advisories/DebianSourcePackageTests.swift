import Foundation
import Testing

@testable import RecscanCore

/// Debian's and Ubuntu's advisories name source packages and their versions: `openssl` covers
/// `libssl3`, and a binNMU's `+b1` binary is placed by its source's version.
@Suite("Advisories that name Debian source packages")
struct DebianSourcePackageTests {
    /// A dpkg status file of a Debian 12 host (made for this test).
    static let status = """
        Package: base-files
        Status: install ok installed
        Version: 12.4+deb12u5

        Package: libssl3
        Status: install ok installed
        Source: openssl
        Version: 3.0.9-1

        Package: openssl
        Status: install ok installed
        Version: 3.0.9-1

        Package: libc6
        Status: install ok installed
        Source: glibc
        Version: 2.36-9+deb12u3

        Package: zlib1g
        Status: install ok installed
        Source: zlib (1:1.2.13.dfsg-1)
        Version: 1:1.2.13.dfsg-1+b1

        """

    /// Advisories in OSV's Debian form (made for this test): each names a source package.
    static let advisories = """
        [{"id": "TEST-DSA-1", "aliases": ["CVE-2099-1001"],
          "affected": [
            {"package": {"name": "openssl", "ecosystem": "Debian:12"},
             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.11-1~deb12u1"}]}]},
            {"package": {"name": "openssl", "ecosystem": "Debian:11"},
             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.1.1w-0+deb11u1"}]}]}]},
         {"id": "TEST-DSA-2", "aliases": ["CVE-2099-1002"],
          "affected": [{"package": {"name": "glibc", "ecosystem": "Debian:12"},
             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.36-9+deb12u4"}]}]}]},
         {"id": "TEST-DSA-3", "aliases": ["CVE-2099-1003"],
          "affected": [{"package": {"name": "zlib", "ecosystem": "Debian:12"},
             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:1.2.13.dfsg-1+deb12u1"}]}]}]}]
        """

    @Test func sourcePackagesMatchTheirBinariesBySourceVersion() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("in/deb12host", Self.status)
        let advisories = try folder.write("osv/debian.json", Self.advisories)
        let catalog = try folder.write(
            "catalog.xml",
            """
            <catalog xmlns="urn:recscan:catalog:1" version="test">
              <rule id="3000001" module="intrusion-prevention" name="OpenSSL" severity="high"><cve>CVE-2099-1001</cve></rule>
              <rule id="3000002" module="intrusion-prevention" name="zlib" severity="high"><cve>CVE-2099-1003</cve></rule>
              <rule id="3000003" module="intrusion-prevention" name="own openssl" severity="low">
                <applies><software ecosystem="deb" name="openssl" fixed="3.0.0"/></applies></rule>
            </catalog>
            """)
        var options = ScanOptions()
        options.inventories = folder.path + "/in"
        options.catalogPath = catalog
        options.advisoryPaths = [advisories]
        options.referenceTime = Fixture.referenceTime
        let inputs = try await ScanInputs.load(options) { _ in }
        var analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: inputs.catalog)), fleet: inputs.fleet,
            referenceTime: Fixture.referenceTime, maxAgeDays: 100_000)
        analyzer.uncovered = inputs.uncovered
        let host = try #require(inputs.hosts.first)
        #expect(host.inventory?.os?.version.hasPrefix("12") == true)
        let report = analyzer.analyze(host).report
        let rules = Dictionary(uniqueKeysWithValues: report.rules.map { ($0.ruleID, $0) })

        // openssl 3.0.9-1 is below Debian 12's fix: both binaries built from it are evidence;
        // the Debian 11 entry does not apply to this host.
        let openssl = try #require(rules["3000001"])
        #expect(openssl.outcome == .toAssign)
        #expect(openssl.evidence.compactMap { $0.value("name") }.sorted() == ["libssl3", "openssl"])
        #expect(openssl.evidence.allSatisfy { $0.value("range") == "[0, 3.0.11-1~deb12u1)" })
        // zlib1g is a binNMU (1:1.2.13.dfsg-1+b1): its source's version 1:1.2.13.dfsg-1 is placed.
        let zlib = try #require(rules["3000002"])
        #expect(zlib.evidence.first?.value("version") == "1:1.2.13.dfsg-1")
        // A catalog rule's own deb name stays a binary name: libssl3 is not "openssl".
        #expect(rules["3000003"] == nil)
        // glibc's advisory names no rule: libc6 is an uncovered vulnerability.
        let uncovered = report.findings.compactMap(\.vulnerability)
        #expect(uncovered.map(\.advisoryID) == ["TEST-DSA-2"])
        #expect(uncovered.first?.name == "libc6")
        #expect(uncovered.first?.fixed == "2.36-9+deb12u4")

        let explanation = Explainer(
            catalog: inputs.catalog, fleet: inputs.fleet, referenceTime: Fixture.referenceTime, maxAgeDays: 100_000,
            uncovered: inputs.uncovered
        ).explain(host, ruleID: "3000001")
        let text = ExplanationText.render(explanation)
        #expect(text.contains("deb libssl3 (source openssl) 3.0.9-1 is inside [0, 3.0.11-1~deb12u1)"), "\(text)")
        #expect(text.contains("only for"), "\(text)")
    }
}
