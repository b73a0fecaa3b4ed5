/// The whole run, top to bottom:
///
/// 1. **Read** (`ScanSetup`): discover the inventories folder by content; read the catalog, the
///    fleet and the events. Inventories are not read yet.
/// 2. **Per inventory file, in parallel** (`FileAnalyzer`): read the file, then for each host
///    **resolve** its fleet context (`HostFleetContext`), **match** it (`Matcher` over a
///    `CatalogIndex`), **decide** outcomes (`Recommendations`, `OutcomeDecider`), **audit** it
///    (`HostAuditor`) and plan **triage** (`TriagePlanner`): one value, `HostAnalysis`, which
///    is written as a binary **record** (`HostRecordCodec`).
/// 3. **Store, in file order** (`HostStore`, `RunLedger`, `RecordSpill`): each record goes to a
///    scratch file; only small per-host entries stay in memory. A host found in several files is
///    merged and analyzed again at the end; fleet computers without an inventory are added.
/// 4. **Output, sorted by host name** (`RunOutput`): each record is read back and compared with
///    the previous run (`RunChangeTracker`); the fleet-wide exclusion audit
///    (`FleetExclusionAudit`) comes from the ledger; then every **formatter** of `--format`
///    (`ReportFormatter`: `report.xml`, the HTML pages, …) gets the fleet-wide sections and each
///    host in order — all into a temporary run folder that is renamed into place only when
///    complete (`RunDirectory`), while the output folder's lock (`OutputLock`) keeps other runs
///    out. A cancelled run (SIGINT, SIGTERM) stops between files and leaves nothing behind.
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
        let started = ContinuousClock.now
        let (setup, index) = try await ScanSetup.loadIndexed(options, log: log)
        if options.keepsCatalogAllocated { _ = Unmanaged.passRetained(CatalogKeeper(setup: setup, index: index)) }
        let setupTime = started.duration(to: .now)
        if let partition = setup.partition, options.shard != partition.shard {
            throw ScanFailure.usage(
                "--inventories \(options.inventories) is shard \(partition.shard) of a partition of "
                    + "\(partition.source): scan it with --shard \(partition.shard)")
        }
        if setup.inventoryFiles.isEmpty, !options.allowEmpty {
            // A nightly job pointed at an unmounted share must not publish an empty fleet as latest.
            let other = setup.rejected.count
            throw ScanFailure.noInventories(
                "--inventories \(options.inventories) holds no inventory file"
                    + (other > 0 ? " (\(other) other file\(other == 1 ? "" : "s") could not be used)" : "")
                    + "; nothing was written. Is the folder mounted? Pass --allow-empty when an empty fleet is expected."
            )
        }
        log(
            "reading \(setup.inventoryFiles.count) inventory files against \(setup.catalog.rules.count) rules"
                + (options.shard.map { " (shard \($0))" } ?? ""))
        // One run at a time per output folder; what killed runs left is cleared under the lock.
        let lock = try await OutputLock.acquire(
            outDirectory: options.outDirectory, wait: options.waitForLock, log: log)
        defer { withExtendedLifetime(lock) {} }
        let run = try RunDirectory.start(
            options, preferredID: RunDirectory.runID(referenceTime: options.referenceTime) + shardSuffix, log: log)
        // Handed over whole, so that the scan can let go of what it no longer needs.
        var pending: ScanSetup? = consume setup
        var result = try await run.build(keeping: options, log: log) { run in
            guard let setup = pending.take() else { throw CancellationError() }
            return try await scan(setup, index: index, into: run)
        }
        result.phases.setup = setupTime.seconds
        return result
    }

    /// Reads and analyzes every inventory file on all jobs, handing each file's hosts to
    /// `consume` in file order.
    private func analyze(
        _ inventoryFiles: [DiscoveredInput], with files: FileAnalyzer, consume: (FileAnalysis) throws -> Void
    ) async throws {
        try await orderedParallelMap(
            inventoryFiles.indices, jobs: options.jobs,
            transform: { fileIndex in
                var analysis = files.analyze(inventoryFiles[fileIndex])
                analysis.fileIndex = fileIndex
                return analysis
            },
            consume: { result in
                try Task.checkCancellation()  // SIGINT or SIGTERM: stop between files
                try consume(result)
            })
    }

    /// A host in several files is merged (see `HostMerger`): normal for an SBOM next to a package
    /// list, but also what a host claiming another's name looks like, so each merge is logged.
    private func logDuplicates(_ duplicates: [String: Set<Int>], files: [DiscoveredInput]) {
        for (host, indices) in duplicates.sorted(by: { $0.key < $1.key }) {
            let names = indices.sorted().filter(files.indices.contains).map { files[$0].displayName }
            log(
                "note: host \(host) is named more than once, in \(names.joined(separator: ", ")); its inventories were merged"
            )
        }
    }

    private var shardSuffix: String {
        options.shard.map { "-shard\($0.index)of\($0.count)" } ?? ""
    }

    private func scan(_ setup: consuming ScanSetup, index: CatalogIndex, into run: RunDirectory) async throws
        -> ScanResult
    {
        let info = RunInfo(
            runID: run.runID, catalogVersion: setup.catalog.version,
            referenceTime: Timestamps.iso8601(epochSeconds: options.referenceTime))
        var analyzer = HostAnalyzer(
            matcher: Matcher(index: index), fleet: setup.fleet,
            referenceTime: options.referenceTime, maxAgeDays: options.maxAgeDays, events: setup.events)
        analyzer.uncovered = setup.uncovered
        var store = try HostStore(
            scratchFolder: run.temporaryPath, catalog: setup.catalog, fleet: setup.fleet, options: options)
        let files = FileAnalyzer(
            analyzer: analyzer, limits: options.limits, shard: options.shard,
            eventsByHost: Dictionary(grouping: setup.events) { setup.fleet.hostKey($0.hostname) },
            interest: PackageInterest(index, also: setup.uncovered.packages), collected: options.collectedForBatch,
            records: store.codec)
        defer { store.spill.remove() }
        var rejected = setup.rejected
        var known: Set<String> = Set(setup.fleet.computers.keys).union(setup.fleet.computersElsewhere)
        // A shard folder of a partition holds its own hosts; its manifest names the others.
        known.formUnion((setup.partition?.hosts ?? []).map { setup.fleet.hostKey($0) })
        let analysisStarted = ContinuousClock.now
        let progress = self.progress
        try await analyze(setup.inventoryFiles, with: files) { result in
            known.formUnion(result.hostnames.map { setup.fleet.hostKey($0) })
            if let failure = result.failure { rejected.append(failure.rejection) }
            if options.describesHosts {
                for host in result.hosts {
                    let report = host.analysis.report
                    guard let details = report.inventory else { continue }
                    log("\(report.hostname): \(details.describe(os: report.os, collected: report.collected))")
                }
            }
            try store.add(result, files: files)
            progress(
                ScanProgress(
                    filesDone: result.fileIndex + 1, filesTotal: setup.inventoryFiles.count,
                    hosts: store.ledger.entries.count))
        }
        logDuplicates(store.ledger.duplicates, files: setup.inventoryFiles)
        try store.reanalyzeDuplicates(setup.inventoryFiles, files: files)
        // The output reads no inventory file: the list (0.7 MB at 5,000 files) goes before the
        // output's pages, the run's peak of memory.
        setup.inventoryFiles = []
        try store.addFleetComputersWithoutInventory(files: files)
        try Task.checkCancellation()
        rejected += setup.unknownEventHosts(known: known)
        let reportsStarted = ContinuousClock.now
        let output = RunOutput(
            destination: ReportDestination(
                directory: run.temporaryPath, run: info, catalog: setup.catalog, maxAgeDays: options.maxAgeDays,
                jobs: options.jobs, manager: ManagerPlanContext(fleet: setup.fleet, approvals: options.approvedRules)),
            fleet: setup.fleet, options: options)
        let (highFindings, uncovered) = (store.ledger.highFindings, store.ledger.uncoveredVulnerabilities)
        let results = try await output.write(&store, rejected: rejected)
        var result = ScanResult(
            runID: run.runID, runPath: run.finalPath, summary: results.summary, rejected: rejected,
            highFindings: highFindings, changes: results.changes,
            exclusions: results.exclusions)
        result.uncoveredVulnerabilities = uncovered
        result.phases.analysis = analysisStarted.duration(to: reportsStarted).seconds
        result.phases.reports = reportsStarted.duration(to: .now).seconds
        return result
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

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Holds a scan's catalog and index for the rest of the process (see
/// ``ScanOptions/keepsCatalogAllocated``): retained once and never released.
private final class CatalogKeeper {
    let setup: ScanSetup
    let index: CatalogIndex

    init(setup: ScanSetup, index: CatalogIndex) {
        self.setup = setup
        self.index = index
    }
}
