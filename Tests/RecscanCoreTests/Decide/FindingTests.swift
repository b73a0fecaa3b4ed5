import Foundation
import Testing

@testable import RecscanCore

@Suite("Audit findings")
struct FindingTests {
    private func analyze(
        fleet: String, host: String = "<listen protocol=\"tcp\" port=\"443\"/>",
        collected: String = "2026-11-28T08:00:00Z"
    ) throws -> HostReport {
        let catalog = try Fixture.catalog(OutcomeTests.catalogXML)
        return Fixture.analyze(
            catalog: catalog, fleet: try Fixture.fleet(fleet), host: try Fixture.host(host, collected: collected)
        ).report
    }

    @Test func manualAssignmentIsHighWhenTheRuleBlocks() throws {
        let inline = try analyze(fleet: "<computer hostname=\"web01\"><assign rule=\"1000763\"/></computer>")
        let finding = try #require(inline.findings(.manualAssignment).first)
        #expect(finding.severity == .high && finding.ruleID == "1000763")
        let tap = try analyze(
            fleet: "<computer hostname=\"web01\" engineMode=\"tap\"><assign rule=\"1000763\"/></computer>")
        #expect(tap.findings(.manualAssignment).first?.severity == .medium)
        #expect(tap.findings(.engineTapOverride).first?.severity == .high)
        #expect(tap.findings(.engineTapOverride).first?.level == .computer)
    }

    @Test func multiLevelAssignmentNamesEveryLevel() throws {
        let report = try analyze(
            fleet: """
                <policy id="p"><assign rule="1000128"/></policy>
                <computer hostname="web01" policy="p"><assign rule="1000128"/></computer>
                """)
        let finding = try #require(report.findings(.multiLevelAssignment).first)
        #expect(finding.message.contains("policy p, the computer"))
        #expect(finding.severity == .medium)
    }

    @Test func assignedButExcluded() throws {
        let report = try analyze(
            fleet: """
                <computer hostname="web01"><assign rule="1000128"/>
                  <override rule="1000128" recommendations="excluded" reason="r" by="me"/></computer>
                """)
        #expect(report.rule("1000128")?.outcome == .excluded)
        #expect(report.rule("1000128")?.assignedAt == [.computer])
        #expect(report.findings(.assignedButExcluded).map(\.ruleID) == ["1000128"])
    }

    @Test func unusedExclusionOnTheComputerIsLow() throws {
        let report = try analyze(
            fleet: """
                <computer hostname="web01"><override rule="2000001" recommendations="excluded" reason="r"/></computer>
                """)
        let finding = try #require(report.findings(.unusedExclusion).first)
        #expect(finding.ruleID == "2000001" && finding.severity == .low)
    }

    @Test func expiredExclusionIsReportedOnlyWhenTheRuleIsBack() throws {
        let back = try analyze(
            fleet: """
                <computer hostname="web01"><override rule="1000128" recommendations="excluded" expires="2026-01-01"/></computer>
                """)
        #expect(back.findings(.expiredExclusion).first?.severity == .low)
        let stillHidden = try analyze(
            fleet: """
                <policy id="p"><override rule="1000128" recommendations="excluded"/></policy>
                <computer hostname="web01" policy="p"><override rule="1000128" recommendations="excluded" expires="2026-01-01"/></computer>
                """)
        #expect(stillHidden.findings(.expiredExclusion).isEmpty)
        #expect(stillHidden.rule("1000128")?.excludedBy?.level == .policy("p"))
    }

    @Test func unknownRuleAndMissingDependency() throws {
        let report = try analyze(
            fleet: "<computer hostname=\"web01\"><assign rule=\"1000763\"/><assign rule=\"1234567\"/></computer>")
        #expect(report.findings(.unknownRule).map(\.ruleID) == ["1234567"])
        // 1000763 needs 1000128, which nobody assigned and autoApply is off.
        #expect(report.findings(.missingDependency).map(\.ruleID) == ["1000763"])
        let covered = try analyze(
            fleet: """
                <computer hostname="web01"><settings module="intrusion-prevention" autoApply="yes"/><assign rule="1000763"/></computer>
                """)
        #expect(covered.findings(.missingDependency).isEmpty)
    }

    @Test func staleInventoryChangesTheStatus() throws {
        let report = try analyze(fleet: "", collected: "2026-11-01T00:00:00Z")
        #expect(report.status == .stale)
        #expect(report.findings(.staleInventory).first?.message.contains("28 days") == true)
    }

    @Test func inventoryErrorAndNoInventoryHosts() throws {
        let catalog = try Fixture.catalog(OutcomeTests.catalogXML)
        let fleet = try Fixture.fleet(
            "<computer hostname=\"db01\" engineMode=\"tap\"><assign rule=\"1000128\"/></computer>")
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: catalog)), fleet: fleet, referenceTime: Fixture.referenceTime,
            maxAgeDays: 7)
        let missing = analyzer.analyze(HostInput(hostname: "DB01", inventory: nil, errors: [])).report
        #expect(missing.status == .noInventory && missing.rules.isEmpty)
        #expect(missing.policyID == nil && missing.settings?.engineModeSetAt == .computer)
        #expect(missing.findings(.engineTapOverride).count == 1)
        let broken = analyzer.analyze(
            HostInput(
                hostname: "x", inventory: nil,
                errors: [InputError(file: "x.xml", line: 3, column: 7, message: "is not well-formed XML")])
        ).report
        #expect(broken.status == .error)
        #expect(broken.findings(.inventoryError).first?.severity == .high)
        #expect(broken.findings(.inventoryError).first?.message.contains("x.xml:3:7") == true)
    }

    @Test func findingsAreSortedBySeverityThenKind() throws {
        let report = try analyze(
            fleet: """
                <computer hostname="web01" engineMode="tap"><assign rule="1000763"/><assign rule="1234567"/>
                  <override rule="2000001" recommendations="excluded"/></computer>
                """)
        let severities = report.findings.map(\.severity)
        #expect(severities == severities.sorted(by: >))
        #expect(report.findings.first?.kind == .engineTapOverride)
    }
}
