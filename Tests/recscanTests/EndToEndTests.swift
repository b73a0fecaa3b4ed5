import Foundation
import Testing

/// Runs the built `recscan` binary as a user would and checks files and exit codes.
@Suite("recscan command line, end to end")
struct EndToEndTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("recscan")
    }

    /// The repository root, found from this file's location.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    func recscan(_ arguments: [String], in directory: URL) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ["SOURCE_DATE_EPOCH": "1795910400", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("recscan-e2e-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func sampleScanWritesAValidReportAndFlagsTheBrokenInventory() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let inventories = Self.repository.appendingPathComponent("Inventories").path
        let scan = try recscan(["scan", "--inventories", inventories, "--out", work.path + "/Reports"], in: work)
        #expect(scan.status == 2, "stderr: \(scan.stderr)")
        #expect(scan.stdout.contains("run 20261129T000000Z"))
        #expect(scan.stdout.contains("rejected "))
        let report = work.path + "/Reports/latest/report.xml"
        // Every format by default: XML, HTML, JSON and both CSV tables.
        for file in ["index.html", "report.json", "recommendations.csv", "findings.csv"] {
            #expect(FileManager.default.fileExists(atPath: work.path + "/Reports/latest/" + file), "\(file)")
        }
        let validate = try recscan(["validate", report], in: work)
        #expect(validate.status == 0, "\(validate.stdout)")
        #expect(validate.stdout.contains("valid recscan report XML"))

        let gate = try recscan(
            [
                "scan", "--inventories", inventories, "--out", work.path + "/Gate", "--fail-on", "manual", "--format",
                "xml",
            ], in: work)
        #expect(gate.status == 1)
        for file in ["index.html", "report.json", "recommendations.csv", "findings.csv"] {
            #expect(!FileManager.default.fileExists(atPath: work.path + "/Gate/latest/" + file), "\(file)")
        }
    }

    @Test func exitCodesFollowTheSpec() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let inventories = work.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inventories, withIntermediateDirectories: true)
        try Data(
            """
            <inventory xmlns="urn:recscan:inventory:1"><host hostname="h1" collected="2026-11-28T00:00:00Z">
            <os family="linux" name="debian" version="12"/></host></inventory>
            """.utf8
        ).write(to: inventories.appendingPathComponent("h1.xml"))
        let clean = try recscan(["scan", "--inventories", inventories.path, "--out", "out"], in: work)
        #expect(clean.status == 0, "stderr: \(clean.stderr)")
        // Thresholds: comma-separated or repeated, any one met exits 1 and says which on stderr.
        let quiet = try recscan(
            ["scan", "--inventories", inventories.path, "--out", "out", "--fail-on", "finding-high"], in: work)
        #expect(quiet.status == 0, "stderr: \(quiet.stderr)")
        #expect(quiet.stdout.contains("changes since 20261129T000000Z: recommendations +0 -0"))
        let paged = try recscan(
            [
                "scan", "--inventories", inventories.path, "--out", "out", "--fail-on", "finding-high",
                "--fail-on", "to-assign",
            ], in: work)
        #expect(paged.status == 1)
        #expect(paged.stderr.contains("--fail-on to-assign: 1 recommended rule(s) are not assigned"))
        #expect(!paged.stderr.contains("finding-high:"))
        #expect(try recscan(["scan", "--inventories", inventories.path, "--fail-on", "high"], in: work).status == 64)

        #expect(try recscan(["scan", "--jobs", "0"], in: work).status == 64)
        let badFormat = try recscan(["scan", "--inventories", inventories.path, "--format", "json,pdf"], in: work)
        #expect(badFormat.status == 64)
        #expect(badFormat.stderr.contains("unknown format 'pdf'; use one or more of xml, html, json, csv"))
        #expect(try recscan(["scan", "--inventories", "does-not-exist"], in: work).status == 64)

        try Data("<fleet xmlns=\"urn:recscan:fleet:1\"><computer hostname=\"h1\" policy=\"missing\"/></fleet>".utf8)
            .write(to: inventories.appendingPathComponent("fleet.xml"))
        let badFleet = try recscan(["scan", "--inventories", inventories.path, "--out", "out2"], in: work)
        #expect(badFleet.status == 65)
        #expect(badFleet.stderr.contains("unknown policy missing"))
        #expect(!FileManager.default.fileExists(atPath: work.path + "/out2/latest"))

        try Data("x".utf8).write(to: work.appendingPathComponent("blocker"))
        try FileManager.default.removeItem(at: inventories.appendingPathComponent("fleet.xml"))
        let unwritable = try recscan(["scan", "--inventories", inventories.path, "--out", "blocker/reports"], in: work)
        #expect(unwritable.status == 73)
    }

    @Test func validateAndSchemaCommands() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let bad = work.appendingPathComponent("bad.xml")
        try Data(
            "<inventory xmlns=\"urn:recscan:inventory:1\">\n  <host/>\n  <host hostname=\"x\"><listen protocol=\"tcp\" port=\"99999\"/></host>\n</inventory>"
                .utf8
        ).write(to: bad)
        let result = try recscan(["validate", bad.path], in: work)
        #expect(result.status == 2)
        #expect(result.stdout.contains("bad.xml:2"))
        #expect(result.stdout.contains("bad.xml:3"))

        for name in ["catalog", "fleet", "inventory", "events", "exclusions", "report", "report-json"] {
            let schema = try recscan(["schema", name], in: work)
            #expect(schema.status == 0)
            #expect(schema.stdout.contains("urn:recscan:\(name):1"))
        }
        let unknown = try recscan(["schema", "nope"], in: work)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("events, exclusions, report, report-json"))
    }

    @Test func explainAnswersTheFourCasesWithExitCodes() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let inventories = Self.repository.appendingPathComponent("Inventories").path
        func explain(_ host: String, _ rule: String, _ extra: [String] = []) throws -> Run {
            try recscan(["explain", "--inventories", inventories, "--host", host, "--rule", rule] + extra, in: work)
        }
        let recommended = try explain("web01", "1012045")
        #expect(recommended.status == 0, "\(recommended.stderr)")
        #expect(recommended.stdout.contains("Answer: recommended"))
        #expect(recommended.stdout.contains("[+] deb openssh-server 1:9.2p1-2+deb12u2 is inside"))
        let patched = try explain("web01", "1011117")
        #expect(patched.stdout.contains("Answer: patched"))
        let excluded = try explain("WEB02", "1000763")
        #expect(excluded.stdout.contains("Answer: excluded"))
        #expect(excluded.stdout.contains("Assigned on: policy linux-web"))
        let unmatched = try explain("web01", "1008224", ["--format", "xml"])
        #expect(unmatched.status == 0)
        #expect(unmatched.stdout.contains("answer=\"not-recommended\""))
        let file = work.appendingPathComponent("explain.xml")
        try Data(unmatched.stdout.utf8).write(to: file)
        #expect(try recscan(["validate", file.path], in: work).status == 0)

        #expect(try explain("nohost", "1012045").status == 64)
        #expect(try explain("web01", "999").status == 64)
        let broken = try explain("broken", "1008720")
        #expect(broken.status == 2)
        #expect(broken.stdout.contains("Answer: not-evaluated"))
    }

    @Test func triagePrintsTheStoryPlanFromXMLOrCSVEvents() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let inventories = Self.repository.appendingPathComponent("Inventories").path
        let plan = try recscan(["triage", "--inventories", inventories], in: work)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.hasPrefix("web01 / rule 1000763: 8 hits, blocked traffic\n"))
        #expect(plan.stdout.contains("Unassign rule 1000763 from policy linux-web"))
        #expect(plan.stdout.contains("web03 / rule 1000763: 1 hit, detect-only"))

        let csv = work.appendingPathComponent("events.csv")
        try Data(
            """
            Time,Computer,Reason,Action
            2026-11-28T09:41:07Z,web01,1000763 - URI Length And Depth Restriction,Reset
            2026-11-28T09:42:00Z,ghost99,1000763 - URI Length And Depth Restriction,Reset

            """.utf8
        ).write(to: csv)
        let fromCSV = try recscan(
            ["triage", "--inventories", inventories, "--events", csv.path, "--rule", "1000763", "--format", "xml"],
            in: work)
        // The event for an unknown computer is rejected: plans are printed, exit 2.
        #expect(fromCSV.status == 2, "\(fromCSV.stderr)")
        #expect(fromCSV.stderr.contains("ghost99"))
        #expect(fromCSV.stdout.contains("<triage hostname=\"web01\" rule=\"1000763\" events=\"1\" blocked=\"true\">"))

        let empty = work.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try recscan(["triage", "--inventories", empty.path], in: work).status == 64)
    }
}
