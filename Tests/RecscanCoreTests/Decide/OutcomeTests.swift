import Foundation
import Testing

@testable import RecscanCore

@Suite("Outcomes per host and rule")
struct OutcomeTests {
    static let catalogXML = """
        <applicationType id="web" name="Web Server Common" direction="incoming" protocol="tcp" ports="80,443">
          <detect><listen protocol="tcp" port="443"/></detect>
        </applicationType>
        <rule id="1000128" module="intrusion-prevention" name="HTTP Protocol Decoding" severity="low" applicationType="web"/>
        <rule id="1000763" module="intrusion-prevention" name="URI Length And Depth Restriction" severity="medium"
              applicationType="web" autoApply="never" autoApplyReason="may-affect-operation"><dependsOn rule="1000128"/></rule>
        <rule id="1000764" module="intrusion-prevention" name="Needs 763" severity="low" applicationType="web"><dependsOn rule="1000763"/></rule>
        <rule id="1006012" module="intrusion-prevention" name="OpenSSL Heartbeat" severity="high">
          <applies><software ecosystem="deb" name="openssl" introduced="1.0.1" fixed="1.0.1g-1"/></applies></rule>
        <rule id="1008646" module="intrusion-prevention" name="Illegal Characters" severity="medium"
              applicationType="web" requiresConfiguration="true" autoApply="never" autoApplyReason="false-positive-prone"/>
        <rule id="1004293" module="intrusion-prevention" name="Shortcut Over Share" severity="medium"
              autoApply="never" autoApplyReason="false-positive-prone"><applies><port protocol="tcp" port="445"/></applies></rule>
        <rule id="1007000" module="intrusion-prevention" name="Catalog excluded" severity="low" applicationType="web" recommendations="excluded"/>
        <rule id="1005000" module="intrusion-prevention" name="Detect only" severity="low" applicationType="web" detectOnly="true"/>
        <rule id="2000001" module="integrity-monitoring" name="passwd" severity="medium"><applies><file path="/etc/passwd"/></applies></rule>
        <rule id="9000001" module="intrusion-prevention" name="Custom" severity="low" custom="true" applicationType="web"/>
        """

    static let fleetXML = """
        <policy id="base"><settings module="intrusion-prevention" autoApply="yes"/><assign rule="1000128"/></policy>
        <policy id="linux" parent="base"><assign rule="1000763"/></policy>
        <policy id="linux-web" parent="linux">
          <override rule="1008646" recommendations="excluded" reason="noisy" by="ops" expires="2027-03-31"/>
          <override rule="1004293" recommendations="excluded" reason="old" by="ops" expires="2026-11-28"/>
          <override rule="1007000" recommendations="enabled" reason="we want it" by="sec"/>
        </policy>
        <computer hostname="web01" policy="linux-web">
          <assign rule="1000763"/><assign rule="1006012"/><assign rule="9000001"/><assign rule="1008646"/>
          <override rule="1005000" recommendations="excluded" reason="computer says no" by="ann"/>
        </computer>
        """

    private func analyze(_ hostBody: String, fleet: String = OutcomeTests.fleetXML) throws -> HostReport {
        let catalog = try Fixture.catalog(Self.catalogXML)
        return Fixture.analyze(catalog: catalog, fleet: try Fixture.fleet(fleet), host: try Fixture.host(hostBody))
            .report
    }

    private var webHost: String {
        """
        <os family="linux" name="debian" version="12"/><listen protocol="tcp" port="443"/><listen protocol="tcp" port="445"/>
        <package ecosystem="deb" name="openssl" version="3.0.15-1~deb12u1"/><file path="/etc/passwd"/>
        """
    }

    @Test func assignedRuleThatIsStillRecommendedIsAssignedWithEveryLevel() throws {
        let report = try analyze(webHost)
        let rule = try #require(report.rule("1000763"))
        #expect(rule.outcome == .assigned)
        #expect(rule.assignedAt == [.policy("linux"), .computer])
        #expect(report.rule("1000128")?.assignedAt == [.policy("base")])
    }

    @Test func patchedAssignmentIsToUnassignWithPatchedEvidence() throws {
        let rule = try #require(try analyze(webHost).rule("1006012"))
        #expect(rule.outcome == .toUnassign)
        #expect(rule.evidence.first?.kind == .patched)
        #expect(rule.assignedAt == [.computer])
    }

    @Test func assignedCustomRuleStaysAssignedAndIsNeverProposedForUnassignment() throws {
        let rule = try #require(try analyze(webHost).rule("9000001"))
        #expect(rule.outcome == .assigned)
        #expect(rule.evidence.isEmpty)
    }

    @Test func nearestExclusionWinsAndEnabledOverridesTheCatalog() throws {
        let report = try analyze(webHost)
        #expect(report.rule("1008646")?.outcome == .excluded)
        #expect(report.rule("1008646")?.excludedBy?.level == .policy("linux-web"))
        #expect(report.rule("1005000")?.excludedBy?.level == .computer)
        #expect(report.rule("1007000")?.outcome == .toAssign)
    }

    @Test func expiredExclusionNoLongerApplies() throws {
        let report = try analyze(webHost)
        let rule = try #require(report.rule("1004293"))
        #expect(rule.outcome == .toAssign)
        #expect(rule.reason == .falsePositiveProne)
        #expect(report.findings(.expiredExclusion).map(\.ruleID) == ["1004293"])
    }

