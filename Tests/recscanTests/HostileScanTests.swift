import Foundation
import RecscanFuzzKit
import Testing

/// The hostile corpus scanned by the built binary as one batch: exit 2, every hostile file on a
/// `rejected` line with its position, the good host analyzed, bounded time and memory, and no
/// local file content anywhere.
@Suite("Hostile inputs, end to end")
struct HostileScanTests {
    @Test func theWholeCorpusIsReportedWithExit2() throws {
        let work = NSTemporaryDirectory() + "recscan-hostile-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/in", withIntermediateDirectories: true)
        let secret = work + "/passwd"
        try Data((HostileCorpus.secretMarker + "\n").utf8).write(to: URL(fileURLWithPath: secret))
        for hostile in HostileCorpus.cases { try hostile.write(into: work + "/in", secret: secret) }
        try Data(
            ("<inventory xmlns=\"urn:recscan:inventory:1\"><host hostname=\"good01\" collected=\"2026-11-28T00:00:00Z\">"
                + "<os family=\"linux\" name=\"debian\" version=\"12\"/></host></inventory>").utf8
        ).write(to: URL(fileURLWithPath: work + "/in/good01.xml"))

        let started = Date()
        let scan = try CrashSafetyTests.Run(["scan", "--inventories", "in", "--out", "out"], in: work).finish()
        #expect(Date().timeIntervalSince(started) < 60)
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        #expect(usage.ru_maxrss < 512 * 1024, "peak memory \(usage.ru_maxrss) KiB")

        #expect(scan.status == 2, "\(scan.stderr)")
        let rejected = scan.stdout.split(separator: "\n").filter { $0.hasPrefix("rejected ") }
        for hostile in HostileCorpus.cases {
            let lines = rejected.filter { $0.contains("in/\(hostile.file)") }
            switch hostile.expectation {
            case .rejected(let message):
                #expect(lines.contains { $0.contains(message) }, "\(hostile.file): \(lines)")
            case .read:
                #expect(lines.isEmpty, "\(hostile.file): \(lines)")
            }
        }
        #expect(rejected.contains { $0.contains("in/billion-laughs.xml:2:1: has a DOCTYPE") })
        #expect(!scan.stdout.contains("SECRET-CONTENT") && !scan.stderr.contains("SECRET-CONTENT"))
        let report = try String(contentsOfFile: work + "/out/latest/report.xml", encoding: .utf8)
        #expect(report.contains("hostname=\"good01\" status=\"ok\""))
        #expect(!report.contains("SECRET-CONTENT"))
    }

    @Test func limitsAreCommandLineOptions() throws {
        let work = NSTemporaryDirectory() + "recscan-limits-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/in", withIntermediateDirectories: true)
        try Data(
            ("<inventory xmlns=\"urn:recscan:inventory:1\"><host hostname=\"h1\" collected=\"2026-11-28T00:00:00Z\">"
                + "<service name=\"sshd\"/></host></inventory>").utf8
        ).write(to: URL(fileURLWithPath: work + "/in/h1.xml"))
        let scan = ["scan", "--inventories", "in", "--out", "out"]
        #expect(try CrashSafetyTests.Run(scan, in: work).finish().status == 0)
        let small = try CrashSafetyTests.Run(scan + ["--max-file-size", "64"], in: work).finish()
        #expect(small.status == 2)
        #expect(small.stdout.contains("over the limit of 64"))
        let shallow = try CrashSafetyTests.Run(scan + ["--max-depth", "1"], in: work).finish()
        #expect(shallow.stdout.contains("deeper than 1 levels"))
        let short = try CrashSafetyTests.Run(scan + ["--max-attribute-size", "1K", "--max-attributes", "1"], in: work)
            .finish()
        #expect(short.stdout.contains("more than 1 attributes"))
        let bad = try CrashSafetyTests.Run(scan + ["--max-file-size", "lots"], in: work).finish()
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--max-file-size must be a positive number of bytes"))
    }
}
