import Foundation
import Testing

@testable import RecscanCore

@Suite("explain: why a rule is or is not recommended")
struct ExplainTests {
    private func explain(_ host: String, _ rule: String) async throws -> RuleExplanation {
        let inputs = try await SampleFleet.load()
        let input = try #require(inputs.host(named: host))
        let explainer = Explainer(
            catalog: inputs.catalog, fleet: inputs.fleet, referenceTime: Fixture.referenceTime, maxAgeDays: 7)
        return explainer.explain(input, ruleID: rule)
    }

    @Test func recommendedRuleShowsEveryCriterionWithItsEvidence() async throws {
        let answer = try await explain("web01", "1012045")
        #expect(answer.answer == .recommended)
        #expect(answer.result?.outcome == .toAssign && answer.result?.apply == .auto)
        #expect(answer.criteria.map(\.kind) == [.os, .applicationType, .software])
        #expect(answer.criteria.allSatisfy { $0.state == .met })
        // Every alternative is listed, met or not: three OS constraints, both software entries.
        let os = try #require(answer.criteria.first { $0.kind == .os })
        #expect(os.facts.map(\.met) == [true, false, false])
        #expect(os.facts[1].text.contains("the distribution is debian, not rhel"))
        let software = try #require(answer.criteria.first { $0.kind == .software })
        let deb = try #require(software.facts.first { $0.value("ecosystem") == "deb" })
        #expect(deb.value("installed") == "1:9.2p1-2+deb12u2")
        #expect(deb.value("range") == "[1:8.5p1, 1:9.2p1-2+deb12u3)")
        #expect(deb.value("scheme") == "deb")
        #expect(deb.value("verdict") == "affected")
        #expect(
            software.facts.contains { $0.value("ecosystem") == "rpm" && !$0.met && $0.text.hasSuffix("not installed") })
        #expect(answer.autoApplication?.wouldAdd == true)
        #expect(answer.autoApplication?.setAt == .policy("linux-servers"))
        // web01 is in tap mode, set on the computer: nothing blocks there.
        #expect(answer.blocking?.blocks == false)
        #expect(answer.blocking?.engineModeSetAt == .computer)
        #expect(answer.exclusions.isEmpty)
        #expect(answer.assignedAt.isEmpty)
    }

    @Test func patchedHostNamesThePackageAndTheFixedVersion() async throws {
        let answer = try await explain("web01", "1011117")
        #expect(answer.answer == .patched)
        #expect(answer.result == nil)
        let software = try #require(answer.criteria.first { $0.kind == .software })
        #expect(software.state == .patched)
        let fact = try #require(software.facts.first { $0.value("verdict") == "patched" })
        #expect(fact.value("fixed") == "2.4.51-1~deb11u1")
        #expect(answer.summary.contains("apache2 2.4.62-1~deb12u2 is at or past the fixed version 2.4.51-1~deb11u1"))
        #expect(answer.autoApplication?.wouldAdd == false)

        // Patched and still assigned: to-unassign, with the level to unassign it on.
        let assigned = try await explain("db01", "1006012")
        #expect(assigned.answer == .patched)
        #expect(assigned.result?.outcome == .toUnassign)
        #expect(assigned.assignedAt == [.policy("linux-db")])
    }

    @Test func excludedRuleNamesTheExclusionAndWhereItIsStillAssigned() async throws {
        let answer = try await explain("web02", "1000763")
        #expect(answer.answer == .excluded)
        #expect(answer.criteria.map(\.kind) == [.applicationType])
        #expect(answer.exclusions.count == 1)
        #expect(answer.exclusions.first?.level == .computer)
        #expect(answer.exclusions.first?.state == .excludes)
        #expect(answer.exclusions.first?.by == "jdoe")
        #expect(answer.assignedAt == [.policy("linux-web")])
        #expect(answer.blocking?.blocks == true)
        #expect(answer.autoApplication?.wouldAdd == false)
        #expect(Set(answer.findings.map(\.kind)) == [.manualAssignment, .assignedButExcluded])
        #expect(answer.summary.contains("excluded on the computer"))
    }

    @Test func unmatchedRuleListsEveryFailingCriterion() async throws {
        let answer = try await explain("web01", "1008224")
        #expect(answer.answer == .notRecommended)
        // Matching would stop at the OS; explain checks every criterion.
        #expect(answer.criteria.map(\.state) == [.failed, .failed, .failed])
        #expect(answer.criteria.first?.facts.first?.text.contains("the family is linux, not windows") == true)
        #expect(answer.summary.hasPrefix("Not recommended for web01. Operating system"))
    }

    @Test func dependencyExclusionWalkAndHostsWithoutInventory() async throws {
        let dependency = try await explain("db02", "1000128")
        #expect(dependency.answer == .recommended)
        #expect(dependency.neededBy == "1005934")
        #expect(dependency.summary.contains("because rule 1005934 depends on it"))

        let expired = try await explain("db01", "1011700")
        #expect(expired.exclusions.map(\.state) == [.expired])
        #expect(expired.answer == .recommended)

        let lifted = try await explain("web03", "1000552")
        #expect(lifted.exclusions.map(\.state) == [.enables, .notReached])
        #expect(lifted.exclusions.last?.level == .catalog)

        let missing = try await explain("app04", "1008720")
        #expect(missing.answer == .notEvaluated)
        #expect(missing.criteria.isEmpty)

        let unknown = try await explain("db01", "1002297")
        #expect(unknown.answer == .unknownRule)
        #expect(unknown.assignedAt == [.computer])
    }

    /// The long form must agree with the scan's matcher on every sample host and every rule.
    @Test func criteriaAgreeWithTheMatcherOnTheWholeSample() async throws {
        let inputs = try await SampleFleet.load()
        let matcher = Matcher(index: CatalogIndex(catalog: inputs.catalog))
        var compared = 0
        for input in inputs.hosts {
            guard let inventory = input.inventory else { continue }
            let (recommended, patched) = matcher.match(inventory)
            let evaluator = CriteriaEvaluator(inventory, index: matcher.index)
            for id in inputs.catalog.sortedRuleIDs {
                guard let rule = inputs.catalog.rules[id] else { continue }
                let verdict = CriteriaEvaluator.verdict(evaluator.evaluate(rule))
                #expect(verdict.recommended == (recommended[id] != nil), "\(input.hostname) \(id)")
                #expect(verdict.patched == (patched[id] != nil), "\(input.hostname) \(id)")
                if let match = recommended[id] { #expect(verdict.certain == match.certain, "\(input.hostname) \(id)") }
                compared += 1
            }
        }
        #expect(compared > 800)
    }

    /// Matching and `explain` make one OS check; `explain` names the attribute that fails.
    @Test(
        arguments: [
            (OSConstraint(family: "linux"), nil),
            (OSConstraint(family: "windows"), "the family is linux, not windows"),
            (OSConstraint(name: "ubuntu"), "the distribution is debian, not ubuntu"),
            (OSConstraint(name: "debian", version: "12"), nil),
            (OSConstraint(name: "debian", version: "1"), "version 12.7 is not 1 or 1.x"),
            (OSConstraint(minVersion: "12"), nil), (OSConstraint(minVersion: "13"), "version 12.7 is below 13"),
            (OSConstraint(maxVersion: "12.7"), nil), (OSConstraint(maxVersion: "12.6"), "version 12.7 is above 12.6"),
            (OSConstraint(family: "windows", minVersion: "13"), "the family is linux, not windows"),
        ] as [(OSConstraint, String?)])
    func osMismatchInWords(constraint: OSConstraint, words: String?) {
        let os = OperatingSystem(family: "linux", name: "debian", version: "12.7")
        #expect(constraint.mismatchWords(for: os) == words)
        #expect(constraint.holds(for: os) == (words == nil))
    }

    @Test func textAndXMLAnswers() async throws {
        let answer = try await explain("web02", "1000763")
        let text = ExplanationText.render(answer)
        #expect(text.hasPrefix("web02 / rule 1000763: URI Length And Depth Restriction\n"))
        #expect(text.contains("Answer: excluded"))
        #expect(text.contains("[excludes]    the computer: excluded (\"resets long /api/v2 URIs (INC-4471)\""))
        #expect(text.contains("Assigned on: policy linux-web"))
        for host in ["web01", "web02", "app04", "broken"] {
            for rule in ["1012045", "1011117", "1000763", "1008224", "1002297"] {
                let xml = try ExplanationXML.render(try await explain(host, rule))
                #expect(try SampleFleet.schemaProblems(xml).isEmpty, "\(host) \(rule)")
            }
        }
    }
}
