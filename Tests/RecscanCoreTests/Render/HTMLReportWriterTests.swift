import Foundation
import Testing
@testable import RecscanCore

@Suite("HTML report writer") struct HTMLReportWriterTests {
    /// A fresh folder under the temporary directory, removed by the caller.
    private func makeTemporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("recscan-html-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func read(_ directory: String, _ relative: String) throws -> String {
        try String(contentsOfFile: directory + "/" + relative, encoding: .utf8)
    }

    /// Rule-page rows wait on disk and come back a batch of rules at a time; the batch size must
    /// not show in any page.
    @Test func rulePagesDoNotDependOnHowManyRowsAreReadBackAtATime() throws {
        let whole = try makeTemporaryDirectory()
        let oneByOne = try makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: whole)
            try? FileManager.default.removeItem(atPath: oneByOne)
        }
        try RenderFixture.render(into: whole)
        try RenderFixture.render(into: oneByOne, rowsPerBatch: 1)
        #expect(!fileContents(under: whole).isEmpty)
        #expect(fileContents(under: whole) == fileContents(under: oneByOne))
    }

    /// Rule pages are written on several threads at once; which thread writes a page must not show.
    @Test func rulePagesDoNotDependOnHowManyAreWrittenAtOnce() throws {
        let one = try makeTemporaryDirectory()
        let three = try makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: one)
            try? FileManager.default.removeItem(atPath: three)
        }
        try RenderFixture.render(into: one)
        try RenderFixture.render(into: three, rowsPerBatch: 2, jobs: 3)
        #expect(!fileContents(under: one).isEmpty)
        #expect(fileContents(under: one) == fileContents(under: three))
    }

    /// A scan hands the writer each rule's catalog ordinal, by which it finds the rule again;
    /// reports read back have none. Pages must read the same either way, also when some hosts
    /// come with ordinals and others without, and whatever numbers the ordinals are.
    @Test func rulesFoundByCatalogOrdinalReadAsFoundByID() throws {
        let byID = try makeTemporaryDirectory()
        let byOrdinal = try makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: byID)
            try? FileManager.default.removeItem(atPath: byOrdinal)
        }
        // Copies of web01 after it, so that its rules are met again on later hosts.
        let copies = ["web02", "web03"].map { hostname in
            var copy = RenderFixture.web01
            copy.hostname = hostname
            return copy
        }
        let hosts = RenderFixture.hosts + copies
        let ids = Set(hosts.flatMap { $0.rules.map(\.ruleID) }).sorted(by: >)
        let ordinal = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0 * 7 + 3) })
        try RenderFixture.render(into: byID, hosts: hosts)
        try RenderFixture.render(into: byOrdinal, rowsPerBatch: 2, hosts: hosts) { host in
            host.hostname == "web02" ? [] : host.rules.compactMap { ordinal[$0.ruleID] }
        }
        #expect(fileContents(under: byID).keys.contains("hosts/web03.html"))
        #expect(fileContents(under: byID) == fileContents(under: byOrdinal))
    }

    @Test func writesEveryPage() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try RenderFixture.render(into: directory)

        let hostile = SafeFileName.forHost(RenderFixture.hostile)
        let expected = [
            "hosts/\(hostile).html", "hosts/db02.html", "hosts/web01.html", "index.html", "rules/1000128.html",
            "rules/1000763.html", "rules/1006012.html", "rules/1007000.html", "rules/1008646.html",
            "rules/\(SafeFileName.forRule("2000001")).html", "style.css",
        ]
        .sorted()
        #expect(regularFiles(under: directory) == expected)

        for file in expected where file.hasSuffix(".html") {
            let page = try read(directory, file)
            #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(file)")
            #expect(page.contains("<meta charset=\"utf-8\">"), "\(file)")
            #expect(page.contains("<main id=\"content\">"), "\(file)")
            // The only script is the page's own, inline, at the end of the body.
            #expect(page.components(separatedBy: "<script").count == 2, "unescaped script in \(file)")
            #expect(page.hasSuffix("</script>\n</body>\n</html>\n"), "\(file)")
            #expect(!page.contains("'x'"), "unescaped quote in \(file)")
        }
        let css = try read(directory, "style.css")
        #expect(css.contains("@media print"))
        #expect(!css.contains("http"))
    }

    @Test func hostPageRowsInOperatorOrder() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try RenderFixture.render(into: directory)
        let page = try read(directory, "hosts/web01.html")

        #expect(page.contains("package deb openssl 1.0.1e-2 in [1.0.1, 1.0.1g-1)"))
        #expect(page.contains("the rule needs configuring before it can be applied"))
        #expect(page.contains("tap <span class=\"detail\">(set on this computer)</span>"))
        #expect(page.contains("blocking is off for every rule on this host"))
        #expect(page.contains("href=\"../rules/1000763.html\""))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        // Policies first, then the computer, whatever order the levels came in.
        #expect(page.contains("<ol><li value=\"1\">policy base</li><li value=\"2\">this computer</li></ol>"))
        #expect(page.contains("needed by rule <a href=\"../rules/1000763.html\">1000763</a>"))
        // A rule with no page (unknown to every host) is not linked.
        #expect(page.contains("9999999") && !page.contains("rules/9999999.html"))

        let order = [
            "id=\"glance\"", "id=\"decisions\"", "id=\"automatic\"", "id=\"unassign\"", "id=\"exclusions\"",
            "id=\"findings\"", "id=\"triage\"", "id=\"assigned\"", "id=\"host\"",
        ]
        let positions = order.compactMap { page.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())

        let failed = try read(directory, "hosts/\(SafeFileName.forHost(RenderFixture.hostile)).html")
        #expect(failed.contains("could not be read"))
        #expect(try read(directory, "hosts/db02.html").contains("No inventory was found for this host"))
    }

    @Test func indexAndRulePages() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try RenderFixture.render(into: directory)
        let index = try read(directory, "index.html")
        #expect(index.contains("<a href=\"hosts/web01.html\">web01</a>"))
        #expect(index.contains("<a href=\"hosts/\(SafeFileName.forHost(RenderFixture.hostile)).html\">&lt;script&gt;"))
        #expect(index.contains("<td>3:7</td>"))
        #expect(index.contains("<li value=\"1\">Switch the engine of web01 to tap."))
        #expect(
            index.range(of: "value=\"1\"")?.lowerBound ?? index.endIndex < index.range(of: "value=\"2\"")?.lowerBound
                ?? index.startIndex
        )
        #expect(index.contains("<a href=\"rules/1000763.html\">"))

        let rule = try read(directory, "rules/1000763.html")
        #expect(rule.contains("never: it may disturb normal operation"))
        #expect(rule.contains("<a href=\"../hosts/web01.html\">web01</a>"))
        #expect(rule.contains("policy linux-web, the computer"))
        #expect(rule.contains("<a href=\"../rules/1000128.html\">1000128</a>"))
        let detectOnly = try read(directory, "rules/1008646.html")
        #expect(detectOnly.contains("no: detect only"))
        #expect(detectOnly.contains("<ol><li value=\"1\">policy base</li><li value=\"2\">the computer</li></ol>"))
    }

    @Test func deterministic() throws {
        let first = try makeTemporaryDirectory()
        let second = try makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        try RenderFixture.render(into: first)
        try RenderFixture.render(into: second)
        let files = regularFiles(under: first)
        #expect(files == (regularFiles(under: second)))
        for file in files { #expect(try read(first, file) == (try read(second, file)), "\(file)") }
    }

    @Test func unwritableFolderThrowsWithPath() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let blocker = directory + "/not-a-folder"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        var writer = HTMLReportWriter(directory: blocker, run: RenderFixture.run, catalog: RenderFixture.catalog)
        let error = #expect(throws: HTMLWriteError.self) { try writer.write(host: RenderFixture.web01) }
        #expect(error?.path == blocker + "/hosts")
        #expect(error?.description.hasPrefix("cannot write \(blocker)/hosts: ") == true)
    }

    /// A rule page, or a fleet page written beside the last rule pages, that cannot be written
    /// fails the run with its own path, whichever thread met it, and leaves no scratch file.
    @Test(
        "an unwritable rule or fleet page fails the run with its path",
        arguments: [("rules/1000763.html", 1), ("rules/1000763.html", 3), ("index.html", 1), ("index.html", 3)])
    func unwritablePageFailsWithItsPath(page: String, jobs: Int) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A folder where the page goes: opening it for writing fails.
        try FileManager.default.createDirectory(atPath: directory + "/" + page, withIntermediateDirectories: true)
        let error = #expect(throws: HTMLWriteError.self) {
            try RenderFixture.render(into: directory, rowsPerBatch: 2, jobs: jobs)
        }
        #expect(error?.path == directory + "/" + page)
        let scratch = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".scratch") }
        #expect(scratch.isEmpty)
    }
}
