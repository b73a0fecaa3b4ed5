import Foundation
import Testing

@testable import RecscanCore

@Suite("False-positive triage plans")
struct TriagePlannerTests {
    static let fleetXML = """
        <policy id="base"><settings module="intrusion-prevention" autoApply="yes"/><assign rule="1000128"/></policy>
        <policy id="web" parent="base"><assign rule="1000763"/></policy>
        <computer hostname="a" policy="web"><assign rule="1006012"/></computer>
        <computer hostname="b" policy="web"/>
        <computer hostname="c" policy="web" engineMode="inline"/>
        <computer hostname="d" policy="base"/>
        """

    private func event(_ host: String, _ rule: String, _ action: String = "reset", count: Int = 1) -> SecurityEvent {
        SecurityEvent(time: "2026-11-28T10:00:00Z", hostname: host, ruleID: rule, action: action, count: count)
    }

    /// Plans for `host` with the fleet-wide `events`, every host listening on 443 with a vulnerable openssl.
    private func plans(_ host: String, events: [SecurityEvent]) throws -> [TriagePlan] {
        let catalog = try Fixture.catalog(OutcomeTests.catalogXML)
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: catalog)), fleet: try Fixture.fleet(Self.fleetXML),
            referenceTime: Fixture.referenceTime, maxAgeDays: 7, events: events)
        let inventory = try Fixture.host(
            """
            <os family="linux" name="debian" version="12"/><listen protocol="tcp" port="443"/>
            <package ecosystem="deb" name="openssl" version="1.0.1e-2"/>
            """, hostname: host)
        let mine = events.filter { $0.hostname == host }
        return analyzer.analyze(HostInput(hostname: host, inventory: inventory, errors: [], events: mine)).triage
    }

    private func step(_ plan: TriagePlan?, _ action: String) -> TriageStep? {
        plan?.steps.first { $0.action == action }
    }

    @Test func theSampleStoryPlanFollowsTheOperatorsSteps() async throws {
        let inputs = try await SampleFleet.load()
        let plans = TriageRun.plans(inputs, referenceTime: Fixture.referenceTime, maxAgeDays: 7)
        #expect(plans.map { "\($0.hostname)/\($0.ruleID)" } == ["web01/1000763", "web03/1000763"])
        let web01 = try #require(plans.first)
        #expect(web01.events == 8 && web01.blocked)
        #expect(
            web01.steps.map(\.action) == [
                "review-events", "note-engine-mode", "check-vulnerability", "unassign", "unassign", "exclude", "watch",
                "restore-engine-mode", "review-assignment",
            ])
        #expect(web01.steps.map(\.order) == Array(1...9))
        let unassign = web01.steps.filter { $0.action == "unassign" }
        #expect(unassign[0].attributes.map(\.value) == ["policy", "linux-web", "2", "web02 web03"])
        #expect(unassign[1].attributes.map(\.value) == ["computer"])
        let exclude = try #require(step(web01, "exclude"))
        #expect(exclude.optional && exclude.attributes.contains { $0 == ("needed", "false") })
        #expect(step(web01, "restore-engine-mode")?.text.contains("inherited (inline, from policy base)") == true)
        #expect(step(web01, "check-vulnerability")?.attributes.map(\.value) == ["false"])

        let web03 = try #require(plans.last)
        #expect(!web03.blocked)
        #expect(step(web03, "set-engine-mode") == nil && step(web03, "restore-engine-mode") == nil)
        #expect(step(web03, "review-events")?.text.contains("behavior detect, set on policy linux-web-staging") == true)
        // web01 keeps 1000763 through its own computer-level assignment when web03's plan unassigns linux-web.
        #expect(step(web03, "unassign")?.text.contains("web01 keeps it") == true)
    }

    @Test func manyComputersOfOnePolicyHitProposeTapForThePolicy() throws {
        let events = [event("a", "1000763"), event("b", "1000763", count: 3)]
        let plan = try #require(try plans("a", events: events).first)
        let tap = try #require(step(plan, "set-engine-mode"))
        #expect(tap.optional)
        #expect(tap.attributes.map(\.value) == ["policy", "web", "tap", "a b"])
        #expect(tap.text.contains("2 of the 3 computers under policy web"))
        #expect(tap.text.contains("c sets its own engine mode and keeps it"))
        #expect(plan.steps.filter { $0.action == "set-engine-mode" }.count == 1)
        let restore = try #require(step(plan, "restore-engine-mode"))
        #expect(restore.attributes.map(\.value) == ["policy", "web", "inherited"])
        #expect(step(plan, "watch")?.attributes.map(\.value) == ["1000763", "a b"])

        // One computer alone is not policy-wide: tap that computer only.
        let single = try #require(try plans("a", events: [event("a", "1000763")]).first)
        #expect(step(single, "set-engine-mode")?.attributes.map(\.value) == ["computer", "tap"])
        #expect(step(single, "restore-engine-mode")?.attributes.map(\.value) == ["computer", "inherited"])
        // Detect-only events never call for tap mode.
        let logged = try #require(try plans("a", events: [event("a", "1000763", "detect-only: reset")]).first)
        #expect(step(logged, "set-engine-mode") == nil)
    }

    @Test func vulnerableHostIsPatchedFirstWithTheFixedVersion() throws {
        let plan = try #require(try plans("a", events: [event("a", "1006012")]).first)
        let patch = try #require(step(plan, "patch"))
        #expect(patch.attributes.first { $0.name == "fixed" }?.value == "1.0.1g-1")
        #expect(patch.text.contains("Update it to 1.0.1g-1 or later before removing the rule"))
        #expect(step(plan, "check-vulnerability") == nil)
        let order = plan.steps.map(\.action)
        #expect((order.firstIndex(of: "patch") ?? 99) < (order.firstIndex(of: "unassign") ?? 0))
    }

    @Test func exclusionIsNeededOnlyWhenAutomaticApplicationWouldPutTheRuleBack() throws {
        // 1000128 allows automatic application and IPS autoApply is on: it would come back.
        let plan = try #require(try plans("d", events: [event("d", "1000128")]).first)
        let exclude = try #require(step(plan, "exclude"))
        #expect(!exclude.optional)
        #expect(exclude.attributes.map(\.value) == ["computer", "true"])
        #expect(exclude.text.contains("set on policy base"))
        let unassign = try #require(step(plan, "unassign"))
        #expect(unassign.attributes.map(\.value) == ["policy", "base", "3", "a b c"])

        // Policy-wide: the exclusion goes on the policy, where one override covers every computer hit.
        let events = [event("a", "1000128"), event("b", "1000128")]
        let wide = try #require(try plans("a", events: events).first)
        #expect(step(wide, "exclude")?.attributes.map(\.value) == ["policy", "web", "true"])
    }

    @Test func csvAndXMLEventsGiveTheSamePlan() throws {
        let csv = try EventsReader.readCSV(
            text: "Time,Computer,Reason,Action\n2026-11-28T10:00:00Z,a,\"1000763 - URI Length, Depth\",Reset\n",
            displayName: "events.csv")
        let fromCSV = try plans("a", events: csv)
        let fromXML = try plans("a", events: [event("a", "1000763", "Reset")])
        #expect(fromCSV == fromXML)
        #expect(fromCSV.first?.blocked == true)
    }

    @Test func plansAsTextAndSchemaValidXML() async throws {
        let inputs = try await SampleFleet.load()
        let plans = TriageRun.plans(inputs, referenceTime: Fixture.referenceTime, maxAgeDays: 7, hostname: "WEB01")
        #expect(plans.count == 1)
        let text = TriageRun.text(plans)
        #expect(text.hasPrefix("web01 / rule 1000763: 8 hits, blocked traffic\n  1.  8 hits of rule 1000763"))
        #expect(text.contains("  4.  Unassign rule 1000763 from policy linux-web"))
        let xml = try TriageRun.xml(plans, catalogVersion: inputs.catalog.version, referenceTime: Fixture.referenceTime)
        #expect(try SampleFleet.schemaProblems(xml).isEmpty)
        #expect(TriageRun.plans(inputs, referenceTime: Fixture.referenceTime, maxAgeDays: 7, ruleID: "1").isEmpty)
    }
}
