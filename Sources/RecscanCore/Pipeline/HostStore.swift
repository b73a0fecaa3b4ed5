/// Where analyzed hosts go as they finish: fragments to a scratch file, small entries to the
/// ledger. `finish` then walks the hosts sorted by name, once: it reads each fragment back,
/// adds what changed since the previous run, writes the host's page, and assembles `report.xml`.
struct HostStore {
    let spill: HostSpill
    private(set) var ledger: RunLedger
    private var html: HTMLReportWriter?
    private let run: RunDirectory
    private let info: RunInfo
    private let fleet: Fleet
    private let catalog: Catalog
    private let options: ScanOptions
    /// Rules that some exclusion override of the fleet names: all that a host adopted from another
    /// run's report can contribute to the exclusion audit.
    private let overriddenRules: Set<String>

    init(run: RunDirectory, info: RunInfo, catalog: Catalog, fleet: Fleet, options: ScanOptions) throws {
        spill = try HostSpill(path: run.temporaryPath + "/.hosts.spill")
        ledger = RunLedger()
        html =
            options.formats.contains(.html)
            ? HTMLReportWriter(directory: run.temporaryPath, run: info, catalog: catalog) : nil
        self.run = run
        self.info = info
        self.fleet = fleet
        self.catalog = catalog
        self.options = options
        var overridden: Set<String> = []
        for policy in fleet.policies.values { overridden.formUnion(policy.configuration.overrides.map(\.ruleID)) }
        for computer in fleet.computers.values { overridden.formUnion(computer.configuration.overrides.map(\.ruleID)) }
        overriddenRules = overridden
    }

    private func inShard(_ hostname: String) -> Bool { options.shard?.includes(hostname) ?? true }

    /// Stores the hosts of one file; hosts already seen are left for `reanalyzeDuplicates`.
    mutating func add(_ result: FileAnalysis, files: FileAnalyzer) throws {
        for host in result.hosts where ledger.isNew(host.analysis.report.hostname, file: result.fileIndex) {
            try store(host, firstFile: result.fileIndex)
        }
        guard let failure = result.failure else { return }
        for name in result.hostnames where inShard(name) && ledger.isNew(name, file: result.fileIndex) {
            let input = HostInput(
                hostname: name, inventory: nil, errors: [failure.error],
                events: files.eventsByHost[name.lowercased()] ?? [])
            try store(files.render(input), firstFile: result.fileIndex)
        }
    }

    /// Reads again every file of each host found more than once, merges, and replaces its entry.
    mutating func reanalyzeDuplicates(_ inventoryFiles: [DiscoveredInput], files: FileAnalyzer) throws {
        for (key, indices) in ledger.duplicates.sorted(by: { $0.key < $1.key }) {
            var merger = HostMerger()
            for index in indices.sorted() where inventoryFiles.indices.contains(index) {
                let file = inventoryFiles[index]
                do {
                    let hosts = try InventoryFormats.read(file, limits: options.limits)
                    merger.add(hosts.filter { $0.hostname.lowercased() == key })
                } catch let failure as InventoryFileError {
                    for name in failure.hostnames(orFileNamed: file.path) where name.lowercased() == key {
                        merger.addError(failure.error, hostname: name)
                    }
                }
            }
            guard let input = merger.inputs(fleet: Fleet(), events: files.eventsByHost[key] ?? []).first else {
                continue
            }
            try store(files.render(input), firstFile: indices.min())
        }
    }

    /// Adds the fleet's computers that no inventory named: fleet audit only.
    mutating func addFleetComputersWithoutInventory(files: FileAnalyzer) throws {
        for key in fleet.computers.keys.sorted() where ledger.entries[key] == nil {
            guard let computer = fleet.computers[key], inShard(computer.hostname) else { continue }
            let input = HostInput(
                hostname: computer.hostname, inventory: nil, errors: [], events: files.eventsByHost[key] ?? [])
            try store(files.render(input), firstFile: nil)
        }
    }

    /// Adds a host read from another run's report (merging shards).
    mutating func adopt(_ report: HostReport, triage: [TriagePlan]) throws {
        guard ledger.isNew(report.hostname, file: nil) else {
            throw InputError(file: report.hostname, message: "host \(report.hostname) appears in more than one shard")
        }
        let excludable = recommended(report).intersection(overriddenRules)
        let analysis = HostAnalysis(report: report, excludableRuleIDs: excludable, triage: triage)
        try store(AnalyzedHost(analysis: analysis, fragment: try ReportXMLWriter.fragment(for: report)), firstFile: nil)
    }

