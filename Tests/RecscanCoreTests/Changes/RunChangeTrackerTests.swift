import Foundation
import Testing

@testable import RecscanCore

@Suite("Changes since the previous run")
struct RunChangeTrackerTests {
    @Test func ruleChangesAreClassified() {
        func state(_ outcome: Outcome, _ apply: ApplyClass? = nil) -> RuleState {
            RuleState(outcome: outcome, apply: apply)
        }
        let cases: [(RuleState?, RuleState?, RuleChange.Kind?)] = [
            (nil, state(.toAssign, .auto), .new), (state(.assigned), state(.toUnassign), .new),
            (state(.toAssign, .auto), nil, .resolved), (state(.toAssign, .manual), state(.assigned), .resolved),
            (state(.toUnassign), nil, .resolved), (state(.toAssign, .auto), state(.excluded), .resolved),
            (state(.toAssign, .auto), state(.toAssign, .manual), .changed),
            (state(.assigned), state(.excluded), .changed),
            (nil, state(.assigned), .changed), (state(.assigned), state(.assigned), nil),
        ]
        for (was, now, kind) in cases {
            #expect(
                RuleChange.between("1", was: was, now: now)?.kind == kind,
                "\(String(describing: was)) → \(String(describing: now))")
        }
    }

    /// A catalog where a host gets 1006012 when its openssl is vulnerable and 2000001 when it has /etc/passwd.
    private static let catalog = OutcomeTests.catalogXML

    private func inventory(
        _ name: String, openssl: String = "3.0.15-1", passwd: Bool = true, collected: String = "2026-11-28T08:00:00Z"
    ) -> String {
        """
        <inventory xmlns="urn:recscan:inventory:1"><host hostname="\(name)" collected="\(collected)">
          <os family="linux" name="debian" version="12"/><package ecosystem="deb" name="openssl" version="\(openssl)"/>
          \(passwd ? "<file path=\"/etc/passwd\"/>" : "")</host></inventory>
        """
    }

    private func scan(
        _ folder: TemporaryFolder, inventories: String, out: String = "out", jobs: Int = 2,
        formats: Set<ReportFormat> = [.xml, .html]
    ) async throws -> ScanResult {
        var options = ScanOptions()
        options.inventories = folder.path + "/" + inventories
        options.catalogPath = try folder.write(
            "catalog.xml", "<catalog xmlns=\"urn:recscan:catalog:1\" version=\"t\">\(Self.catalog)</catalog>")
        options.outDirectory = folder.path + "/" + out
        options.referenceTime = Fixture.referenceTime
        options.jobs = jobs
        options.formats = formats
        return try await ScanPipeline(options: options).run()
    }

    private func reportXML(_ result: ScanResult) -> String {
        String(decoding: FileManager.default.contents(atPath: result.runPath + "/report.xml") ?? Data(), as: UTF8.self)
    }

    @Test func firstRunHasNoChangesAndAnIdenticalSecondRunHasNone() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in ["a", "b"] { try folder.write("in/\(name).xml", inventory(name)) }
        let first = try await scan(folder, inventories: "in")
        #expect(first.changes == nil)
        #expect(!reportXML(first).contains("<changes"))
        let second = try await scan(folder, inventories: "in")
        let changes = try #require(second.changes)
        #expect(changes.previousRun == first.runID && changes.unavailable == nil)
        #expect(changes.hostsAdded.isEmpty && changes.hostsGone.isEmpty && changes.hostsChanged.isEmpty)
        #expect(reportXML(second).components(separatedBy: "<changes").count == 2)
    }

    @Test func editingOneSampleInventoryReportsExactlyThatChange() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(atPath: SampleFleet.inventories, toPath: folder.path + "/in")
        var options = SampleFleet.options()
        options.inventories = folder.path + "/in"
        options.outDirectory = folder.path + "/out"
        _ = try await ScanPipeline(options: options).run()
        let web01 = folder.path + "/in/web01.xml"
        let text = String(decoding: FileManager.default.contents(atPath: web01) ?? Data(), as: UTF8.self)
        try folder.write(
            "in/web01.xml",
            text.replacingOccurrences(
                of: "name=\"openssh-server\" version=\"1:9.2p1-2+deb12u2\"",
                with: "name=\"openssh-server\" version=\"1:9.2p1-2+deb12u3\""))
        let second = try await ScanPipeline(options: options).run()
        let changes = try #require(second.changes)
        #expect(changes.hostsAdded.isEmpty && changes.hostsGone.isEmpty)
        #expect(changes.hostsChanged.map(\.hostname) == ["web01"])
        #expect(changes.resolvedRecommendations == 1 && changes.newRecommendations == 0)
        #expect(changes.newFindings == 0 && changes.resolvedFindings == 0)
        #expect(changes.rules == [RuleChangeCount(ruleID: "1012045", new: 0, resolved: 1)])
        let xml = reportXML(second)
        #expect(xml.contains("<rule id=\"1012045\" change=\"resolved\" was=\"to-assign\" wasApply=\"auto\"/>"))
        // Only web01 carries a <changes> element besides the fleet-wide one.
        #expect(xml.components(separatedBy: "<changes").count == 3)
        let validator = try XMLSchemaValidator(xsd: BundledSchema.report.bytes, name: "report.xsd")
        #expect(validator.validate(path: second.runPath + "/report.xml").isEmpty)
        let page = String(
            decoding: FileManager.default.contents(atPath: second.runPath + "/hosts/web01.html") ?? Data(),
            as: UTF8.self)
        #expect(page.contains("Changes since the previous run"))
    }

    @Test func manyHostsComingAndGoingAreMatchedExactly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let before = (0..<300).map { String(format: "h%03d", $0) }
        for name in before { try folder.write("one/\(name).xml", inventory(name)) }
        var after = before.filter { Int($0.dropFirst()).map { $0 % 3 != 0 } ?? true }
        after += ["a-first", "h0505", "h150x", "zz-last"]
        // The same host spelled in capitals is the same host.
        after = after.map { $0 == "h001" ? "H001" : $0 }
        for name in after {
            let vulnerable = name == "h002" || name == "h299"
            try folder.write(
                "two/\(name).xml",
                inventory(name, openssl: vulnerable ? "1.0.1e-2" : "3.0.15-1", passwd: name != "h004"))
        }
        _ = try await scan(folder, inventories: "one")
        let result = try await scan(folder, inventories: "two", jobs: 4)
        let changes = try #require(result.changes)
        #expect(changes.hostsAdded == ["a-first", "h0505", "h150x", "zz-last"])
        #expect(changes.hostsGone == before.filter { Int($0.dropFirst()).map { $0 % 3 == 0 } ?? false })
        #expect(changes.hostsChanged.map(\.hostname) == ["h002", "h004", "h299"])
        #expect(changes.rules.map(\.ruleID) == ["1006012", "2000001"])
        #expect(changes.newRecommendations == 2 && changes.resolvedRecommendations == 1)
    }

    @Test func findingsAndStatusChangesAreReported() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("one/a.xml", inventory("a"))
        try folder.write("two/a.xml", inventory("a", collected: "2026-11-01T00:00:00Z"))
        _ = try await scan(folder, inventories: "one")
        let result = try await scan(folder, inventories: "two")
        let summary = try #require(result.changes?.hostsChanged.first)
        #expect(summary.previousStatus == "ok" && summary.newFindings == 1)
        #expect(reportXML(result).contains("<finding change=\"new\" kind=\"stale-inventory\" severity=\"medium\"/>"))
    }

    @Test func aPreviousRunWithoutUsableReportIsNotCompared() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("in/a.xml", inventory("a"))
        let htmlOnly = try await scan(folder, inventories: "in", formats: [.html])
        let second = try await scan(folder, inventories: "in")
        #expect(second.changes?.previousRun == htmlOnly.runID)
        #expect(second.changes?.unavailable?.contains("no report.xml") == true)
        #expect(reportXML(second).contains("unavailable="))

        // A hand-edited previous report whose hosts are out of order is refused, not misread.
        let renamed = reportXML(second).replacingOccurrences(of: "hostname=\"a\"", with: "hostname=\"z\"")
        let unsorted = renamed.replacingOccurrences(
            of: "</report>", with: "<host hostname=\"b\" status=\"ok\"/></report>")
        try Data(unsorted.utf8).write(to: URL(fileURLWithPath: second.runPath + "/report.xml"))
        let third = try await scan(folder, inventories: "in")
        #expect(third.changes?.unavailable?.contains("out of order") == true)
    }

    @Test func secondRunsAreByteIdenticalForAnyNumberOfJobs() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for index in 0..<20 { try folder.write("one/h\(index).xml", inventory("h\(index)")) }
        for index in 5..<25 {
            try folder.write(
                "two/h\(index).xml", inventory("h\(index)", openssl: index % 4 == 0 ? "1.0.1e-2" : "3.0.15-1"))
        }
        var outputs: [Data?] = []
        for jobs in [1, 5] {
            _ = try await scan(folder, inventories: "one", out: "out\(jobs)", jobs: jobs)
            let second = try await scan(folder, inventories: "two", out: "out\(jobs)", jobs: jobs)
            outputs.append(FileManager.default.contents(atPath: second.runPath + "/report.xml"))
        }
        #expect(outputs[0] != nil && outputs[0] == outputs[1])
    }
}
