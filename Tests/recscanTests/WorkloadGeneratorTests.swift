import Foundation
import Testing

/// The benchmark's workload generator: deterministic, and every format it writes reads back as
/// the same host (same OS, same packages, so the same package rules).
@Suite("Workload generator")
struct WorkloadGeneratorTests {
    static let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = binaries.appendingPathComponent(tool)
        process.arguments = arguments
        process.environment = ["SOURCE_DATE_EPOCH": "1795910400", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) \(arguments.joined(separator: " "))")
        return String(decoding: stdout, as: UTF8.self)
    }

    /// Per host: the OS line and every (rule, outcome, package, version) the report derives from packages.
    static func packageFacts(_ report: String) throws -> [String: [String]] {
        let text = try String(contentsOfFile: report, encoding: .utf8)
        var facts: [String: [String]] = [:]
        var host = ""
        var rule = ""
        for line in text.split(separator: "\n") {
            func value(_ name: String) -> String {
                guard let start = line.range(of: " \(name)=\"") else { return "" }
                return String(line[start.upperBound...].prefix { $0 != "\"" })
            }
            if line.contains("<host ") { host = value("hostname") }
            if line.contains("<os ") { facts[host, default: []].append("os \(value("name")) \(value("version"))") }
            if line.contains("<rule ") { rule = "\(value("id")) \(value("outcome"))" }
            if line.contains("<evidence kind=\"package\"") {
                facts[host, default: []].append("\(rule) \(value("name")) \(value("version"))")
            }
        }
        return facts
    }

    @Test func everyFormatReadsBackAsTheSameHost() throws {
        let work = NSTemporaryDirectory() + "recscan-workload-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: work) }
        let formats = "native,cyclonedx-xml,cyclonedx-json,spdx-json,package-db,osquery"
        var reports: [String] = []
        for (name, list) in [("native", "native"), ("mixed", formats)] {
            try Self.run(
                "recscan-bench",
                [
                    "generate", "--hosts", "18", "--packages", "400", "--rules", "3000", "--vulnerable", "0.2",
                    "--formats", list, "--out", "\(work)/\(name)",
                ])
            try Self.run(
                "recscan",
                [
                    "scan", "--quiet", "--format", "xml", "--inventories", "\(work)/\(name)/inventories", "--catalog",
                    "\(work)/\(name)/catalog.xml", "--out", "\(work)/\(name)-out",
                ])
            reports.append("\(work)/\(name)-out/latest/report.xml")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(work)/mixed/inventories")
        for suffix in [".xml", ".cdx.xml", ".cdx.json", ".spdx.json", ".status", ".txt", ".results.log"] {
            #expect(files.contains { $0.hasSuffix(suffix) }, "no \(suffix) file generated")
        }
        let native = try Self.packageFacts(reports[0])
        let mixed = try Self.packageFacts(reports[1])
        #expect(native.count == 18)
        #expect(native.values.reduce(0) { $0 + $1.count } > 18 * 3, "too few package rules to compare")
        #expect(native == mixed)
    }

    @Test func theSameSeedWritesTheSameFiles() throws {
        let work = NSTemporaryDirectory() + "recscan-workload-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: work) }
        for copy in ["a", "b"] {
            try Self.run(
                "recscan-bench",
                [
                    "generate", "--hosts", "7", "--packages", "50", "--rules", "200", "--formats",
                    "native,osquery,spdx-json", "--seed", "7", "--out", "\(work)/\(copy)",
                ])
        }
        let names = try FileManager.default.subpathsOfDirectory(atPath: "\(work)/a").sorted()
        #expect(names == (try FileManager.default.subpathsOfDirectory(atPath: "\(work)/b").sorted()))
        for name in names {
            #expect(
                FileManager.default.contents(atPath: "\(work)/a/\(name)")
                    == FileManager.default.contents(atPath: "\(work)/b/\(name)"), "\(name) differs")
        }
    }
}
