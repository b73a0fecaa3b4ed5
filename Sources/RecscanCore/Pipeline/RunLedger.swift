/// What a run remembers of one host until the end: where its report fragment is, its counts
/// and the few facts the fleet-wide sections need. Small, whatever the host's size.
struct HostEntry {
    var hostname: String
    var fragment: Range<UInt64>
    var counts: ScanSummary
    var highFindings: Int
    /// Rules recommended on the host that some exclusion override of the fleet names: all the
    /// fleet-wide exclusion audit needs of a host.
    var excludable: Set<String>
    /// The host's status, which decides whether the exclusion audit counts it.
    var status: HostStatus
    var triage: [TriagePlan]
    /// Positions in the run's inventory file list where the host was found.
    /// The first inventory file (its position in the run's list) the host was found in; later
    /// ones are kept with the duplicates, so an entry allocates nothing of its own.
    var firstFile: Int?
}

/// The per-host ledger of a run. Hosts arrive in file order; a host found again in a later
/// file is only noted, and re-analyzed from all its files at the end (`duplicates`).
struct RunLedger {
    private(set) var entries: [String: HostEntry] = [:]
    /// Hosts found in more than one place, with every file they were found in.
    private(set) var duplicates: [String: Set<Int>] = [:]

    /// Whether a host arriving from `file` is new; if not, it is remembered as a duplicate.
    mutating func isNew(_ hostname: String, file: Int?) -> Bool {
        let key = hostname.lowercased()
        guard let entry = entries[key] else { return true }
        duplicates[key, default: Set(entry.firstFile.map { [$0] } ?? [])].formUnion(file.map { [$0] } ?? [])
        return false
    }

    /// Records (or replaces) a host's entry.
    mutating func record(
        _ analysis: HostAnalysis, fragment: Range<UInt64>, firstFile: Int?
    ) {
        var counts = ScanSummary()
        counts.add(analysis.report)
        entries[analysis.report.hostname.lowercased()] = HostEntry(
            hostname: analysis.report.hostname, fragment: fragment, counts: counts,
            highFindings: analysis.report.findings.filter { $0.severity >= .high }.count,
            excludable: analysis.excludableRuleIDs, status: analysis.report.status, triage: analysis.triage,
            firstFile: firstFile)
    }

    /// Adds plans to the entries of their hosts, keeping each host's plans in the given order.
    mutating func attach(triage: [TriagePlan]) {
        for plan in triage { entries[plan.hostname.lowercased()]?.triage.append(plan) }
    }

    /// Entries sorted by hostname (case-insensitive, then exact).
    var sorted: [HostEntry] {
        entries.values.sorted { ($0.hostname.lowercased(), $0.hostname) < ($1.hostname.lowercased(), $1.hostname) }
    }
}
