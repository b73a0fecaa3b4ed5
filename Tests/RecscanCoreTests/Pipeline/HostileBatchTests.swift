import Foundation
import RecscanFuzzKit
import Testing

@testable import RecscanCore

/// The hostile corpus as one batch next to good inventories: every hostile file is reported,
/// the good hosts are still analyzed, no local file content reaches any output, and every page
/// stays inside the run folder with a unique name.
@Suite("Hostile batches")
struct HostileBatchTests {
    static func allFiles(under path: String) -> [String] {
        var result: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let relative = enumerator?.nextObject() as? String { result.append(path + "/" + relative) }
        return result
    }

    @Test func everyHostileFileIsReportedAndTheRestOfTheBatchGoesOn() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let secret = try folder.write("secret/passwd", HostileCorpus.secretMarker + "\n")
        let inventories = folder.path + "/in"
        try FileManager.default.createDirectory(atPath: inventories, withIntermediateDirectories: true)
        for hostile in HostileCorpus.cases { try hostile.write(into: inventories, secret: secret) }
        try folder.write(
            "in/good01.xml",
            "<inventory xmlns=\"urn:recscan:inventory:1\"><host hostname=\"good01\" collected=\"2026-11-28T00:00:00Z\">"
                + "<os family=\"linux\" name=\"debian\" version=\"12\"/></host></inventory>")
        var options = ScanOptions()
        options.inventories = inventories
        options.outDirectory = folder.path + "/out"
        options.referenceTime = Fixture.referenceTime
        let started = Date()
        let result = try await ScanPipeline(options: options).run()
        #expect(Date().timeIntervalSince(started) < 60)

        let reasons = Dictionary(
            result.rejected.map { (($0.file as NSString).lastPathComponent, $0.reason) }, uniquingKeysWith: { $0 + $1 })
        for hostile in HostileCorpus.cases {
            switch hostile.expectation {
            case .rejected(let reason):
                #expect(
                    reasons[hostile.file]?.contains(reason) == true, "\(hostile.file): \(reasons[hostile.file] ?? "-")")
            case .read: #expect(reasons[hostile.file] == nil, "\(hostile.file) was rejected")
            }
        }
        let report = try String(contentsOfFile: result.runPath + "/report.xml", encoding: .utf8)
        #expect(report.contains("hostname=\"good01\" status=\"ok\""))
        #expect(report.contains("hostname=\"utf16host\" status=\"ok\""))
        for file in Self.allFiles(under: options.outDirectory) {
            let content = FileManager.default.contents(atPath: file) ?? Data()
            #expect(!String(decoding: content, as: UTF8.self).contains("SECRET-CONTENT"), "\(file) leaks")
        }
        #expect(Self.allFiles(under: options.outDirectory).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func awkwardHostnamesGetSafeUniquePagesInsideTheRun() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let names = [
            "../../etc/x", "..", "CON", "con.txt", "aux", "nul", "LPT1", "a/b", "a\\b", ".hidden", "web01", "WEB01",
            String(repeating: "long-", count: 200), "\u{1}ctl\u{0}nul",
        ]
        let hosts = names.enumerated().map { index, name in
            "{\"name\":\"pack_os\",\"hostIdentifier\":\(jsonString(name)),\"unixTime\":1795852800,"
                + "\"columns\":{\"name\":\"Debian\",\"version\":\"12\",\"platform\":\"debian\",\"major\":\"12\"},"
                + "\"action\":\"snapshot\",\"counter\":\(index)}"
        }
        try folder.write("in/hosts.log", hosts.joined(separator: "\n") + "\n")
        var options = ScanOptions()
        options.inventories = folder.path + "/in"
        options.outDirectory = folder.path + "/out"
        options.referenceTime = Fixture.referenceTime
        let result = try await ScanPipeline(options: options).run()
        #expect(result.rejected.isEmpty, "\(result.rejected)")
        // web01 and WEB01 are one host (hostnames match case-insensitively).
        #expect(result.summary.hosts == names.count - 1)

        let run = URL(fileURLWithPath: result.runPath).resolvingSymlinksInPath().path
        let pages = try FileManager.default.contentsOfDirectory(atPath: run + "/hosts")
        #expect(pages.count == names.count - 1)
        #expect(Set(pages.map { $0.lowercased() }).count == pages.count, "names must differ beyond case")
        for page in pages {
            #expect(page.count <= SafeFileName.maximumLength + 5)
            #expect(!page.hasPrefix("."))
            #expect(!["con", "aux", "nul", "lpt1"].contains(page.split(separator: ".").first.map(String.init) ?? ""))
        }
        for file in Self.allFiles(under: folder.path + "/out") {
            let real = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
            #expect(real.hasPrefix(folder.path + "/out/"), "\(file) leaves the output folder")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/etc"))
        // Every name that XML cannot hold is written so that the report still parses.
        try XMLStreamReader.read(path: run + "/report.xml") { _ in }
    }

    private func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
