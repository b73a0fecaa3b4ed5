import Foundation
import Testing

@testable import RecscanCore

/// Checks the engine against `Fixtures/sample-expectations.md`: outcomes and findings for every
/// sample host, derived by hand from the SPEC by someone who did not write the engine.
@Suite("Sample fleet against the hand-derived oracle")
struct SampleOracleTests {
    struct ExpectedHost {
        var status = ""
        var rules: [String: String] = [:]
        var findings: [String] = []
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let reasons = [
        "aao": "auto-apply-off", "rc": "requires-configuration", "fpp": "false-positive-prone",
        "lc": "low-confidence", "mao": "may-affect-operation", "uv": "uncertain-version",
    ]

    /// Reads the oracle's per-host sections: rule rows and finding rows of its tables.
    static func expectations() throws -> [String: ExpectedHost] {
        let path = repository.appendingPathComponent("Tests/RecscanCoreTests/Fixtures/sample-expectations.md").path
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        var hosts: [String: ExpectedHost] = [:]
        for section in text.components(separatedBy: "\n### ").dropFirst() {
            let lines = section.components(separatedBy: "\n")
            let title = lines[0]
            guard let name = title.split(separator: " ").first.map({ String($0).lowercased() }),
                let statusRange = title.range(of: #"status `[a-z-]+`"#, options: .regularExpression)
            else { continue }
            var host = ExpectedHost()
            host.status = String(title[statusRange].dropFirst(8).dropLast())
            for line in lines {
                let cells = line.trimmingCharacters(in: .whitespaces).split(
                    separator: "|", omittingEmptySubsequences: false
                )
                .map { $0.trimmingCharacters(in: .whitespaces) }.dropFirst().dropLast()
                let row = Array(cells)
                guard row.count >= 5 else { continue }
                if row[0].count == 7, Int(row[0]) != nil, Outcome(rawValue: row[2]) != nil {
                    let parts = row[3].split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
                    let apply = parts.first ?? ""
                    let reason = parts.count > 1 ? reasons[parts[1]] ?? parts[1] : ""
                    host.rules[row[0]] = "\(row[2]) \(apply) \(reason) blocks=\(row[4] == "T")"
                } else if FindingKind(rawValue: row[0]) != nil, Severity(rawValue: row[1]) != nil {
                    host.findings.append("\(row[0]) \(row[1]) \(row[2])")
                }
            }
            if host.status == "error" { host.findings.append("inventory-error high ") }
            hosts[name] = host
        }
        return hosts
    }

    @Test func everySampleHostMatchesTheOracle() async throws {
        let expected = try Self.expectations()
        #expect(expected.count == 15)
        var options = ScanOptions()
        options.inventories = Self.repository.appendingPathComponent("Inventories").path
        options.referenceTime = 1_795_910_400
        let inputs = try await ScanInputs.load(options) { _ in }
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: inputs.catalog)), fleet: inputs.fleet,
            referenceTime: options.referenceTime, maxAgeDays: 7)
        #expect(inputs.hosts.count == expected.count)
        for input in inputs.hosts {
            let report = analyzer.analyze(input).report
            let oracle = try #require(expected[report.hostname.lowercased()], "no oracle for \(report.hostname)")
            #expect(report.status.rawValue == oracle.status, "\(report.hostname)")
            var actual: [String: String] = [:]
            for rule in report.rules {
                actual[rule.ruleID] =
                    "\(rule.outcome.rawValue) \(rule.apply?.rawValue ?? "") \(rule.reason?.rawValue ?? "") blocks=\(rule.blocks)"
            }
            #expect(actual == oracle.rules, "\(report.hostname)")
            let findings = report.findings.map { "\($0.kind.rawValue) \($0.severity.rawValue) \($0.ruleID ?? "")" }
            #expect(findings.sorted() == oracle.findings.sorted(), "\(report.hostname)")
        }
    }
}
