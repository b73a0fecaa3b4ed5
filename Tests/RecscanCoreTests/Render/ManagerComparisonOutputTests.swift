import Foundation
import Testing

@testable import RecscanCore

/// The comparison with the manager's own recommendation scans reaches every output: report.xml
/// (valid against its schema, and read back as written), report.json, the host page and the
/// dashboard; a stored run writes it again byte for byte.
struct ManagerComparisonOutputTests {
    @Test func theSampleExportsComparisonIsInEveryFormat() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try await APIPlanTests.sampleRun(into: folder)
        let xml = try String(contentsOfFile: run + "/report.xml", encoding: .utf8)
        #expect(try SampleFleet.schemaProblems(xml).isEmpty)
        #expect(xml.contains("direction=\"recscan-assigns\" cause=\"manager-scan-outdated\""))
        #expect(xml.contains("<scan module=\"intrusion-prevention\" status=\"out-of-date\""))
        let json = try String(contentsOfFile: run + "/report.json", encoding: .utf8)
        #expect(json.contains("\"cause\":\"not-in-catalog\""))
        let page = try String(contentsOfFile: run + "/hosts/winfs01.html", encoding: .utf8)
        #expect(
            page.contains("The manager&#39;s recommendation scan") || page.contains("The manager's recommendation scan")
        )
        #expect(page.contains("excluded from recommendations on policy Windows File Servers"))
        let index = try String(contentsOfFile: run + "/index.html", encoding: .utf8)
        #expect(index.contains("differences with the manager"))
        #expect(index.contains("id=\"manager\""))

        let reader = try StoredReportReader(path: run + "/report.xml")
        var stored: [String: ManagerComparison] = [:]
        while let host = try reader.next() { stored[host.hostname] = host.manager }
        let analyses = try await DeepSecuritySampleTests.analyses(DeepSecurityExportTests.options())
        for analysis in analyses {
            #expect(stored[analysis.report.hostname] == analysis.report.manager, "\(analysis.report.hostname)")
        }

        let again = folder.path + "/again"
        var options = DeepSecurityExportTests.options()
        options.outDirectory = again
        _ = try await StoredRunRender(run: run, formats: Set(ReportFormat.allCases), out: again, options: options)
            .render()
        var expected = fileContents(under: run)
        expected["api-plan.json"] = nil
        expected["api-plan.sh"] = nil
        #expect(fileContents(under: again) == expected)
    }
}