    /// Gives read-back triage plans to their hosts (merging shards).
    mutating func attach(triage: [TriagePlan]) {
        ledger.attach(triage: triage)
    }

    private mutating func store(_ host: AnalyzedHost, firstFile: Int?) throws {
        let range = try spill.append(host.fragment)
        ledger.record(host.analysis, fragment: range, firstFile: firstFile)
    }

    /// Writes `report.xml` (hosts sorted by name), every host page, and the index and rule pages.
    ///
    /// When there is a previous run, a first, sequential pass compares the hosts with it in sorted
    /// order. When there are pages to write or changes to add, the hosts are then read back and
    /// rendered on all workers; otherwise their fragments go into the report as they are.
    mutating func finish(rejected: [RejectedInput]) async throws -> FleetResults {
        let entries = ledger.sorted
        let reader = try spill.concurrentReader()
        defer { reader.close() }
        var tracker = RunChangeTracker(outDirectory: options.outDirectory)
        var changes: [Int: HostChanges] = [:]
        let comparing = tracker.comparesHosts
        if comparing {
            for (index, entry) in entries.enumerated() {
                let report = try HostXMLReader.read(fragment: try reader.read(entry.fragment), name: "report.xml")
                changes[index] = tracker.compare(report)
            }
        }
        var summary = ScanSummary()
        var audit = FleetExclusionAudit(fleet: fleet, referenceDay: floorDiv(options.referenceTime, 86_400))
        for entry in entries {
            summary.add(entry.counts)
            let host = HostReport(hostname: entry.hostname, policyID: nil, status: entry.status)
            audit.observe(HostAnalysis(report: host, excludableRuleIDs: entry.excludable, triage: []), fleet: fleet)
        }
        summary.rejectedInputs = rejected.count
        let results = FleetResults(
            summary: summary, rejected: rejected, exclusions: audit.results, triage: entries.flatMap(\.triage),
            changes: tracker.finish())
        let final = try HostSpill(path: run.temporaryPath + "/.hosts-final.spill")
        defer { final.remove() }
        var ranges = entries.map(\.fragment)
        var source = reader
        if html != nil || comparing {
            ranges = try await renderHosts(entries, changes: changes, reader: reader, into: final)
            source = try final.concurrentReader()
        }
        defer { if html != nil || comparing { source.close() } }
        if options.formats.contains(.xml) {
            try ReportXMLWriter.write(
                path: run.temporaryPath + "/report.xml", run: info, maxAgeDays: options.maxAgeDays, fleet: results
            ) { writer in
                try source.copy(ranges, into: writer)
            }
        }
        try html?.finish(results)
        return results
    }

    /// Reads every host back, adds its changes, writes its page (on all workers), and keeps its
    /// final fragment and page digest in sorted order.
    private mutating func renderHosts(
        _ entries: [HostEntry], changes: [Int: HostChanges], reader: SpillReader, into final: HostSpill
    ) async throws -> [Range<UInt64>] {
        var ranges: [Range<UInt64>] = []
        ranges.reserveCapacity(entries.count)
        let pages = html
        try await orderedParallelMap(
            Array(entries.indices), jobs: options.jobs,
            transform: { index in
                Result {
                    let entry = entries[index]
                    let bytes = try reader.read(entry.fragment)
                    var report = try HostXMLReader.read(fragment: bytes, name: "report.xml")
                    report.changes = changes[index]
                    try pages?.writePage(for: report, triage: entry.triage)
                    return (report, report.changes == nil ? bytes : try ReportXMLWriter.fragment(for: report))
                }
            },
            consume: { (result: Result<(HostReport, [UInt8]), any Error>) in
                let (report, bytes) = try result.get()
                ranges.append(try final.append(bytes))
                try html?.record(report, triage: entries[ranges.count - 1].triage)
            })
        return ranges
    }

    /// The rules recommended for a host read from another run's report, before exclusions, read
    /// off its outcomes: every rule listed except those to unassign and assigned custom rules
    /// (which are never recommended).
    private func recommended(_ report: HostReport) -> Set<String> {
        Set(
            report.rules.filter { $0.outcome != .toUnassign && catalog.rules[$0.ruleID]?.custom != true }.map(\.ruleID))
    }
}
