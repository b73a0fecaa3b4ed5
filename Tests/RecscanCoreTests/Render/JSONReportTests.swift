import Foundation
import Testing

@testable import RecscanCore

/// `report.json` is written byte by byte, so these tests read it back with Foundation's parser:
/// every string must come back exactly as it went in, whatever it holds.
@Suite("report.json")
struct JSONReportTests {
    /// Every control character, both characters JSON escapes, and text beyond ASCII.
    static let awkward =
        (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined()
        + "\"\\/\u{7F}é漢字🙂\u{2028}\u{FEFF}"

    static func parse(_ bytes: [UInt8]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    @Test func stringsAreEscapedAsRFC8259Says() throws {
        var json = JSONBytes()
        json.string("a\"b\\c\n\r\t\u{8}\u{C}\u{0}\u{1F}é/")
        #expect(String(decoding: json.bytes, as: UTF8.self) == #""a\"b\\c\n\r\t\b\f\u0000\u001fé/""#)

        var all = JSONBytes()
        all.string(Self.awkward)
        #expect(try Self.parse(all.bytes) as? String == Self.awkward)
        // Non-ASCII stays UTF-8, not \u escapes.
        #expect(String(decoding: all.bytes, as: UTF8.self).contains("é漢字🙂"))
    }

    @Test func aStringThatIsNotContiguousIsEscapedToo() throws {
        let bridged = NSString(string: "x\"\u{1}ü") as String
        var json = JSONBytes()
        json.string(bridged)
        #expect(try Self.parse(json.bytes) as? String == "x\"\u{1}ü")
    }

    @Test func aHostileHostStaysValidJSONAndEveryStringComesBack() throws {
        let names = HostileInputTests.names + [Self.awkward, "", "\\", "\"", "}{", "\u{0}"]
        for (index, name) in names.enumerated() {
            var host = HostileInputTests.host(name, index: index)
            host.findings.append(Finding(kind: .staleInventory, severity: .medium, message: Self.awkward))
            host.changes = HostChanges(
                added: false, previousStatus: Self.awkward,
                rules: [RuleChange(ruleID: Self.awkward, kind: .new, was: nil, now: RuleState(outcome: .toAssign))],
                findings: [
                    FindingChange(
                        kind: .resolved,
                        finding: FindingKey(
                            kind: Self.awkward, severity: "low", ruleID: nil, level: "policy", levelID: Self.awkward))
                ])
            let bytes = HostJSON.render(host)
            #expect(!bytes.contains(0x0A) && !bytes.contains(0x0D), "a host is one line")
            let object = try #require(try Self.parse(bytes) as? [String: Any])
            #expect(object["hostname"] as? String == name)
            #expect(object["policy"] as? String == host.policyID)
            #expect(object["sources"] as? [String] == host.inventorySources)
            let findings = try #require(object["findings"] as? [[String: Any]])
            #expect(findings.map { $0["message"] as? String } == host.findings.map(\.message))
            let rules = try #require(object["rules"] as? [[String: Any]])
            #expect(rules.count == host.rules.count)
            let evidence = try #require(rules.first?["evidence"] as? [[String: Any]])
            // The hostile evidence attribute's name and value both come back.
            #expect(evidence.last?[HostileInputTests.evil] as? String == HostileInputTests.evil)
            let changes = try #require(object["changes"] as? [String: Any])
            #expect(changes["previousStatus"] as? String == Self.awkward)
        }
    }

    @Test func countsAndBooleansOfOpenAttributeListsAreTyped() throws {
        var host = RenderFixture.web01
        host.rules[0].evidence = [
            Evidence(.port, [(name: "protocol", value: "tcp"), (name: "port", value: "443")]),
            Evidence(.port, [(name: "protocol", value: "tcp"), (name: "port", value: "not a port")]),
        ]
        let object = try #require(try Self.parse(HostJSON.render(host)) as? [String: Any])
        let rules = try #require(object["rules"] as? [[String: Any]])
        let evidence = try #require(rules[0]["evidence"] as? [[String: Any]])
        #expect(evidence[0]["port"] as? Int == 443)
        #expect(evidence[1]["port"] as? String == "not a port")
        #expect(rules[0]["blocks"] as? Bool == false)
        #expect(rules[0]["apply"] == nil, "absent values are left out")

        let plan = TriagePlan(
            hostname: "web01", ruleID: "1000763", events: 3, blocked: true,
            steps: [
                TriageStep(
                    order: 1, action: "review-events",
                    attributes: [
                        (name: "count", value: "3"), (name: "blocked", value: "true"), (name: "text", value: "x"),
                    ],
                    text: "Review.")
            ])
        var json = JSONBytes()
        HostJSON.write(plan, to: &json)
        let triage = try #require(try Self.parse(json.bytes) as? [String: Any])
        let step = try #require((triage["steps"] as? [[String: Any]])?.first)
        #expect(step["count"] as? Int == 3)
        #expect(step["blocked"] as? Bool == true)
        #expect(step["optional"] as? Bool == false)
        #expect(step["text"] as? String == "Review.", "an attribute named like a fixed key is left out")
    }

    /// The whole file through the formatter: head, hosts with commas, tail; the hostile fleet.
    @Test func theFormatterWritesOneDocument() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let destination = ReportDestination(
            directory: folder.path, run: RunInfo(runID: "r\n", catalogVersion: "\"", referenceTime: "\u{1}"),
            catalog: RenderFixture.catalog, maxAgeDays: 7)
        let changes = RunChanges(
            previousRun: HostileInputTests.evil, hostsAdded: HostileInputTests.names, hostsGone: [Self.awkward],
            hostsChanged: [
                HostChangeSummary(
                    hostname: Self.awkward, newRecommendations: 1, resolvedRecommendations: 2, newFindings: 3,
                    resolvedFindings: 4, otherRuleChanges: 5)
            ],
            rules: [RuleChangeCount(ruleID: "1000763", new: 1, resolved: 0)])
        let fleet = FleetResults(
            summary: ScanSummary(), rejected: HostileInputTests.rejected, exclusions: HostileInputTests.exclusions,
            triage: HostileInputTests.names.map(HostileInputTests.plan), changes: changes)
        var formatter = try JSONReportFormatter(destination)
        try formatter.begin(fleet)
        let codec = HostRecordCodec(catalog: RenderFixture.catalog)
        for (index, name) in HostileInputTests.names.enumerated() {
            let host = try StoredHost(
                HostAnalysis(report: HostileInputTests.host(name, index: index), excludableRuleIDs: [], triage: []),
                codec: codec)
            try formatter.add(host, rendered: try formatter.renderer.render(host))
        }
        try formatter.finish(fleet)

        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.path + "/report.json")))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"format":"urn:recscan:report-json:1","run":"r\n","#))
        #expect(text.hasSuffix("]}\n"))
        let report = try #require(try Self.parse(bytes) as? [String: Any])
        let hosts = try #require(report["hosts"] as? [[String: Any]])
        // Hosts reach the formats through their records, which replace what no report can hold.
        #expect(hosts.map { $0["hostname"] as? String } == HostileInputTests.names.map(ReportText.writable))
        #expect((report["changes"] as? [String: Any])?["hostsGone"] as? [String] == [Self.awkward])
        #expect((report["triage"] as? [Any])?.count == HostileInputTests.names.count)
        #expect((report["rejected"] as? [[String: Any]])?.first?["line"] as? Int == 1)
        #expect((report["exclusions"] as? [[String: Any]])?.first?["issues"] as? [String] == [])
    }

    @Test func anEmptyRunIsADocumentToo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let destination = ReportDestination(
            directory: folder.path, run: RenderFixture.run, catalog: RenderFixture.catalog, maxAgeDays: 7)
        let fleet = FleetResults(summary: ScanSummary(), rejected: [], exclusions: [], triage: [])
        var formatter = try JSONReportFormatter(destination)
        try formatter.begin(fleet)
        try formatter.finish(fleet)
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/report.json"))
        let report = try #require(try Self.parse([UInt8](data)) as? [String: Any])
        #expect(report["hosts"] as? [Any] != nil && report["changes"] == nil)
        #expect(String(decoding: data, as: UTF8.self).contains("\"hosts\":[],\n\"rejected\":[],\n"))
    }

    @Test func anUnwritableFolderNamesTheFile() throws {
        let destination = ReportDestination(
            directory: "/nonexistent-recscan-folder", run: RenderFixture.run, catalog: RenderFixture.catalog,
            maxAgeDays: 7)
        #expect {
            _ = try JSONReportFormatter(destination)
        } throws: { error in
            (error as? HTMLWriteError)?.path == "/nonexistent-recscan-folder/report.json"
        }
    }
}
