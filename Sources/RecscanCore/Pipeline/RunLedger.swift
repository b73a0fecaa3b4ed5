/// What a run remembers of one host until the end: where its record is, its counts
/// and the few facts the fleet-wide sections need. Small, whatever the host's size: the ledger
/// holds one per host of the fleet, so counts are 32-bit (96 bytes an entry instead of 152).
struct HostEntry {
    var hostname: String
    var record: Range<UInt64>
    private var outcomeCounts: HostCounts
    private var highFindingCount: Int32
    private var uncoveredCount: Int32
    /// Rules recommended on the host that some exclusion override of the fleet names: all the
    /// fleet-wide exclusion audit needs of a host.
    var excludable: Set<String>
    /// The host's status, which decides whether the exclusion audit counts it.
    var status: HostStatus
    var triage: [TriagePlan]
    /// The first inventory file (its position in the run's list) the host was found in, -1 for
    /// none; later ones are kept with the duplicates, so an entry allocates nothing of its own.
    private var firstFilePosition: Int32

    init(
        hostname: String, record: Range<UInt64>, report: HostReport, excludable: Set<String>,
        triage: [TriagePlan], firstFile: Int?
    ) {
        self.hostname = hostname
        self.record = record
        outcomeCounts = HostCounts(report)
        highFindingCount = Int32(clamping: report.findings.filter { $0.severity >= .high }.count)
        uncoveredCount = Int32(clamping: report.findings.filter { $0.kind == .uncoveredVulnerability }.count)
        self.excludable = excludable
        status = report.status
        self.triage = triage
        firstFilePosition = firstFile.map { Int32(clamping: $0) } ?? -1
    }

    /// The host's counts, as the summary adds them up.
    var counts: ScanSummary { outcomeCounts.summary }
    /// Findings of high severity or above.
    var highFindings: Int { Int(highFindingCount) }
    /// `uncovered-vulnerability` findings.
    var uncoveredVulnerabilities: Int { Int(uncoveredCount) }
    var firstFile: Int? { firstFilePosition >= 0 ? Int(firstFilePosition) : nil }
}

/// One host's share of the run's summary, in 32 bits a count.
private struct HostCounts {
    private let toAssign, auto, manual, assigned, toUnassign, excluded, findings: UInt32

    init(_ report: HostReport) {
        var summary = ScanSummary()
        summary.add(report)
        toAssign = UInt32(clamping: summary.toAssign)
        auto = UInt32(clamping: summary.auto)
        manual = UInt32(clamping: summary.manual)
        assigned = UInt32(clamping: summary.assigned)
        toUnassign = UInt32(clamping: summary.toUnassign)
        excluded = UInt32(clamping: summary.excluded)
        findings = UInt32(clamping: summary.findings)
    }

    var summary: ScanSummary {
        var summary = ScanSummary()
        summary.hosts = 1
        summary.toAssign = Int(toAssign)
        summary.auto = Int(auto)
        summary.manual = Int(manual)
        summary.assigned = Int(assigned)
        summary.toUnassign = Int(toUnassign)
        summary.excluded = Int(excluded)
        summary.findings = Int(findings)
        return summary
    }
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
        _ analysis: HostAnalysis, record: Range<UInt64>, firstFile: Int?
    ) {
        entries[analysis.report.hostname.lowercased()] = HostEntry(
            hostname: analysis.report.hostname, record: record, report: analysis.report,
            excludable: analysis.excludableRuleIDs, triage: analysis.triage, firstFile: firstFile)
    }

    /// Adds plans to the entries of their hosts, keeping each host's plans in the given order.
    mutating func attach(triage: [TriagePlan]) {
        for plan in triage { entries[plan.hostname.lowercased()]?.triage.append(plan) }
    }

    /// The entries sorted by hostname (case-insensitive, then exact), then let go of: the output
    /// needs them in order only, and a table of every host held beside the list through the
    /// output was memory per host.
    mutating func takeSorted() -> [HostEntry] {
        let list = entries.values.sorted {
            ($0.hostname.lowercased(), $0.hostname) < ($1.hostname.lowercased(), $1.hostname)
        }
        entries = [:]
        return list
    }

    /// High-severity findings over every host.
    var highFindings: Int { entries.values.reduce(0) { $0 + $1.highFindings } }

    /// Vulnerable packages no rule covers, over every host.
    var uncoveredVulnerabilities: Int { entries.values.reduce(0) { $0 + $1.uncoveredVulnerabilities } }
}
