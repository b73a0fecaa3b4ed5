import Foundation
import Testing

/// `report.json` of real scans against the schema `recscan schema report-json` prints, checked by
/// Python's `jsonschema` (an implementation that is not ours); `.ci/run` installs it.
@Suite("report.json against its JSON Schema")
struct ReportJSONSchemaTests {
    /// A Python interpreter that can import `jsonschema`, if any: the one on `PATH` first (where
    /// `.ci/run`'s `pip install` puts it), then the system's.
    static let python: String? = ["python3", "/usr/bin/python3"].first { candidate in
        (try? run("/usr/bin/env", [candidate, "-c", "import jsonschema"]).status) == 0
    }

    static let validator = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        failed = False
        for path in sys.argv[2:]:
            with open(path, encoding="utf-8") as file:
                document = json.load(file)
            for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
                failed = True
                print(f"{path}: {error.json_path}: {error.message[:300]}")
        sys.exit(1 if failed else 0)
        """

    @Test(.enabled(if: python != nil, "needs python3 with jsonschema (pip install jsonschema); .ci/run installs it"))
    func firstRunsRerunsAndUncomparableRunsMatchTheSchema() throws {
        let python = try #require(Self.python)
        let work = try SampleRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let schema = try EndToEndTests().recscan(["schema", "report-json"], in: work)
        #expect(schema.status == 0)
        let schemaFile = work.appendingPathComponent("report.schema.json")
        try Data(schema.stdout.utf8).write(to: schemaFile)

        let out = work.appendingPathComponent("Reports")
        let formats = ["--format", "xml,json"]
        let first = try SampleRun.scan(out: out, jobs: 2, extra: formats)
        let rerun = try SampleRun.scan(out: out, jobs: 1, epoch: 1_795_910_400 + 100 * 86_400, extra: formats)
        // After a run without report.xml, the changes say why they could not be compared.
        let other = work.appendingPathComponent("Other")
        _ = try SampleRun.scan(out: other, jobs: 1, extra: ["--format", "html"])
        let uncompared = try SampleRun.scan(out: other, jobs: 1, epoch: 1_795_910_400 + 86_400, extra: formats)

        let reports = [first, rerun, uncompared].map { $0.appendingPathComponent("report.json").path }
        let rerunReport = try String(contentsOfFile: reports[1], encoding: .utf8)
        #expect(rerunReport.contains("\"changes\":{\"previousRun\":\"20261129T000000Z\""))
        #expect(try String(contentsOfFile: reports[2], encoding: .utf8).contains("\"unavailable\":"))
        let check = try Self.run("/usr/bin/env", [python, "-c", Self.validator, schemaFile.path] + reports)
        #expect(check.status == 0, "\(check.output)")
    }

    /// Runs `executable` and returns its exit status and what it printed on stdout and stderr.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
