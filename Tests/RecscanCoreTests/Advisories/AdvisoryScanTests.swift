import Foundation
import Testing

@testable import RecscanCore

/// A whole scan with advisories: the findings travel through records, shards and merge, and
/// every format says the same.
@Suite("Scans with OSV advisories")
struct AdvisoryScanTests {
    @Test func mergedShardsAndOtherJobCountsWriteTheSameBytes() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = OSVFixtures.options()
        options.outDirectory = folder.path + "/single"
        options.jobs = 1
        let single = try await ScanPipeline(options: options).run()
        #expect(single.uncoveredVulnerabilities > 0)
        var parallel = options
        parallel.jobs = 2
        parallel.outDirectory = folder.path + "/parallel"
        let twoJobs = try await ScanPipeline(options: parallel).run()
        #expect(fileContents(under: twoJobs.runPath) == fileContents(under: single.runPath))
        var shardRuns: [String] = []
        for index in 1...2 {
            var shard = options
            shard.shard = Shard("\(index)/2")
            shard.outDirectory = folder.path + "/shard-\(index)"
            shardRuns.append(try await ScanPipeline(options: shard).run().runPath)
        }
        var merge = options
        merge.outDirectory = folder.path + "/merged"
        let merged = try await ShardMerge(shards: shardRuns, options: merge).run()
        #expect(merged.uncoveredVulnerabilities == single.uncoveredVulnerabilities)
        #expect(fileContents(under: merged.runPath) == fileContents(under: single.runPath))
    }

    @Test func theReportNamesTheAdvisoryAndPassesItsSchemas() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = OSVFixtures.options()
        options.outDirectory = folder.path
        let run = try await ScanPipeline(options: options).run()
        let xml = try String(contentsOfFile: run.runPath + "/report.xml", encoding: .utf8)
        #expect(
            xml.contains(
                #"advisory="PYSEC-2023-74" range="[2.3.0, 2.31.0)" fixed="2.31.0""#))
        #expect(
            xml.contains(
                #"<finding kind="uncovered-vulnerability" severity="high" advisory="PYSEC-2024-60" aliases="CVE-2024-3651" ecosystem="pypi" package="idna" version="2.10" fixed="3.7">"#
            ))
        let problems = try XMLSchemaValidator(xsd: BundledSchema.report.bytes, name: "report.xsd")
            .validate(path: run.runPath + "/report.xml")
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        let host = try String(contentsOfFile: run.runPath + "/hosts/py-app.html", encoding: .utf8)
        #expect(host.contains("id=\"uncovered\""))
        let index = try String(contentsOfFile: run.runPath + "/index.html", encoding: .utf8)
        #expect(index.contains("vulnerabilities no rule protects"))
    }

    @Test func explainNamesEachAdvisoryRangeAndVerdict() async throws {
        let inputs = try await ScanInputs.load(OSVFixtures.options()) { _ in }
        let explainer = Explainer(
            catalog: inputs.catalog, fleet: inputs.fleet, referenceTime: Fixture.referenceTime, maxAgeDays: 100_000,
            uncovered: inputs.uncovered)
        let host = try #require(inputs.hosts.first { $0.hostname == "go-svc" })
        let explanation = explainer.explain(host, ruleID: "2000010")
        #expect(explanation.answer == .patched)
        let text = ExplanationText.render(explanation)
        #expect(text.contains("GO-2020-0015 (Go, SEMVER introduced 0, fixed 0.3.3)"), "\(text)")
        #expect(text.contains("golang.org/x/text v0.3.5 is at or past fixed 0.3.3"), "\(text)")
    }

    /// `explain`'s long form agrees with the matcher on rules fed by advisories too.
    @Test func criteriaAgreeWithTheMatcherOnAdvisoryFedRules() async throws {
        let inputs = try await ScanInputs.load(OSVFixtures.options()) { _ in }
        let matcher = Matcher(index: CatalogIndex(catalog: inputs.catalog))
        var compared = 0
        for input in inputs.hosts {
            let inventory = try #require(input.inventory)
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
        #expect(compared == 22)
    }

    /// Advisory ids, aliases and package names are untrusted: escaped in every page.
    @Test func hostileAdvisoryTextStaysText() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(
            "adv/evil.json",
            #"{"id": "<script>alert(1)</script>", "aliases": ["\"><img src=x onerror=alert(2)>"], "#
                + #""affected": [{"package": {"name": "idna", "ecosystem": "PyPI"}, "versions": ["2.10"]}]}"#)
        var options = OSVFixtures.options()
        options.advisoryPaths = [folder.path + "/adv"]
        options.outDirectory = folder.path + "/out"
        let run = try await ScanPipeline(options: options).run()
        #expect(run.uncoveredVulnerabilities == 1)
        for page in ["index.html", "hosts/py-app.html"] {
            let html = try String(contentsOfFile: run.runPath + "/" + page, encoding: .utf8)
            #expect(!html.contains("<script>alert"), "\(page)")
            #expect(!html.contains("<img src=x"), "\(page)")
            // The dashboard counts advisories; the host page names them.
            #expect(page == "index.html" || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(page)")
        }
    }
}
