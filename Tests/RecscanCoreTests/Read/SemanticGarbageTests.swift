import Foundation
import Synchronization
import Testing

@testable import RecscanCore

/// Well-formed files that say impossible things: each is a clear error with its position, or a
/// finding, never a crash or a hang.
@Suite("Semantic garbage")
struct SemanticGarbageTests {
    @Test func duplicateRuleIDsMakeTheCatalogUnusable() {
        let found = inputErrors {
            _ = try Fixture.catalog(
                """
                <rule id="1000001" module="intrusion-prevention" name="a"/>
                <rule id="1000001" module="log-inspection" name="b"/>
                """)
        }
        #expect(found.map(\.line) == [3])
        #expect(found.first?.message == "rule 1000001 is declared twice (first on line 2)")
    }

    @Test func dependsOnCyclesAreHandled() throws {
        // A cycle only says that the rules go together: each is recommended once, with the rule
        // that pulled it in as evidence, and the closure ends.
        let catalog = try Fixture.catalog(
            """
            <rule id="1" module="intrusion-prevention" name="a"><dependsOn rule="2"/><dependsOn rule="1"/>
              <applies><service name="sshd"/></applies></rule>
            <rule id="2" module="intrusion-prevention" name="b"><dependsOn rule="3"/>
              <applies><service name="nothing-here"/></applies></rule>
            <rule id="3" module="intrusion-prevention" name="c"><dependsOn rule="1"/>
              <applies><service name="nothing-here"/></applies></rule>
            """)
        let host = try Fixture.host("<service name=\"sshd\"/>")
        let fleet = try Fixture.fleet("<computer hostname=\"web01\"><assign rule=\"2\"/></computer>")
        let report = Fixture.analyze(catalog: catalog, fleet: fleet, host: host).report
        #expect(report.rule("1")?.outcome == .toAssign)
        #expect(report.rule("2")?.outcome == .assigned)
        #expect(report.rule("3")?.outcome == .toAssign)
        #expect(report.rule("3")?.evidence.contains { $0.attributes.contains { $0.value == "2" } } == true)
        // Rule 2 stays assigned and needs 3, which is only proposed: one finding, no loop.
        #expect(report.findings(.missingDependency).map(\.ruleID) == ["2"])
    }

    @Test func policyCyclesAndUnknownPoliciesMakeTheFleetUnusable() {
        let found = inputErrors {
            _ = try Fixture.fleet(
                """
                <policy id="a" parent="c"/>
                <policy id="b" parent="a"/>
                <policy id="c" parent="b"/>
                <policy id="self" parent="self"/>
                <computer hostname="x" policy="nowhere"/>
                """)
        }
        #expect(found.filter { $0.message.hasPrefix("policy tree has a cycle") }.count == 4)
        #expect(found.contains { $0.line == 6 && $0.message == "computer x uses unknown policy nowhere" })
    }

    @Test func anAssignedUnknownRuleIsAFinding() throws {
        let catalog = try Fixture.catalog("<rule id=\"1\" module=\"intrusion-prevention\" name=\"a\"/>")
        let fleet = try Fixture.fleet(
            "<policy id=\"p\"><assign rule=\"../../etc/x\"/></policy><computer hostname=\"web01\" policy=\"p\"/>")
        let report = Fixture.analyze(catalog: catalog, fleet: fleet, host: try Fixture.host("")).report
        #expect(report.findings(.unknownRule).map(\.ruleID) == ["../../etc/x"])
    }

