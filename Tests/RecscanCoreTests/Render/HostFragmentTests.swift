import Testing

@testable import RecscanCore

/// A host's `<host>` fragment is assembled from memoized pieces; what the memo holds, and whether
/// rules share one evidence list (as a host's OS and application-type rules do), must not show.
@Suite("Host fragments")
struct HostFragmentTests {
    static let os = Evidence(.os, [("family", "linux"), ("name", "debian"), ("version", "12")])
    static let web = Evidence(.applicationType, [("id", "web"), ("detectedBy", "tcp/80")])

    static func rule(_ id: String, _ evidence: [Evidence]) -> RuleResult {
        RuleResult(
            ruleID: id, module: .intrusionPrevention, name: "Rule \(id) <&>", severity: .high, outcome: .toAssign,
            apply: .auto, reason: nil, blocks: true, evidence: evidence)
    }

    static func host(_ rules: [RuleResult]) -> HostReport {
        var host = HostReport(hostname: "web-01", policyID: "base", status: .ok)
        host.rules = rules
        return host
    }

    @Test("rules sharing evidence lists give the bytes of rules with lists of their own")
    func sharedEvidenceLists() throws {
        let osList = [Self.os]
        let webList = [Self.web]
        let always = [Evidence(.always, [])]
        let package = Evidence(.package, [("ecosystem", "deb"), ("name", "openssl"), ("version", "3.0.1-1")])
        let shared = Self.host([
            Self.rule("1", osList), Self.rule("2", webList), Self.rule("3", osList),
            Self.rule("4", [Self.os, Self.web]),
            Self.rule("5", webList), Self.rule("6", always), Self.rule("7", [package]), Self.rule("8", always),
        ])
        let separate = Self.host([
            Self.rule("1", [Self.os]), Self.rule("2", [Self.web]), Self.rule("3", [Self.os]),
            Self.rule("4", [Self.os, Self.web]), Self.rule("5", [Self.web]), Self.rule("6", [Evidence(.always, [])]),
            Self.rule("7", [package]), Self.rule("8", [Evidence(.always, [])]),
        ])
        let expected = try ReportXMLWriter.fragment(for: separate)
        #expect(try ReportXMLWriter.fragment(for: shared) == expected)
        // With a memo that already holds every piece, and again with one that holds them from a
        // host whose lists sat elsewhere.
        var memo = ReportFragmentMemo()
        #expect(try ReportXMLWriter.fragment(for: shared, memo: &memo) == expected)
        #expect(try ReportXMLWriter.fragment(for: separate, memo: &memo) == expected)
        #expect(try ReportXMLWriter.fragment(for: shared, memo: &memo) == expected)
        let text = String(decoding: expected, as: UTF8.self)
        #expect(text.components(separatedBy: "<evidence kind=\"os\"").count == 4)
        #expect(text.contains("name=\"Rule 1 &lt;&amp;&gt;\""))
    }

    @Test("rule start tags found by ordinal give the bytes of those found by id")
    func headsByOrdinal() throws {
        var first = Self.rule("1000", [Self.os])
        first.outcome = .excluded
        first.apply = nil
        let host = Self.host([first, Self.rule("2000", [Self.web]), Self.rule("3000", [])])
        let expected = try ReportXMLWriter.fragment(for: host)
        var memo = ReportFragmentMemo()
        for _ in 0..<2 {
            #expect(try ReportXMLWriter.fragment(for: host, ordinals: [7, 0, 12], memo: &memo) == expected)
            #expect(try ReportXMLWriter.fragment(for: host, memo: &memo) == expected)
        }
        // Ordinals that do not cover every rule are not used.
        #expect(try ReportXMLWriter.fragment(for: host, ordinals: [7], memo: &memo) == expected)
    }
}
