import Foundation
import Testing

@testable import RecscanCore

@Suite("Fleet-wide exclusion hygiene")
struct FleetExclusionAuditTests {
    /// Policy `web` holds a, b, c (and x, never inventoried); the exclusion of 1004293 (needs tcp/445)
    /// is set on the policy and on computer b.
    static let fleetXML = """
        <policy id="web">
          <override rule="1004293" recommendations="excluded" reason="LNK resets" by="ops" expires="2027-03-31"/>
          <override rule="1006012" recommendations="excluded" by="ops"/>
        </policy>
        <computer hostname="a" policy="web"/><computer hostname="b" policy="web">
          <override rule="1004293" recommendations="excluded" reason="" by="ann" expires="2026-01-01"/></computer>
        <computer hostname="c" policy="web"/><computer hostname="x" policy="web"/>
        """

    private func audit(smbHosts: Set<String>, fleetXML: String = Self.fleetXML) throws -> [FleetExclusion] {
        let catalog = try Fixture.catalog(OutcomeTests.catalogXML)
        let fleet = try Fixture.fleet(fleetXML)
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: catalog)), fleet: fleet,
            referenceTime: Fixture.referenceTime, maxAgeDays: 7)
        var audit = FleetExclusionAudit(fleet: fleet, referenceDay: Fixture.referenceTime / 86_400)
        for name in ["a", "b", "c"] {
            let port = smbHosts.contains(name) ? "<listen protocol=\"tcp\" port=\"445\"/>" : ""
            let host = try Fixture.host("<os family=\"linux\" name=\"debian\" version=\"12\"/>\(port)", hostname: name)
            audit.observe(analyzer.analyze(HostInput(hostname: name, inventory: host, errors: [])), fleet: fleet)
        }
        audit.observe(analyzer.analyze(HostInput(hostname: "x", inventory: nil, errors: [])), fleet: fleet)
        return audit.results
    }

    private func exclusion(_ results: [FleetExclusion], _ level: Level, _ rule: String) -> FleetExclusion? {
        results.first { $0.level == level && $0.ruleID == rule }
    }

    @Test func policyExclusionNeededByFewOfItsHostsIsBroad() throws {
        let results = try audit(smbHosts: ["a"])
        let policy = try #require(exclusion(results, .policy("web"), "1004293"))
        #expect(policy.state == .active)
        // x has no inventory and is not counted.
        #expect(policy.hosts == 3 && policy.needing == 1)
        #expect(policy.issues == [.broad])
    }

    @Test func policyExclusionNeededByHalfOrMoreIsNotBroad() throws {
        let policy = try #require(exclusion(try audit(smbHosts: ["a", "c"]), .policy("web"), "1004293"))
        #expect(policy.needing == 2 && policy.issues.isEmpty)
        let unused = try #require(exclusion(try audit(smbHosts: []), .policy("web"), "1004293"))
        #expect(unused.state == .unused && unused.issues.isEmpty)
    }

    @Test func missingReasonAndExpiryAreFlaggedWithExpiredAndUnused() throws {
        let results = try audit(smbHosts: ["b"])
        let noExpiry = try #require(exclusion(results, .policy("web"), "1006012"))
        #expect(noExpiry.state == .unused && noExpiry.issues == [.noReason, .noExpiry])
        let computer = try #require(exclusion(results, .computer, "1004293"))
        #expect(computer.state == .expired && computer.hosts == 1 && computer.needing == 1)
        #expect(computer.issues == [.noReason])
        #expect(results.map(\.level.kind) == [.policy, .policy, .computer])
    }

    @Test func mergedPartsCountLikeOneRun() throws {
        let catalog = try Fixture.catalog(OutcomeTests.catalogXML)
        let fleet = try Fixture.fleet(Self.fleetXML)
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: catalog)), fleet: fleet,
            referenceTime: Fixture.referenceTime, maxAgeDays: 7)
        var parts: [FleetExclusionAudit] = []
        for name in ["a", "b", "c"] {
            var part = FleetExclusionAudit(fleet: fleet, referenceDay: Fixture.referenceTime / 86_400)
            let port = name == "a" ? "<listen protocol=\"tcp\" port=\"445\"/>" : ""
            let host = try Fixture.host(port, hostname: name)
            part.observe(analyzer.analyze(HostInput(hostname: name, inventory: host, errors: [])), fleet: fleet)
            parts.append(part)
        }
        var whole = parts[0]
        whole.merge(parts[1])
        whole.merge(parts[2])
        #expect(whole.results == (try audit(smbHosts: ["a"])))
    }

    @Test func sampleFleetExclusionsMatchTheOracle() async throws {
        let inputs = try await SampleFleet.load()
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: inputs.catalog)), fleet: inputs.fleet,
            referenceTime: Fixture.referenceTime, maxAgeDays: 7)
        var audit = FleetExclusionAudit(fleet: inputs.fleet, referenceDay: Fixture.referenceTime / 86_400)
        for input in inputs.hosts { audit.observe(analyzer.analyze(input), fleet: inputs.fleet) }
        let rows = audit.results.map {
            "\($0.ownerID) \($0.ruleID) \($0.state.rawValue) \($0.needing)/\($0.hosts) \($0.issues.map(\.rawValue))"
        }
        #expect(
            rows == [
                "linux-db 1011700 expired 1/2 []", "linux-web 1004293 unused 0/3 []",
                "windows-file 1004293 active 1/1 []", "mail01 1008224 unused 0/1 [\"no-expiry\"]",
                "web02 1000763 active 1/1 []",
            ])
    }
}
