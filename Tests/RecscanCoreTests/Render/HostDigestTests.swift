import Testing

@testable import RecscanCore

/// A host's digest keeps its finding and decision counts inline; read back, they must be what
/// counting the host's findings and rules gives.
@Suite("Host digests") struct HostDigestTests {
    @Test("every reason and severity fits the digest's inline counts")
    func casesFitTheInlineCounts() {
        #expect(ManualReason.allCases.count <= 8)
        #expect(Severity.allCases.map(\.rank) == Array(0..<4))
    }

    @Test("counts by severity and by reason read as counted one by one, on 200 random hosts")
    func countsReadAsCountedOneByOne() {
        var random = SeededGenerator(seed: 0xD16E57)
        func pick<Choice>(_ choices: [Choice]) -> Choice { choices[Int.random(in: 0..<choices.count, using: &random)] }
        let kinds: [FindingKind] = [.manualAssignment, .multiLevelAssignment, .unknownRule]
        for index in 0..<200 {
            var host = HostReport(hostname: "host\(index)", policyID: nil, status: .ok)
            for rule in 0..<Int.random(in: 0...30, using: &random) {
                let apply = pick([ApplyClass.auto, .manual])
                let reason = apply == .manual ? pick(ManualReason.allCases.map(Optional.some) + [nil]) : nil
                host.rules.append(
                    RenderFixture.result("\(1_000_000 + rule)", .toAssign, apply: apply, reason: reason))
            }
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                host.findings.append(
                    Finding(
                        kind: pick(kinds), severity: pick(Severity.allCases), message: "finding"))
            }
            var bySeverity: [Severity: Int] = [:]
            for finding in host.findings { bySeverity[finding.severity, default: 0] += 1 }
            var byReason: [ManualReason: Int] = [:]
            for rule in host.rules where rule.apply == .manual {
                if let reason = rule.reason { byReason[reason, default: 0] += 1 }
            }
            let digest = HostDigest(host: host, fileName: host.hostname)
            #expect(digest.findingsBySeverity == bySeverity, "host \(index)")
            #expect(digest.manualReasons == byReason, "host \(index)")
            #expect(digest.findings == host.findings.count)
            #expect(digest.urgentFindings == (bySeverity[.high] ?? 0) + (bySeverity[.critical] ?? 0))
        }
    }
}
