/// The whole run, top to bottom:
///
/// 1. **Read** (`ScanSetup`): discover the inventories folder by content; read the catalog, the
///    fleet and the events. Inventories are not read yet.
/// 2. **Per inventory file, in parallel** (`FileAnalyzer`): read the file, then for each host
///    **resolve** its fleet context (`HostFleetContext`), **match** it (`Matcher` over a
///    `CatalogIndex`), **decide** outcomes (`Recommendations`, `OutcomeDecider`), **audit** it
///    (`HostAuditor`), plan **triage** (`TriagePlanner`) and serialize its report fragment.
/// 3. **Store, in file order** (`RunLedger`, `HostSpill`): each fragment goes to a scratch file;
///    only small per-host entries stay in memory. A host found in several files is merged and
///    analyzed again at the end; fleet computers without an inventory are added.
/// 4. **Render, sorted by host name** (`HostStore.finish`): each host is read back
///    (`HostXMLReader`), compared with the previous run (`RunChangeTracker`), its page written
///    (`HTMLReportWriter`); then `report.xml`, the exclusion audit (`FleetExclusionAudit`), the
///    index and rule pages — all into a temporary run folder that is renamed into place only
///    when complete (`RunDirectory`).
public struct ScanPipeline: Sendable {
    /// The options of the run.
    public let options: ScanOptions
    private let log: @Sendable (String) -> Void
    private let progress: @Sendable (ScanProgress) -> Void

    /// Prepares a run.
    /// - Parameters:
    ///   - log: receives one line per notable event (stderr in the command line).
    ///   - progress: told how far the run is, each time an inventory file is done.
    public init(
        options: ScanOptions, log: @escaping @Sendable (String) -> Void = { _ in },
        progress: @escaping @Sendable (ScanProgress) -> Void = { _ in }
    ) {
        self.options = options
        self.log = log
        self.progress = progress
    }

    /// Runs the scan and writes `<out>/<run-id>/`.
    /// - Throws: `ScanFailure` when no report can be written.
    public func run() async throws -> ScanResult {
        let setup = try ScanSetup.load(options, log: log)
        log(
            "reading \(setup.inventoryFiles.count) inventory files against \(setup.catalog.rules.count) rules"
                + (options.shard.map { " (shard \($0))" } ?? ""))
        let run: RunDirectory
        do {
            run = try RunDirectory(
                outDirectory: options.outDirectory,
                preferredID: RunDirectory.runID(referenceTime: options.referenceTime) + shardSuffix)
        } catch let error as OutputError {
            throw ScanFailure.output(error)
        }
        return try await run.build { run in try await scan(setup, into: run) }
    }

    private var shardSuffix: String {
        options.shard.map { "-shard\($0.index)of\($0.count)" } ?? ""
    }

    private func scan(_ setup: ScanSetup, into run: RunDirectory) async throws -> ScanResult {
        let info = RunInfo(
            runID: run.runID, catalogVersion: setup.catalog.version,
            referenceTime: Timestamps.iso8601(epochSeconds: options.referenceTime))
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: setup.catalog)), fleet: setup.fleet,
            referenceTime: options.referenceTime, maxAgeDays: options.maxAgeDays, events: setup.events)
        let files = FileAnalyzer(
            analyzer: analyzer, limits: options.limits, shard: options.shard,
            eventsByHost: Dictionary(grouping: setup.events) { $0.hostname.lowercased() })
        var store = try HostStore(run: run, info: info, catalog: setup.catalog, fleet: setup.fleet, options: options)
        defer { store.spill.remove() }
        var rejected = setup.rejected
        var known: Set<String> = Set(setup.fleet.computers.keys)
        let progress = self.progress
        try await orderedParallelMap(
            Array(setup.inventoryFiles.enumerated()), jobs: options.jobs,
            transform: { item in
                var analysis = files.analyze(item.element)
                analysis.fileIndex = item.offset
                return analysis
            },
            consume: { result in
                known.formUnion(result.hostnames.map { $0.lowercased() })
                if let failure = result.failure { rejected.append(failure.rejection) }
                try store.add(result, files: files)
                progress(
                    ScanProgress(
                        filesDone: result.fileIndex + 1, filesTotal: setup.inventoryFiles.count,
                        hosts: store.ledger.entries.count))
            })
        try store.reanalyzeDuplicates(setup.inventoryFiles, files: files)
        try store.addFleetComputersWithoutInventory(files: files)
        rejected += setup.unknownEventHosts(known: known)
        let results = try await store.finish(rejected: rejected)
        return ScanResult(
            runID: run.runID, runPath: run.finalPath, summary: results.summary, rejected: rejected,
            highFindings: store.ledger.entries.values.reduce(0) { $0 + $1.highFindings }, changes: results.changes,
            exclusions: results.exclusions)
    }
}

/// How far a scan is: inventory files read and hosts analyzed so far.
public struct ScanProgress: Sendable, Equatable {
    /// Inventory files done.
    public var filesDone: Int
    /// Inventory files in the run.
    public var filesTotal: Int
    /// Hosts analyzed so far.
    public var hosts: Int
}
