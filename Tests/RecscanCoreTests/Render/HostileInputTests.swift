import Foundation
import Testing

@testable import RecscanCore

/// A fleet whose every string is hostile must render inert: no tag, attribute, script or link
/// from an input, and no file outside the run folder.
@Suite("Hostile inputs render inert")
struct HostileInputTests {
    static let names = [
        "../../etc/passwd", "..", ".", "a/b\\c", "<img src=x onerror=alert(1)>", "\"><script>alert(1)</script>",
        "' onmouseover='alert(2)", "CON", "web01", "WEB01", "nul\u{0}byte\u{7}", "javascript:alert(3)",
        "</title><script>alert(4)</script>", "<!--", "]]><svg onload=alert(5)>",
    ]

    static let evil = "<script>alert('x')</script>\"'&<b onclick=\"alert(6)\">"

    static func host(_ name: String, index: Int) -> HostReport {
        var host = RenderFixture.web01
        host.hostname = name
        host.policyID = index.isMultiple(of: 2) ? evil : "../\(name)"
        host.collected = evil
        host.inventorySources = ["../\(name).xml", evil]
        host.os = OperatingSystem(family: evil, name: "<i>", version: "\"1\"", arch: "'")
        host.rules = host.rules.map { rule in
            var rule = rule
            rule.name = evil
            rule.evidence.append(Evidence(.file, [(name: "path", value: evil), (name: evil, value: evil)]))
            rule.excludedBy = rule.excludedBy.map { _ in
                ExclusionReference(level: .policy(evil), reason: evil, by: evil, expires: evil)
            }
            if !rule.assignedAt.isEmpty { rule.assignedAt = [.policy(evil), .computer] }
            return rule
        }
        host.findings.append(
            Finding(kind: .manualAssignment, severity: .high, ruleID: evil, level: .policy(evil), message: evil)
        )
        return host
    }

    static let rejected = [RejectedInput(file: "../\(evil).xml", line: 1, column: 2, reason: evil)]
    static let exclusions = [
        FleetExclusion(
            level: .computer, ownerID: evil, ruleID: evil, reason: evil, by: evil, expires: evil, state: .unused),
        FleetExclusion(level: .policy(evil), ownerID: evil, ruleID: "1000763", reason: evil, state: .active),
    ]

    static func plan(_ hostname: String) -> TriagePlan {
        TriagePlan(
            hostname: hostname,
            ruleID: evil,
            events: 1,
            blocked: true,
            steps: [TriageStep(order: 1, action: evil, attributes: [(name: evil, value: evil)], text: evil)]
        )
    }

    /// Renders the hostile fleet into `parent/run`, two hosts per host list page.
    static func render(into parent: String, changes: RunChangesSummary? = nil) throws -> String {
        let directory = parent + "/run"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var catalog = RenderFixture.catalog
        catalog.version = evil
        let run = RunInfo(runID: evil, catalogVersion: evil, referenceTime: evil)
        var writer = HTMLReportWriter(directory: directory, run: run, catalog: catalog, hostsPerPage: 2)
        var summary = ScanSummary()
        for (index, name) in names.enumerated() {
            let host = host(name, index: index)
            try writer.write(host: host, triage: [plan(name)])
            summary.add(host)
        }
        let results = FleetResults(
            summary: summary, rejected: rejected, exclusions: exclusions, triage: names.map(plan))
        try writer.finish(results, changes: changes)
        return directory
    }

    @Test func nothingFromAnInputBecomesMarkupOrALink() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let changes = RunChangesSummary(
            previousRunID: Self.evil,
            rows: [RunChangesSummary.Row(label: Self.evil, new: 2, resolved: 1)],
            hostsAdded: Self.names,
            hostsGone: [Self.evil]
        )
        let directory = try Self.render(into: parent.path, changes: changes)
        let files = regularFiles(under: directory)
        #expect(files.filter { $0.hasPrefix("hosts/") && !$0.hasPrefix("hosts-") }.count == Self.names.count)
        #expect(files.contains("hosts-1.html") && files.contains("hosts-8.html"))
        var problems: [String] = []
        for file in files where file.hasSuffix(".html") {
            let page = try HTMLInspection.read(directory, file)
            problems += HTMLInspection.problems(page: page, file: file, directory: directory)
            #expect(!page.contains("\u{0}") && !page.contains("\u{7}"), "\(file)")
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")

        let index = try HTMLInspection.read(directory, "index.html")
        #expect(index.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&#39;&amp;&lt;b onclick="))
        let host = try HTMLInspection.read(directory, "hosts/\(SafeFileName.forHost(Self.names[4])).html")
        #expect(host.contains("<h1>&lt;img src=x onerror=alert(1)&gt; "))
    }

    @Test func everyPageStaysInsideTheRunFolder() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let directory = try Self.render(into: parent.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["run"])
        let top = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(top.allSatisfy { ["hosts", "rules", "index.html", "style.css"].contains($0) || $0.hasSuffix(".html") })
        for file in regularFiles(under: directory) {
            let name = file.split(separator: "/").last.map(String.init) ?? ""
            #expect(file.split(separator: "/").count <= 2, "\(file)")
            #expect(!name.hasPrefix(".") && !name.contains(".."), "\(file)")
            #expect(
                name.unicodeScalars.allSatisfy {
                    "abcdefghijklmnopqrstuvwxyz0123456789-_.~".unicodeScalars.contains($0)
                },
                "\(file)"
            )
        }
        // web01 and WEB01 are different hosts: two pages, neither overwritten.
        #expect(Set(regularFiles(under: directory).filter { $0.hasPrefix("hosts/web01") }).count == 2)
    }
}
