import Foundation
import Testing

@testable import RecscanCore

/// The sample fleet given as a Deep Security API export scans as the native fleet file does:
/// the same outcomes, findings, exclusions and triage, once the native policy ids are read as the
/// manager's policy names and the manager's host names as the inventories spell them.
struct DeepSecuritySampleTests {
    @Test func theExportScansLikeTheNativeFleet() async throws {
        let native = try await Self.analyses(SampleFleet.options())
        let export = try await Self.analyses(DeepSecurityExportTests.options())
        let fleet = try await SampleFleet.load().fleet
        var names = fleet.policies.mapValues(\.name)
        // The manager knows some computers by a longer name than the inventories do.
        let exportFleet = try await ScanInputs.load(DeepSecurityExportTests.options()) { _ in }.fleet
        for computer in exportFleet.computers.values {
            let short = computer.hostname.split(separator: ".").first.map(String.init) ?? computer.hostname
            if short.lowercased() != computer.hostname.lowercased() { names[short] = computer.hostname }
        }
        #expect(native.count == 15)
        #expect(export.count == native.count)
        for (mine, theirs) in zip(native, export) {
            #expect(Self.projection(mine, names: [:]) == Self.projection(theirs, names: Self.inverse(names)))
        }
    }

    /// web03 and mail01 are computers with longer names in the manager: each is one host, in
    /// the shard of its computer's name, and its events find it.
    @Test(arguments: [2, 3])
    func shardsOfTheExportMergeIntoTheSingleRun(count: Int) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = DeepSecurityExportTests.options()
        options.outDirectory = folder.path + "/single"
        let single = try await ScanPipeline(options: options).run()
        var runs: [String] = []
        for index in 1...count {
            var shard = options
            shard.shard = Shard("\(index)/\(count)")
            shard.outDirectory = folder.path + "/shard-\(index)"
            runs.append(try await ScanPipeline(options: shard).run().runPath)
        }
        var merge = options
        merge.outDirectory = folder.path + "/merged"
        let merged = try await ShardMerge(shards: runs, options: merge).run()
        let expected = fileContents(under: single.runPath)
        #expect(expected["api-plan.json"] != nil)
        #expect(fileContents(under: merged.runPath) == expected)
        #expect(single.summary.hosts == 15)
    }

    @Test func withoutTheRegisterExclusionsHaveNoReasonAndNoExpiry() async throws {
        let inputs = try await ScanInputs.load(DeepSecurityExportTests.options(register: false)) { _ in }
        let overrides =
            inputs.fleet.policies.values.flatMap(\.configuration.overrides)
            + inputs.fleet.computers.values.flatMap(\.configuration.overrides)
        #expect(overrides.contains { $0.excluded })
        #expect(overrides.allSatisfy { $0.reason == nil && $0.by == nil && $0.expires == nil })
    }

    /// Every host's analysis, sorted by host name.
    static func analyses(_ options: ScanOptions) async throws -> [HostAnalysis] {
        let inputs = try await ScanInputs.load(options) { _ in }
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: inputs.catalog)), fleet: inputs.fleet,
            referenceTime: options.referenceTime, maxAgeDays: options.maxAgeDays, events: inputs.events)
        return inputs.hosts.map { analyzer.analyze($0) }
    }

    static func inverse(_ names: [String: String]) -> [String: String] {
        Dictionary(names.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What the two fleets must agree on, in the native fleet's names (`names` maps the export's
    /// names back to them).
    static func projection(_ analysis: HostAnalysis, names: [String: String]) -> [String] {
        func name(_ level: Level?) -> String {
            guard let level else { return "-" }
            return "\(level.kind.rawValue):\(level.id.map { names[$0] ?? $0 } ?? "")"
        }
        func text(_ words: String) -> String {
            names.keys.sorted { $0.count > $1.count }.reduce(words) {
                $0.replacingOccurrences(of: $1, with: names[$1] ?? $1)
            }
        }
        let report = analysis.report
        var lines = [
            "host \(report.hostname) \(report.status.rawValue) policy \(report.policyID.map { names[$0] ?? $0 } ?? "-")"
        ]
        if let settings = report.settings {
            lines.append(
                "settings \(settings.engineMode) at \(name(settings.engineModeSetAt)) \(settings.behavior) at "
                    + "\(name(settings.behaviorSetAt)) \(settings.autoApply.sorted { $0.key < $1.key })")
        }
        for rule in report.rules {
            lines.append(
                "rule \(rule.ruleID) \(rule.name) \(rule.severity) \(rule.outcome) \(rule.apply.map(\.rawValue) ?? "-") "
                    + "\(rule.reason.map(\.rawValue) ?? "-") blocks=\(rule.blocks) at \(rule.assignedAt.map(name)) "
                    + "excluded by \(name(rule.excludedBy?.level)) \(rule.excludedBy?.reason ?? "")")
        }
        for finding in report.findings {
            lines.append(
                "finding \(finding.kind) \(finding.severity) \(finding.ruleID ?? "-") \(name(finding.level)) "
                    + text(finding.message))
        }
        for plan in analysis.triage {
            for step in plan.steps {
                let attributes = step.attributes.map { "\($0.name)=\(text($0.value))" }
                lines.append("triage \(plan.ruleID) \(step.order) \(step.action) \(attributes) \(text(step.text))")
            }
        }
        return lines
    }
}
