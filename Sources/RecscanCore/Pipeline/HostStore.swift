/// Where analyzed hosts go as they finish: each host's record to a scratch file, a small entry
/// to the ledger. `RunOutput` then reads the records back sorted by host name.
struct HostStore {
    let spill: RecordSpill
    let codec: HostRecordCodec
    private(set) var ledger: RunLedger
    private let fleet: Fleet
    private let catalog: Catalog
    private let options: ScanOptions
    /// Rules that some exclusion override of the fleet names: all that a host adopted from another
    /// run's report can contribute to the exclusion audit.
    private let overriddenRules: Set<String>

    /// A store whose scratch file lives in `scratchFolder` (the run folder being built).
    init(scratchFolder: String, catalog: Catalog, fleet: Fleet, options: ScanOptions) throws {
        spill = try RecordSpill(path: scratchFolder + "/.hosts.spill")
        codec = HostRecordCodec(catalog: catalog)
        ledger = RunLedger()
        self.fleet = fleet
        self.catalog = catalog
        self.options = options
        var overridden: Set<String> = []
        for policy in fleet.policies.values { overridden.formUnion(policy.configuration.overrides.map(\.ruleID)) }
        for computer in fleet.computers.values { overridden.formUnion(computer.configuration.overrides.map(\.ruleID)) }
        overriddenRules = overridden
    }

    private func inShard(_ hostname: String) -> Bool { options.shard?.includes(fleet.hostKey(hostname)) ?? true }

    /// Stores the hosts of one file; hosts already seen are left for `reanalyzeDuplicates`.
    mutating func add(_ result: FileAnalysis, files: FileAnalyzer) throws {
        for host in result.hosts where ledger.isNew(host.analysis.report.hostname, file: result.fileIndex) {
            try store(host, firstFile: result.fileIndex)
        }
        guard let failure = result.failure else { return }
        for name in result.hostnames where inShard(name) && ledger.isNew(name, file: result.fileIndex) {
            let input = HostInput(
                hostname: name, inventory: nil, errors: [failure.error],
                events: files.events(for: name))
            try store(files.analyze(input), firstFile: result.fileIndex)
        }
    }

    /// Reads again every file of each host found more than once, merges, and replaces its entry.
    mutating func reanalyzeDuplicates(_ inventoryFiles: [DiscoveredInput], files: FileAnalyzer) throws {
        for (key, indices) in ledger.duplicates.sorted(by: { $0.key < $1.key }) {
            var merger = HostMerger()
            for index in indices.sorted() where inventoryFiles.indices.contains(index) {
                let file = inventoryFiles[index]
                do {
                    let hosts = try InventoryFormats.read(
                        file, limits: options.limits, interest: nil, collected: options.collectedForBatch)
                    merger.add(hosts.filter { $0.hostname.lowercased() == key })
                } catch let failure as InventoryFileError {
                    for name in failure.hostnames(orFileNamed: file.path) where name.lowercased() == key {
                        merger.addError(failure.error, hostname: name)
                    }
                }
            }
            guard let input = merger.inputs(fleet: Fleet(), events: files.events(for: key)).first else {
                continue
            }
            try store(files.analyze(input), firstFile: indices.min())
        }
    }

    /// Adds the fleet's computers that no inventory named: fleet audit only.
    mutating func addFleetComputersWithoutInventory(files: FileAnalyzer) throws {
        // A host may be its computer under another name (a display name, a DNS label).
        let inventoried = Set(ledger.entries.keys.compactMap { fleet.computerKey(for: $0) })
        // Filtered before sorting: in a shard, most of the fleet's computers are another's.
        let missing = fleet.computers.filter { key, computer in
            ledger.entries[key] == nil && !inventoried.contains(key) && inShard(computer.hostname)
        }
        for key in missing.keys.sorted() {
            guard let computer = missing[key] else { continue }
            let input = HostInput(
                hostname: computer.hostname, inventory: nil, errors: [], events: files.eventsByHost[key] ?? [])
            try store(files.analyze(input), firstFile: nil)
        }
    }

    /// Adds a host read from another run's report (merging shards).
    mutating func adopt(_ report: HostReport, triage: [TriagePlan]) throws {
        guard ledger.isNew(report.hostname, file: nil) else {
            throw InputError(file: report.hostname, message: "host \(report.hostname) appears in more than one shard")
        }
        let excludable = excludable(report)
        let analysis = HostAnalysis(report: report, excludableRuleIDs: excludable, triage: triage)
        try store(AnalyzedHost(analysis: analysis, record: codec.encode(analysis)), firstFile: nil)
    }

    /// Every host's entry in output order; the ledger holds none after (see `RunLedger.takeSorted`).
    mutating func takeSortedEntries() -> [HostEntry] { ledger.takeSorted() }

    /// Gives read-back triage plans to their hosts (merging shards).
    mutating func attach(triage: [TriagePlan]) {
        ledger.attach(triage: triage)
    }

    private mutating func store(_ host: AnalyzedHost, firstFile: Int?) throws {
        let range = try spill.append(host.record)
        ledger.record(host.analysis, record: range, firstFile: firstFile)
    }

    /// The rules recommended for a host read from another run's report, before exclusions, that
    /// some exclusion override names: every rule listed except those to unassign and assigned
    /// custom rules (which are never recommended). The overridden test comes first, so that a
    /// host of 150 rules costs a catalog lookup only for the few overridden.
    private func excludable(_ report: HostReport) -> Set<String> {
        guard !overriddenRules.isEmpty else { return [] }
        return Set(
            report.rules.lazy.filter {
                self.overriddenRules.contains($0.ruleID) && $0.outcome != .toUnassign
                    && self.catalog.rules[$0.ruleID]?.custom != true
            }
            .map(\.ruleID))
    }
}