    @Test func exclusionIsInForceThroughItsExpiryDay() throws {
        let fleet = OutcomeTests.fleetXML.replacingOccurrences(
            of: "expires=\"2026-11-28\"", with: "expires=\"2026-11-29\"")
        #expect(try analyze(webHost, fleet: fleet).rule("1004293")?.outcome == .excluded)
    }

    @Test func catalogExclusionHidesWithoutAnOverride() throws {
        let report = try analyze(webHost, fleet: "<computer hostname=\"web01\"/>")
        #expect(report.rule("1007000")?.outcome == .excluded)
        #expect(report.rule("1007000")?.excludedBy?.level == .catalog)
    }

    @Test func applyClassAndTheMostIntrinsicReason() throws {
        let report = try analyze(webHost)
        #expect(report.rule("1005000")?.outcome == .excluded)
        let auto = try analyze(
            webHost,
            fleet:
                "<computer hostname=\"web01\"><settings module=\"intrusion-prevention\" autoApply=\"yes\"/></computer>")
        #expect(auto.rule("1000128")?.apply == .auto)
        #expect(auto.rule("1000763")?.reason == .mayAffectOperation)
        // requiresConfiguration wins over the explicit false-positive-prone.
        #expect(auto.rule("1008646")?.reason == .requiresConfiguration)
        #expect(auto.rule("2000001")?.reason == .autoApplyOff)
        let uncertain = try analyze(
            "<package ecosystem=\"deb\" name=\"openssl\" version=\"?\"/>",
            fleet:
                "<computer hostname=\"web01\"><settings module=\"intrusion-prevention\" autoApply=\"yes\"/></computer>")
        #expect(uncertain.rule("1006012")?.apply == .manual)
        #expect(uncertain.rule("1006012")?.reason == .uncertainVersion)
    }

    @Test func dependenciesAreRecommendedTransitivelyWithEvidence() throws {
        let catalog = try Fixture.catalog(
            Self.catalogXML.replacingOccurrences(
                of:
                    "<rule id=\"1000128\" module=\"intrusion-prevention\" name=\"HTTP Protocol Decoding\" severity=\"low\" applicationType=\"web\"/>",
                with:
                    "<rule id=\"1000128\" module=\"intrusion-prevention\" name=\"HTTP Protocol Decoding\" severity=\"low\"><applies><port protocol=\"udp\" port=\"1\"/></applies></rule>"
            ))
        let report = Fixture.analyze(
            catalog: catalog, host: try Fixture.host("<listen protocol=\"tcp\" port=\"443\"/>")
        ).report
        let decoding = try #require(report.rule("1000128"))
        #expect(decoding.outcome == .toAssign)
        #expect(decoding.evidence == [Evidence(.dependency, [("rule", "1000763")])])
    }

    @Test func excludedRulesPullInNothing() throws {
        let catalog = try Fixture.catalog(
            """
            <rule id="1" module="intrusion-prevention" name="needs 2" severity="low" recommendations="excluded"><dependsOn rule="2"/></rule>
            <rule id="2" module="intrusion-prevention" name="dep" severity="low"><applies><port protocol="udp" port="9"/></applies></rule>
            """)
        let report = Fixture.analyze(catalog: catalog, host: try Fixture.host("")).report
        #expect(report.rule("1")?.outcome == .excluded)
        #expect(report.rule("2") == nil)
    }

    @Test func blocksDependsOnEngineBehaviorAndDetectOnly() throws {
        let inline = try analyze(
            webHost,
            fleet: "<computer hostname=\"web01\"><assign rule=\"1005000\"/><assign rule=\"1000763\"/></computer>")
        #expect(inline.rule("1000763")?.blocks == true)
        #expect(inline.rule("1005000")?.blocks == false)
        #expect(inline.rule("2000001")?.blocks == false)
        let tap = try analyze(
            webHost, fleet: "<computer hostname=\"web01\" engineMode=\"tap\"><assign rule=\"1000763\"/></computer>")
        #expect(tap.rule("1000763")?.blocks == false)
        let detect = try analyze(
            webHost,
            fleet: """
                <policy id="p"><settings module="intrusion-prevention" behavior="detect"/></policy>
                <computer hostname="web01" policy="p"><assign rule="1000763"/></computer>
                """)
        #expect(detect.rule("1000763")?.blocks == false)
    }

    @Test func settingsComeFromTheNearestLevel() throws {
        let fleet = try Fixture.fleet(
            """
            <policy id="root" engineMode="tap"><settings module="log-inspection" autoApply="yes"/></policy>
            <policy id="mid" parent="root" engineMode="inherited"><settings module="log-inspection" autoApply="no"/></policy>
            <policy id="leaf" parent="mid"/>
            <computer hostname="h" policy="leaf"/>
            """)
        let settings = HostFleetContext(hostname: "H", fleet: fleet).effectiveSettings
        #expect(settings.engineMode == .tap && settings.engineModeSetAt == .policy("root"))
        #expect(settings.autoApply[.logInspection] == false)
        #expect(settings.behavior == .prevent && settings.behaviorSetAt == nil)
        let defaults = HostFleetContext(hostname: "unknown", fleet: fleet).effectiveSettings
        #expect(defaults.engineMode == .inline && defaults.autoApply.values.allSatisfy { !$0 })
    }
}
