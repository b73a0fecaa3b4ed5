import Foundation
import Testing

@testable import RecscanCore

@Suite("The whole scan pipeline")
struct ScanPipelineTests {
    /// A small fleet in a temporary folder: two good inventories (one holding two hosts), a broken one,
    /// an unrecognized file, a fleet and events.
    private func makeInputs() throws -> (TemporaryFolder, ScanOptions) {
        let folder = try TemporaryFolder()
        let catalog = try folder.write(
            "catalog.xml",
            """
            <catalog xmlns="urn:recscan:catalog:1" version="t">\(OutcomeTests.catalogXML)</catalog>
            """)
        try folder.write(
            "in/fleet.xml",
            "<fleet xmlns=\"urn:recscan:fleet:1\">\(OutcomeTests.fleetXML)<computer hostname=\"gone01\" policy=\"base\"/></fleet>"
        )
        try folder.write(
            "in/web01.xml",
            """
            <inventory xmlns="urn:recscan:inventory:1"><host hostname="WEB01" collected="2026-11-28T08:00:00Z">
              <os family="linux" name="debian" version="12"/><listen protocol="tcp" port="443"/>
              <package ecosystem="deb" name="openssl" version="1.0.1e-2"/></host></inventory>
            """)
        try folder.write(
            "in/more/pair.xml",
            """
            <inventory xmlns="urn:recscan:inventory:1">
              <host hostname="db01" collected="2026-11-10T08:00:00Z"><file path="/etc/passwd"/></host>
              <host hostname="&lt;script&gt;x" collected="2026-11-28T08:00:00Z"><listen protocol="tcp" port="445"/></host>
            </inventory>
            """)
        try folder.write(
            "in/broken.xml", "<inventory xmlns=\"urn:recscan:inventory:1\">\n<host hostname=\"half\"><package")
        try folder.write("in/notes.txt", "not an inventory")
        try folder.write(
            "in/events.xml",
            """
            <events xmlns="urn:recscan:events:1">
              <event time="2026-11-28T10:15:00Z" hostname="web01" rule="1000763" action="reset"/>
              <event time="2026-11-28T10:17:00Z" hostname="web01" rule="1000763" action="reset"/>
            </events>
            """)
        var options = ScanOptions()
        options.inventories = folder.path + "/in"
        options.catalogPath = catalog
        options.outDirectory = folder.path + "/out"
        options.referenceTime = Fixture.referenceTime
        return (folder, options)
    }

    @Test func scanWritesACompleteValidReportAndKeepsGoingPastBadInputs() async throws {
        let (folder, options) = try makeInputs()
        defer { folder.remove() }
        let result = try await ScanPipeline(options: options).run()
        #expect(result.runID == "20261129T000000Z")
        #expect(result.summary.hosts == 5)
        #expect(
            result.rejected.map { ($0.file as NSString).lastPathComponent }.sorted() == ["broken.xml", "notes.txt"])
        let broken = try #require(result.rejected.first { $0.file.hasSuffix("broken.xml") })
        #expect(broken.line == 2)

        let report = result.runPath + "/report.xml"
        let validator = try XMLSchemaValidator(xsd: BundledSchema.report.bytes, name: "report.xsd")
        #expect(validator.validate(path: report).isEmpty)
        let xml = String(decoding: FileManager.default.contents(atPath: report) ?? Data(), as: UTF8.self)
        for host in ["half", "db01", "gone01", "&lt;script&gt;x", "WEB01"] {
            #expect(xml.contains("hostname=\"\(host)\""))
        }
        #expect(xml.contains("status=\"error\""))
        #expect(xml.contains("status=\"no-inventory\""))
        #expect(xml.contains("status=\"stale\""))
        #expect(xml.contains("<triage hostname=\"WEB01\" rule=\"1000763\" events=\"2\" blocked=\"true\">"))

        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: options.outDirectory + "/latest")
        #expect(latest == result.runID)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: options.outDirectory).filter {
            $0.hasPrefix(".")
        }
        #expect(leftovers == [".recscan.lock"])  // the lock file stays (OutputLock), nothing else
        let html = fileContents(under: result.runPath).keys
        #expect(html.contains("index.html"))
        #expect(html.filter { $0.hasPrefix("hosts/") }.count == 5)
        // --verbose prints how long each part took.
        #expect(result.phases.setup > 0 && result.phases.analysis > 0 && result.phases.reports > 0)
    }

    @Test func reportsAreByteIdenticalForAnyNumberOfJobs() async throws {
        let (folder, options) = try makeInputs()
        defer { folder.remove() }
        var outputs: [[String: Data]] = []
        for jobs in [1, 2, 5] {
            var run = options
            run.jobs = jobs
            run.outDirectory = folder.path + "/out-\(jobs)"
            let result = try await ScanPipeline(options: run).run()
            outputs.append(fileContents(under: result.runPath))
        }
        #expect(outputs[0].count > 5)
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
    }

    @Test func secondRunGetsItsOwnFolderAndMovesLatest() async throws {
        let (folder, options) = try makeInputs()
        defer { folder.remove() }
        _ = try await ScanPipeline(options: options).run()
        let second = try await ScanPipeline(options: options).run()
        #expect(second.runID == "20261129T000000Z-2")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: options.outDirectory + "/latest") == second.runID)
    }

    @Test func unusableCatalogOrFleetWritesNothing() async throws {
        let (folder, options) = try makeInputs()
        defer { folder.remove() }
        try folder.write(
            "in/fleet.xml", "<fleet xmlns=\"urn:recscan:fleet:1\"><computer hostname=\"a\" policy=\"nope\"/></fleet>")
        await #expect(throws: ScanFailure.self) { try await ScanPipeline(options: options).run() }
        #expect(!FileManager.default.fileExists(atPath: options.outDirectory + "/latest"))
        var badCatalog = options
        badCatalog.catalogPath = try folder.write("bad-catalog.xml", "<catalog xmlns=\"urn:recscan:catalog:1\">")
        do {
            _ = try await ScanPipeline(options: badCatalog).run()
            Issue.record("expected a failure")
        } catch let failure as ScanFailure {
            guard case .unusableInput(let errors) = failure else {
                Issue.record("wrong failure \(failure)")
                return
            }
            #expect(errors.first?.file.hasSuffix("bad-catalog.xml") == true)
        }
    }

    @Test func unwritableOutputIsAnOutputFailure() async throws {
        let (folder, options) = try makeInputs()
        defer { folder.remove() }
        var run = options
        run.outDirectory = try folder.write("a-file", "x") + "/reports"
        do {
            _ = try await ScanPipeline(options: run).run()
            Issue.record("expected a failure")
        } catch let failure as ScanFailure {
            guard case .output = failure else {
                Issue.record("wrong failure \(failure)")
                return
            }
        }
    }

    @Test func bundledCatalogReads() throws {
        let catalog = try CatalogReader.read(bytes: BundledCatalog.bytes, displayName: BundledCatalog.displayName)
        #expect(catalog.rules.count >= 60)
        for module in Module.allCases {
            #expect(catalog.rules.values.contains { $0.module == module })
        }
    }

    @Test(arguments: BundledSchema.allCases)
    func bundledSchemasCompile(schema: BundledSchema) throws {
        _ = try XMLSchemaValidator(xsd: schema.bytes, name: schema.rawValue)
    }
}
