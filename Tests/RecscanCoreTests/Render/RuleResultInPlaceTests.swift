import Testing
@testable import RecscanCore

/// The renderers read rule results in place instead of copying them out of the host's list: what
/// they read must be what the values hold, at the positions asked for, in order.
@Suite("Rule results read in place") struct RuleResultInPlaceTests {
    private static let results: [RuleResult] = [
        RenderFixture.result(
            "1000763", .toAssign, apply: .manual, reason: .mayAffectOperation,
            evidence: [Evidence(.os, [(name: "family", value: "linux")])]),
        RenderFixture.result("1006012", .assigned, assignedAt: [.computer, Level(kind: .policy, id: "base")]),
        RenderFixture.result(
            "1008001", .excluded,
            excludedBy: ExclusionReference(level: .computer, reason: "noisy", by: "ops", expires: nil)),
    ]

    @Test func everyFieldReadsAsTheValueHoldsIt() {
        var visited: [Int] = []
        RuleResultInPlace.forEach(in: Self.results) { position, rule in
            visited.append(position)
            let value = Self.results[position]
            #expect(rule.ruleID == value.ruleID)
            #expect(rule.module == value.module)
            #expect(rule.name == value.name)
            #expect(rule.severity == value.severity)
            #expect(rule.outcome == value.outcome)
            #expect(rule.apply == value.apply)
            #expect(rule.reason == value.reason)
            #expect(rule.blocks == value.blocks)
            #expect(rule.evidence == value.evidence)
            #expect(rule.assignedAt == value.assignedAt)
            #expect(rule.excludedBy == value.excludedBy)
        }
        #expect(visited == [0, 1, 2])
    }

    @Test func positionsAreVisitedInTheirOrderAndThoseOutsideTheListSkipped() {
        var visited: [(Int, String)] = []
        RuleResultInPlace.forEach(of: Self.results, at: [2, -1, 0, 3, 2]) { position, rule in
            visited.append((position, rule.ruleID))
        }
        #expect(visited.map(\.0) == [2, 0, 2])
        #expect(visited.map(\.1) == ["1008001", "1000763", "1008001"])
        var none = 0
        RuleResultInPlace.forEach(in: []) { _, _ in none += 1 }
        RuleResultInPlace.forEach(of: [], at: [0]) { _, _ in none += 1 }
        #expect(none == 0)
    }
}
