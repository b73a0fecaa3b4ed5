import Foundation
import Testing

/// `--advisories` on the command line: the gate, the exit status of an unusable folder, validate.
@Suite("recscan --advisories, end to end")
struct AdvisoryCommandTests {
    let cli = EndToEndTests()
    static let fixtures = EndToEndTests.repository.appendingPathComponent("Tests/RecscanCoreTests/Fixtures/osv").path

    @Test func uncoveredGateAndUnusableAdvisories() throws {
        let work = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let inputs = [
            "--inventories", Self.fixtures + "/hosts", "--catalog", Self.fixtures + "/catalog-cves.xml",
            "--advisories", Self.fixtures + "/pypa", "--advisories", Self.fixtures + "/go",
        ]
        let gate = try cli.recscan(["scan"] + inputs + ["--out", work.path + "/R", "--fail-on", "uncovered"], in: work)
        #expect(gate.status == 1, "\(gate.stderr)")
        #expect(gate.stderr.contains("--fail-on uncovered: 91 vulnerable package(s) that no rule protects"))
        #expect(gate.stderr.contains("advisories: 232 read, 1 withdrawn skipped, 0 files rejected"))

        let bad = work.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        try Data("id: X\naffected: [\n".utf8).write(to: bad.appendingPathComponent("x.yaml"))
        let unusable = try cli.recscan(
            ["scan", "--inventories", Self.fixtures + "/hosts", "--advisories", bad.path, "--out", work.path + "/U"],
            in: work)
        #expect(unusable.status == 65)
        #expect(unusable.stderr.contains("x.yaml:3:1: is not valid YAML"), "\(unusable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.path + "/U/latest"))

        let validate = try cli.recscan(["validate", "--advisories", Self.fixtures + "/go"], in: work)
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("67 OSV advisories valid"))
    }
}
