import Foundation
import Testing

@testable import RecscanCore

/// The Done-when of real vulnerability data: a real SBOM (cyclonedx-py of a venv with old pins)
/// and a Go service, a catalog of rules that name only CVEs, and the real PyPA and Go advisories
/// give exactly the rules whose advisories affect the installed versions, and exactly the
/// uncovered vulnerabilities, as an independent evaluation of the same advisories says: Python's
/// `packaging` for PEP 440 and the `semver` package for Go's SEMVER ranges.
@Suite("OSV advisories against an independent evaluation")
struct OSVCrossCheckTests {
    static let python = VersionOracle.python(importing: "packaging.version, semver, yaml")

    @Test(
        "recommended rules and uncovered vulnerabilities match packaging and semver",
        .enabled(if: python != nil, "needs python3 with packaging, semver and PyYAML")
    )
    func scanAgreesWithTheOracle() async throws {
        let inputs = try await ScanInputs.load(OSVFixtures.options()) { _ in }
        #expect(inputs.rejected.isEmpty, "\(inputs.rejected)")
        var analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: inputs.catalog)), fleet: inputs.fleet,
            referenceTime: Fixture.referenceTime, maxAgeDays: 100_000)
        analyzer.uncovered = inputs.uncovered
        let ownCatalog = try CatalogReader.read(path: OSVFixtures.catalog)
        let named = Set(ownCatalog.rules.values.flatMap(\.cves))
        #expect(inputs.hosts.count == 2)
        for host in inputs.hosts {
            let inventory = try #require(host.inventory)
            let affected = try oracle(inventory.packages)
            #expect(!affected.isEmpty, "the oracle finds nothing on \(host.hostname)")
            let expectedRules = Set(
                ownCatalog.rules.values.filter { rule in
                    rule.applies.software.isEmpty && affected.contains { !$0.identifiers.isDisjoint(with: rule.cves) }
                }
                .map(\.id))
            let expectedUncovered = Set(
                affected.filter { $0.identifiers.isDisjoint(with: named) }.map { "\($0.id) \($0.package)" })

            let report = analyzer.analyze(host).report
            let recommended = Set(report.rules.filter { $0.outcome == .toAssign }.map(\.ruleID))
            let uncovered = Set(
                report.findings.compactMap { finding in
                    finding.vulnerability.map {
                        "\($0.advisoryID) \(Ecosystem.pypi == $0.ecosystem ? $0.name.lowercased() : $0.name)"
                    }
                })
            #expect(recommended == expectedRules, "\(host.hostname)")
            #expect(uncovered == expectedUncovered, "\(host.hostname)")
            #expect(report.rules.allSatisfy { $0.apply != .manual || $0.reason == .autoApplyOff })
            print(
                "osv cross-check \(host.hostname): \(affected.count) advisory hits, rules \(recommended.sorted()),"
                    + " \(uncovered.count) uncovered")
        }
    }

    /// An advisory the oracle says affects one installed package.
    struct Hit: Hashable {
        var id: String
        var identifiers: Set<String>
        var package: String
    }

    /// What `osv_oracle.py` says of the packages.
    private func oracle(_ packages: [InstalledPackage]) throws -> Set<Hit> {
        let lines = packages.filter { $0.ecosystem == .pypi || $0.ecosystem == .golang }
            .map { "\($0.ecosystem.rawValue)\t\($0.name)\t\($0.version)" }
        let python = try #require(Self.python)
        let output = try #require(
            VersionOracle.run(
                "/usr/bin/env", [python, OSVFixtures.oracle, OSVFixtures.pypa, OSVFixtures.go],
                input: lines.joined(separator: "\n") + "\n"))
        #expect(output.status == 0, "\(output.stderr)")
        return Set(
            output.lines.map { line in
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                let aliases = fields[1].split(separator: ",").map(String.init)
                let name = fields[2] == "pypi" ? fields[3].lowercased() : fields[3]
                return Hit(id: fields[0], identifiers: Set([fields[0]] + aliases), package: name)
            })
    }
}
