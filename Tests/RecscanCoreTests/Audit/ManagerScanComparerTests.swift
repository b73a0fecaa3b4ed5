import Testing

@testable import RecscanCore

/// The manager's own recommendation scans of the sample export, set against recscan's: they
/// agree except where the sample's README says they should not, each with its likeliest cause.
struct ManagerScanComparerTests {
    static func comparisons() async throws -> [String: ManagerComparison?] {
        let analyses = try await DeepSecuritySampleTests.analyses(DeepSecurityExportTests.options())
        return Dictionary(uniqueKeysWithValues: analyses.map { ($0.report.hostname, $0.report.manager) })
    }

    @Test func theSampleDisagreesWhereItWasMadeTo() async throws {
        let comparisons = try await Self.comparisons()
        var disagreements: [String] = []
        for host in comparisons.keys.sorted() {
            for item in comparisons[host]??.disagreements ?? [] {
                disagreements.append("\(host) \(item.ruleID) \(item.direction.rawValue) \(item.cause.rawValue)")
            }
        }
        #expect(
            disagreements == [
                "mail02 1011874 recscan-assigns manager-scan-outdated",
                "web01 1012301 manager-assigns not-in-catalog",
                "winfs01 1004293 manager-assigns excluded",
            ])
        // dns01 has no scan by the manager; app04 has no inventory to compare with.
        #expect(comparisons["dns01"] == .some(nil))
        #expect(comparisons["app04"] == .some(nil))
        let web02 = try #require(comparisons["web02"] ?? nil)
        #expect(web02.agreements > 0 && web02.disagreements.isEmpty)
    }

    @Test func aFreshScanThatMissesARuleBlamesTheManagerAndAStaleOneItsAge() {
        let catalog = Catalog(version: "1", applicationTypes: [:], rules: [:])
        var report = HostReport(hostname: "h", status: .ok)
        report.rules = [
            RuleResult(
                ruleID: "1", module: .intrusionPrevention, name: "r", severity: .high, outcome: .toAssign, apply: .auto,
                reason: nil, blocks: true)
        ]
        var scan = ManagerScan(
            module: .intrusionPrevention, status: "valid", scanned: "2026-11-28T10:00:00Z", recommendedToAssign: [],
            recommendedToUnassign: [], file: "f")
        let comparer = ManagerScanComparer(catalog: catalog)
        let collected = Timestamps.epochSeconds(dateTime: "2026-11-28T08:00:00Z")
        let fresh = comparer.compare([scan], report: report, collectedEpochSeconds: collected)
        #expect(fresh?.disagreements.map(\.cause) == [.managerMissed])
        scan.scanned = "2026-11-27T10:00:00Z"
        let older = comparer.compare([scan], report: report, collectedEpochSeconds: collected)
        #expect(older?.disagreements.map(\.cause) == [.managerScanOutdated])
    }
}
