import Foundation
import Testing

@testable import RecscanCore

@Suite("Dashboard, host list and fleet list pages")
struct DashboardTests {
    private func render(
        hosts: [HostReport] = RenderFixture.hosts,
        exclusions: [FleetExclusion] = RenderFixture.exclusions,
        hostsPerPage: Int = 500,
        changes: RunChangesSummary? = nil
    ) throws -> (folder: TemporaryFolder, path: String) {
        let folder = try TemporaryFolder()
        var writer = HTMLReportWriter(
            directory: folder.path, run: RenderFixture.run, catalog: RenderFixture.catalog, hostsPerPage: hostsPerPage)
        var summary = ScanSummary()
        for host in hosts {
            try writer.write(host: host, triage: RenderFixture.triage.filter { $0.hostname == host.hostname })
            summary.add(host)
        }
        summary.rejectedInputs = RenderFixture.rejected.count
        try writer.finish(
            FleetResults(
                summary: summary, rejected: RenderFixture.rejected, exclusions: exclusions,
                triage: RenderFixture.triage),
            changes: changes
        )
        return (folder, folder.path)
    }

    @Test func attentionComesFirstWithTheCountsToActOn() throws {
        let (folder, path) = try render()
        defer { folder.remove() }
        let index = try HTMLInspection.read(path, "index.html")
        let order = ["id=\"attention\"", "id=\"changes\"", "id=\"overview\"", "id=\"decisions\"", "id=\"automatic\""]
        let positions = order.compactMap { index.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(index.contains("<strong>1 recommendation on 1 of 3 hosts wait for your decision</strong>"))
        #expect(index.contains("because the rule needs configuring first (1)"))
        for card in [
            "<span class=\"value\">1</span> <span class=\"label\">decisions waiting</span>",
            "<span class=\"value\">1</span> <span class=\"label\">applied automatically</span>",
            "<span class=\"value\">1</span> <span class=\"label\">to unassign</span>",
            "<span class=\"value\">0</span> <span class=\"label\">blocking manual assignments</span>",
            "<span class=\"value\">1</span> <span class=\"label\">rejected inputs</span>",
        ] {
            #expect(index.contains(card), "\(card)")
        }
        // Every host and every rule is one click away.
        for host in RenderFixture.hosts {
            #expect(index.contains("href=\"hosts/\(SafeFileName.forHost(host.hostname)).html\""))
        }
        for rule in ["1000128", "1000763", "1006012", "1007000", "1008646"] {
            #expect(index.contains("href=\"rules/\(rule).html\""), "\(rule)")
        }
    }

    @Test func changesSlotSaysThereIsNoPreviousRunUntilOneIsGiven() throws {
        let (folder, path) = try render()
        defer { folder.remove() }
        let index = try HTMLInspection.read(path, "index.html")
        // Said once, without an empty chart under it.
        #expect(index.components(separatedBy: "No previous run to compare with").count == 2)
        #expect(!index.contains("<figure class=\"chart\" id=\"chart-changes\">"))

        let changes = RunChangesSummary(
            previousRunID: "20261122T000000Z",
            rows: [
                RunChangesSummary.Row(label: "Recommendations to assign", new: 4, resolved: 2),
                RunChangesSummary.Row(label: "Findings", new: 0, resolved: 3),
            ],
            hostsAdded: ["web01"],
            hostsGone: ["old01"]
        )
        let (second, secondPath) = try render(changes: changes)
        defer { second.remove() }
        let compared = try HTMLInspection.read(secondPath, "index.html")
        #expect(!compared.contains("No previous run to compare with"))
        #expect(compared.contains("Compared with run 20261122T000000Z."))
        #expect(compared.contains("Since run 20261122T000000Z: recommendations to assign +4 −2, findings +0 −3."))
        #expect(compared.contains("<desc id=\"chart-changes-desc\">Recommendations to assign: 6 (4 new, 2 resolved)"))
        #expect(compared.contains("<dd><a href=\"hosts/web01.html\">web01</a></dd>"))
        #expect(compared.contains("<dd>old01</dd>"))
    }

    @Test func aLargeFleetGetsPagedHostListsInsteadOfOneTable() throws {
        let (folder, path) = try render(hostsPerPage: 2)
        defer { folder.remove() }
        let files = regularFiles(under: path)
        #expect(files.contains("hosts-1.html") && files.contains("hosts-2.html") && !files.contains("hosts-3.html"))
        let index = try HTMLInspection.read(path, "index.html")
        #expect(!index.contains("Every host, by hostname"))
        #expect(index.contains("<nav class=\"pager\" aria-label=\"Host list pages\">"))
        let second = try HTMLInspection.read(path, "hosts-2.html")
        #expect(second.contains("<a href=\"hosts/web01.html\">web01</a>"))
        #expect(second.contains("<li><span aria-current=\"page\"><span class=\"page-number\">2</span> web01 – web01"))

        let (small, smallPath) = try render()
        defer { small.remove() }
        #expect(!regularFiles(under: smallPath).contains("hosts-1.html"))
        #expect(try HTMLInspection.read(smallPath, "index.html").contains("Every host, by hostname"))
    }

    @Test func longFleetListsMoveToTheirOwnPage() throws {
        let many = (0..<(FleetListPages.dashboardLimit + 1)).map { index in
            FleetExclusion(level: .computer, ownerID: "host\(index)", ruleID: "1000763", state: .unused)
        }
        let (folder, path) = try render(exclusions: many)
        defer { folder.remove() }
        #expect(regularFiles(under: path).contains("exclusions.html"))
        let index = try HTMLInspection.read(path, "index.html")
        #expect(index.contains("Exclusion overrides by rule"))
        #expect(index.contains("<a href=\"exclusions.html\">All 201 exclusions</a>"))
        #expect(try HTMLInspection.read(path, "exclusions.html").components(separatedBy: "<tr>").count == 203)
    }

    @Test func rulePagesGroupHostsPastTheRowLimit() throws {
        let hosts = (0..<501).map { index in
            var host = RenderFixture.web01
            host.hostname = String(format: "web%04d", index)
            return host
        }
        let (folder, path) = try render(hosts: hosts)
        defer { folder.remove() }
        let rule = try HTMLInspection.read(path, "rules/1000763.html")
        #expect(rule.contains("Hosts the rule is assigned to, grouped"))
        #expect(rule.contains("<details><summary>501 hosts</summary>"))
        #expect(rule.contains("<a href=\"../hosts/web0500.html\">web0500</a>"))
        #expect(rule.components(separatedBy: "<tr>").count < 20)
        // The fixture's own small run lists one host per row.
        let (small, smallPath) = try render()
        defer { small.remove() }
        #expect(
            try HTMLInspection.read(smallPath, "rules/1000763.html").contains("Hosts the rule is assigned to</caption>")
        )
    }

    @Test func everyLinkOfEveryPageLeadsToAPageOfTheRun() throws {
        let (folder, path) = try render(hostsPerPage: 2)
        defer { folder.remove() }
        var problems: [String] = []
        for file in regularFiles(under: path) where file.hasSuffix(".html") {
            let page = try HTMLInspection.read(path, file)
            problems += HTMLInspection.problems(page: page, file: file, directory: path)
            // Every in-page link has its target.
            for tag in HTMLInspection.tags(page).tags {
                guard let href = tag.attributes["href"], href.hasPrefix("#") else { continue }
                #expect(page.contains("id=\"\(href.dropFirst())\""), "\(file): \(href)")
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
