/// The whole run, top to bottom:
///
/// 1. **Read** (`ScanInputs`): discover the inventories folder by content, read the catalog, the
///    fleet, the events and every inventory (in parallel), and merge hosts by name.
/// 2. **Resolve** (`HostFleetContext`): each host's policy chain, effective settings,
///    assignment levels and exclusions.
/// 3. **Match** (`Matcher` over a `CatalogIndex`): the rules the host's software, sockets,
///    files, services and OS call for.
/// 4. **Decide** (`Recommendations`, `OutcomeDecider`): dependencies, exclusions and one outcome per rule.
/// 5. **Audit** (`HostAuditor`, `FleetExclusionAudit`) and **triage** (`TriagePlanner`).
/// 6. **Render** (`ReportXMLWriter`, `HTMLReportWriter`): streamed as hosts finish, into a
///    temporary run folder that is renamed into place only when complete.
public struct ScanPipeline: Sendable {
    /// The options of the run, as the command line gave them.
    public let options: ScanOptions
    private let log: @Sendable (String) -> Void

    /// Creates a pipeline; `log` receives progress lines meant for stderr.
    public init(options: ScanOptions, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.log = log
    }

    /// Runs the scan and writes `<out>/<run-id>/`.
    /// - Throws: `ScanFailure` when no report can be written.
    public func run() async throws -> ScanResult {
        let inputs = try await ScanInputs.load(options, log: log)
        log(
            "read \(inputs.hosts.count) hosts, \(inputs.catalog.rules.count) rules, \(inputs.rejected.count) rejected inputs"
        )
        let run: RunDirectory
        do {
            run = try RunDirectory(
                outDirectory: options.outDirectory,
                preferredID: RunDirectory.runID(referenceTime: options.referenceTime))
        } catch let error as OutputError {
            throw ScanFailure.output(error)
        }
        do {
            let result = try await render(inputs, into: run)
            try run.commit()
            return result
        } catch let error as OutputError {
            run.discard()
            throw ScanFailure.output(error)
        } catch {
            run.discard()
            throw error
        }
    }

    private func render(_ inputs: ScanInputs, into run: RunDirectory) async throws -> ScanResult {
        let info = RunInfo(
            runID: run.runID, catalogVersion: inputs.catalog.version,
            referenceTime: Timestamps.iso8601(epochSeconds: options.referenceTime))
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: inputs.catalog)), fleet: inputs.fleet,
            referenceTime: options.referenceTime, maxAgeDays: options.maxAgeDays)
        var xml =
            options.formats.contains(.xml)
            ? try ReportXMLWriter(path: run.temporaryPath + "/report.xml", run: info, maxAgeDays: options.maxAgeDays)
            : nil
        var html =
            options.formats.contains(.html)
            ? HTMLReportWriter(directory: run.temporaryPath, run: info, catalog: inputs.catalog) : nil
        var summary = ScanSummary()
        var exclusions = FleetExclusionAudit(fleet: inputs.fleet, referenceDay: floorDiv(options.referenceTime, 86_400))
        var triage: [TriagePlan] = []
        var highFindings = 0
        let fleet = inputs.fleet
        try await orderedParallelMap(inputs.hosts, jobs: options.jobs, transform: analyzer.analyze) { analysis in
            let report = analysis.report
            summary.add(report)
            highFindings += report.findings.filter { $0.severity >= .high }.count
            exclusions.observe(hostname: report.hostname, fleet: fleet, recommended: analysis.recommendedRuleIDs)
            triage += analysis.triage
            try xml?.write(host: report)
            try html?.write(host: report, triage: analysis.triage)
        }
        summary.rejectedInputs = inputs.rejected.count
        let fleetExclusions = exclusions.results
        let fleetResults = FleetResults(
            summary: summary, rejected: inputs.rejected, exclusions: fleetExclusions, triage: triage)
        try xml?.finish(fleetResults)
        try html?.finish(fleetResults)
        return ScanResult(
            runID: run.runID, runPath: run.finalPath, summary: summary, rejected: inputs.rejected,
            highFindings: highFindings)
    }
}
