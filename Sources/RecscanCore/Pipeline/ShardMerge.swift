import Foundation

/// Combines the reports of a fleet's shards (`scan --shard K/N`) into the report a single run
/// would have written, byte for byte: the shards' sorted host streams are merged (`ShardStreams`,
/// one host per shard in memory), each host stored as a record, then rendered by the same
/// sorted pass as a scan (`RunOutput`).
public struct ShardMerge: Sendable {
    /// The shard run folders (each holding `report.xml`), or report folders with a `latest` link.
    public let shards: [String]
    /// Output folder, catalog, fleet and formats; the reference time and staleness limit come
    /// from the shards.
    public let options: ScanOptions
    private let log: @Sendable (String) -> Void

    /// Prepares a merge.
    public init(shards: [String], options: ScanOptions, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.shards = shards
        self.options = options
        self.log = log
    }

    /// Reads every shard and writes `<out>/<run-id>/`.
    /// - Throws: `ScanFailure` when a shard, the catalog or the fleet cannot be used, or the
    ///   report cannot be written.
    public func run() async throws -> ScanResult {
        let setup = try await ScanSetup.loadReadingAdvisoriesInParallel(options, log: log)
        let paths = shards.map(Self.reportPath)
        try ShardSet.checkComplete(paths)
        let first: StoredReport
        do {
            first = try StoredReportReader(path: paths[0]).report
        } catch {
            throw ScanFailure.unusableInput(ScanSetup.inputErrors(error, file: paths[0]))
        }
        guard let referenceTime = Timestamps.epochSeconds(dateTime: first.referenceTime) else {
            throw ScanFailure.unusableInput([InputError(file: paths[0], message: "has no reference time")])
        }
        var options = self.options
        options.referenceTime = referenceTime
        options.maxAgeDays = first.maxAgeDays
        options.shard = nil
        // One run at a time per output folder, as for scan.
        let lock = try await OutputLock.acquire(
            outDirectory: options.outDirectory, wait: options.waitForLock, log: log)
        defer { withExtendedLifetime(lock) {} }
        let run = try RunDirectory.start(
            options, preferredID: RunDirectory.runID(referenceTime: referenceTime), log: log)
        return try await run.build(keeping: options, log: log) { run in
            try await merge(paths, first: first, setup: setup, options: options, into: run)
        }
    }

    private func merge(
        _ paths: [String], first: StoredReport, setup: ScanSetup, options: ScanOptions, into run: RunDirectory
    ) async throws -> ScanResult {
        let info = RunInfo(runID: run.runID, catalogVersion: first.catalogVersion, referenceTime: first.referenceTime)
        var store = try HostStore(
            scratchFolder: run.temporaryPath, catalog: setup.catalog, fleet: setup.fleet, options: options)
        defer { store.spill.remove() }
        let shards = try ShardStreams(paths: paths, first: first)
        try shards.merge { try store.adopt($0, triage: []) }
        // Every shard reads every input, so each reports the same rejected inputs.
        let rejected = shards.reports.first { !$0.rejected.isEmpty }?.rejected ?? []
        // Plans follow the hosts in a report; they join their hosts once every shard is read.
        for report in shards.reports { store.attach(triage: report.triage) }
        let output = RunOutput(
            destination: ReportDestination(
                directory: run.temporaryPath, run: info, catalog: setup.catalog, maxAgeDays: options.maxAgeDays,
                jobs: options.jobs,
                manager: ManagerPlanContext(fleet: setup.fleet, approvals: options.approvedRules)),
            fleet: setup.fleet, options: options)
        let (highFindings, uncovered) = (store.ledger.highFindings, store.ledger.uncoveredVulnerabilities)
        let results = try await output.write(&store, rejected: rejected)
        var result = ScanResult(
            runID: run.runID, runPath: run.finalPath, summary: results.summary, rejected: rejected,
            highFindings: highFindings, changes: results.changes,
            exclusions: results.exclusions)
        result.uncoveredVulnerabilities = uncovered
        return result
    }

    /// `DIR/report.xml`, following `DIR/latest` when `DIR` is a reports folder.
    static func reportPath(_ directory: String) -> String {
        let direct = (directory as NSString).appendingPathComponent("report.xml")
        if FileManager.default.fileExists(atPath: direct) { return direct }
        return ((directory as NSString).appendingPathComponent("latest") as NSString).appendingPathComponent(
            "report.xml")
    }
}
