import Foundation
import Testing

/// The sample scan's outputs, byte for byte, against files checked in under `Golden/sample`.
///
/// After an intended change to the output, regenerate them with
/// `RECSCAN_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests` and review the diff.
@Suite("Golden files of the sample scan")
struct GoldenFileTests {
    /// The files compared, relative to the run folder.
    static let compared = [
        "report.xml", "report.json", "recommendations.csv", "findings.csv", "index.html", "hosts/web01.html",
        "rules/1000763.html",
    ]

    @Test func sampleScanMatchesTheGoldenFiles() throws {
        let work = try SampleRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let run = try SampleRun.scan(out: work.appendingPathComponent("Reports"), jobs: 2)
        try SampleRun.compare(run, with: "sample", files: Self.compared)
    }

    /// A second run into the same folder 100 days later, when every inventory is stale: its
    /// report and pages say what changed since the first.
    @Test func rerunMatchesTheGoldenFiles() throws {
        let work = try SampleRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("Reports")
        _ = try SampleRun.scan(out: out, jobs: 1)
        let run = try SampleRun.scan(out: out, jobs: 2, epoch: 1_795_910_400 + 100 * 86_400)
        try SampleRun.compare(
            run, with: "rerun", files: ["report.xml", "report.json", "index.html", "hosts/web01.html"])
    }

    /// `recscan report` writes a stored run again, from its report.xml alone, byte for byte as the
    /// scan wrote it: a first run and a rerun with changes, every page and report.xml.
    @Test func reportRendersAStoredRunAsTheScanDid() throws {
        let work = try SampleRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("Reports")
        for epoch in [1_795_910_400, 1_795_910_400 + 100 * 86_400] {
            let run = try SampleRun.scan(out: out, jobs: 2, epoch: epoch)
            let again = work.appendingPathComponent("again-\(epoch)")
            let status = try SampleRun.recscan([
                "report", run.path, "--format", "xml,html,json,csv", "--out", again.path,
            ])
            #expect(status == 0)
            let files = try SampleRun.files(under: run)
            #expect(files == (try SampleRun.files(under: again)))
            for name in files {
                let a = try Data(contentsOf: run.appendingPathComponent(name))
                let b = try Data(contentsOf: again.appendingPathComponent(name))
                #expect(a == b, "\(name) differs: \(SampleRun.firstDifference(b, a))")
            }
        }
        // Into the run folder itself: only what is missing, never over a file that is there.
        let xmlOnly = try SampleRun.scan(
            out: work.appendingPathComponent("XMLOnly"), jobs: 1, extra: ["--format", "xml"])
        #expect(try SampleRun.recscan(["report", xmlOnly.path, "--format", "html"]) == 0)
        #expect(FileManager.default.fileExists(atPath: xmlOnly.appendingPathComponent("hosts/web01.html").path))
        #expect(try SampleRun.recscan(["report", xmlOnly.path, "--format", "xml"]) == 64)
        #expect(try SampleRun.recscan(["report", work.path, "--format", "xml"]) == 64)
    }

    /// Swift seeds `Hasher` per process, so only two processes can show an unsorted dictionary.
    @Test func twoProcessesWithOneAndTwoJobsWriteTheSameBytes() throws {
        let work = try SampleRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let first = try SampleRun.scan(out: work.appendingPathComponent("one"), jobs: 1)
        let second = try SampleRun.scan(out: work.appendingPathComponent("two"), jobs: 2)
        let firstFiles = try SampleRun.files(under: first)
        #expect(firstFiles == (try SampleRun.files(under: second)))
        #expect(firstFiles.count > 20)
        for name in firstFiles {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between processes: \(SampleRun.firstDifference(a, b))")
        }
    }
}

/// Scans the sample inventories with the built binary, from the repository root as a user
/// would, at the tests' fixed reference time.
enum SampleRun {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("recscan-golden-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `recscan scan` and returns the run folder (`latest` resolved).
    static func scan(out: URL, jobs: Int, epoch: Int = 1_795_910_400, extra: [String] = []) throws -> URL {
        let process = Process()
        process.executableURL = EndToEndTests.binary
        process.arguments = ["scan", "--inventories", "Inventories", "--out", out.path, "--jobs", String(jobs)] + extra
        process.currentDirectoryURL = EndToEndTests.repository
        process.environment = ["SOURCE_DATE_EPOCH": String(epoch), "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2, "the sample holds one broken inventory on purpose")
        return out.appendingPathComponent("latest").resolvingSymlinksInPath()
    }

    /// Runs recscan with `arguments` from the repository root; returns the exit status.
    static func recscan(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = EndToEndTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = EndToEndTests.repository
        process.environment = ["PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Compares `files` of a run folder with those under `Golden/<scenario>`, or writes them there
    /// when `RECSCAN_UPDATE_GOLDEN=1`.
    static func compare(_ run: URL, with scenario: String, files: [String]) throws {
        let golden = EndToEndTests.repository.appendingPathComponent("Tests/recscanTests/Golden/" + scenario)
        let update = ProcessInfo.processInfo.environment["RECSCAN_UPDATE_GOLDEN"] == "1"
        for name in files {
            let produced = try Data(contentsOf: run.appendingPathComponent(name))
            let expected = golden.appendingPathComponent(name)
            if update {
                try FileManager.default.createDirectory(
                    at: expected.deletingLastPathComponent(), withIntermediateDirectories: true)
                try produced.write(to: expected)
                continue
            }
            let checkedIn = try Data(contentsOf: expected)
            #expect(
                produced == checkedIn,
                "\(name) differs from Golden/\(scenario)/\(name): \(firstDifference(produced, checkedIn))")
        }
    }

    /// Every regular file under `folder`, as sorted relative paths.
    static func files(under folder: URL) throws -> [String] {
        let base = folder.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var names: [String] = []
        while let name = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
                names.append(name)
            }
        }
        return names.sorted()
    }

    /// Where two byte strings first differ, with a little context, for a readable failure.
    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let a = [UInt8](a)
        let b = [UInt8](b)
        let common = min(a.count, b.count)
        guard let offset = (0..<common).first(where: { a[$0] != b[$0] }) ?? (a.count == b.count ? nil : common)
        else { return "identical" }
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, offset - 60)..<min(bytes.count, offset + 60)], as: UTF8.self)
        }
        return "at byte \(offset): produced «\(around(a))», expected «\(around(b))»"
    }
}