    @Test func datesThatDoNotParseAreErrorsWithTheirLine() throws {
        let collected = inputErrors { _ = try Fixture.hosts("\n<host hostname=\"a\" collected=\"yesterday\"/>") }
        #expect(collected.first?.line == 3)
        #expect(collected.first?.message.contains("collected=\"yesterday\" is not an ISO 8601") == true)

        let expires = inputErrors {
            _ = try Fixture.fleet(
                "<computer hostname=\"y\">\n<override rule=\"1\" recommendations=\"excluded\" expires=\"2027-02-30\"/></computer>"
            )
        }
        #expect(expires.first?.line == 3)
        #expect(expires.first?.message.contains("not a date") == true)

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "events.xml",
            "<events xmlns=\"urn:recscan:events:1\">\n<event time=\"13:99\" hostname=\"a\" rule=\"1\" action=\"reset\"/></events>"
        )
        let events = inputErrors { _ = try EventsReader.readXML(path: path, displayName: "events.xml") }
        #expect(events.first?.line == 2)
        #expect(events.first?.message.contains("time=\"13:99\"") == true)
    }

    @Test(arguments: ["-1", "0", "65536", "99999999999999999999", "80abc"])
    func badPortsAreErrorsWithTheirLine(port: String) throws {
        let inventory = inputErrors {
            _ = try Fixture.hosts("<host hostname=\"a\">\n<listen protocol=\"tcp\" port=\"\(port)\"/></host>")
        }
        #expect(inventory.first?.line == 3, "\(inventory)")
        #expect(inventory.first?.message.contains("is not a port number") == true)

        let catalog = inputErrors {
            _ = try Fixture.catalog(
                "<rule id=\"1\" module=\"intrusion-prevention\" name=\"a\">\n<applies><port protocol=\"tcp\" port=\"\(port)\"/></applies></rule>"
            )
        }
        #expect(catalog.first?.line == 3)
        #expect(catalog.first?.message.contains("is not a port number") == true)
    }

    final class LogLines: Sendable {
        let lines = Mutex<[String]>([])
    }

    @Test func aHostNamedInSeveralFilesIsMergedAndLogged() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let inventory = { (hosts: String) in "<inventory xmlns=\"urn:recscan:inventory:1\">\(hosts)</inventory>" }
        try folder.write("in/a.xml", inventory("<host hostname=\"web01\"><service name=\"sshd\"/></host>"))
        try folder.write(
            "in/b.xml",
            inventory("<host hostname=\"WEB01\"><file path=\"/etc/x\"/></host><host hostname=\"web01\"/>"))
        var options = ScanOptions()
        options.inventories = folder.path + "/in"
        options.outDirectory = folder.path + "/out"
        options.referenceTime = Fixture.referenceTime
        let log = LogLines()
        let result = try await ScanPipeline(options: options) { line in log.lines.withLock { $0.append(line) } }.run()
        #expect(result.summary.hosts == 1)
        #expect(result.rejected.isEmpty)
        let notes = log.lines.withLock { $0 }.filter { $0.hasPrefix("note: host web01") }
        #expect(
            notes == [
                "note: host web01 is named more than once, in \(folder.path)/in/a.xml, \(folder.path)/in/b.xml; its inventories were merged"
            ])
        let report = try String(contentsOfFile: result.runPath + "/report.xml", encoding: .utf8)
        #expect(report.contains("<source file=\"\(folder.path)/in/a.xml\"/>"))
        #expect(report.contains("<source file=\"\(folder.path)/in/b.xml\"/>"))
    }

    @Test func osqueryRowsWithNegativePortsAreSkippedOrRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "ports01.json",
            """
            [{"pid":"1","port":"-1","protocol":"6","family":"2","address":"0.0.0.0"},
             {"pid":"2","port":"22","protocol":"6","family":"2","address":"0.0.0.0"}]
            """)
        let hosts = try OsqueryImporter.read(path: path, displayName: "ports01.json", limits: .standard)
        #expect(hosts.first?.listening == [ListeningPort(transport: "tcp", port: 22)])
        let bad = try folder.write(
            "ports02.json", "[{\"pid\":\"1\",\"port\":\"-x\",\"protocol\":\"6\",\"family\":\"2\"}]")
        let rejected = inputErrors {
            _ = try OsqueryImporter.read(path: bad, displayName: "ports02.json", limits: .standard)
        }
        #expect(rejected.first?.line == 1)
        #expect(rejected.first?.message.contains("not a number") == true)
    }
}
