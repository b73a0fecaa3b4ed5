/// What the fleet pages need of one host, kept after the host's own page is written.
///
/// A few numbers and short strings per host, so a fleet of many thousand hosts stays small in memory.
struct HostDigest: Sendable {
    var hostname: String
    /// The page's file name in `hosts/`, without extension.
    var fileName: String
    var policyID: String?
    var status: HostStatus
    var operatingSystem: String
    var counts = OutcomeCounts()
    // Counts by severity and by reason, in `allCases` order, held inline: a dictionary each was
    // a heap block for every host of the fleet, kept to the end of the run.
    private var severityCounts = SIMD4<Int32>()
    private var reasonCounts = SIMD8<Int32>()
    /// The highest finding severity, for styling; `nil` without findings.
    var highestSeverity: Severity?
    /// Rules assigned by hand (`manual-assignment` findings) that block traffic on this host.
    var blockingManualAssignments = 0
    /// Whether the effective engine mode is tap: nothing blocks on the host.
    var engineTap = false
    /// False-positive remediation plans for this host.
    var triagePlans = 0

    init(host: HostReport, fileName: String, triagePlans: Int = 0) {
        hostname = host.hostname
        self.fileName = fileName
        policyID = host.policyID
        status = host.status
        operatingSystem = ReportWords.operatingSystem(host.os)
        engineTap = host.settings?.engineMode == .tap
        self.triagePlans = triagePlans
        // Reasons counted by position: hashing one for each of a host's decisions cost more than
        // the rest of the digest. Fields read in place: `for rule in host.rules` copied each
        // result, a retain and a release for each of its references.
        for index in host.rules.indices {
            let (outcome, apply) = (host.rules[index].outcome, host.rules[index].apply)
            counts.add(outcome, apply: apply)
            if outcome == .toAssign, apply != .auto, let reason = host.rules[index].reason,
                let position = Self.reasons.firstIndex(of: reason)
            {
                reasonCounts[position] += 1
            }
        }
        // Few hosts have rules assigned by hand: the set of blocking rules is made for those only.
        var blocking: Set<String>?
        for finding in host.findings {
            severityCounts[finding.severity.rank] += 1
            highestSeverity = max(highestSeverity ?? finding.severity, finding.severity)
            guard finding.kind == .manualAssignment, let rule = finding.ruleID else { continue }
            if blocking == nil { blocking = Set(host.rules.filter(\.blocks).map(\.ruleID)) }
            if blocking?.contains(rule) == true { blockingManualAssignments += 1 }
        }
    }

    // `allCases` of an enum is computed: a new array at every use.
    private static let reasons = ManualReason.allCases
    private static let severities = Severity.allCases

    /// Findings by severity; severities without findings have no entry.
    var findingsBySeverity: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for severity in Self.severities where severityCounts[severity.rank] > 0 {
            counts[severity] = Int(severityCounts[severity.rank])
        }
        return counts
    }

    /// Decisions waiting, by the reason they wait; reasons without decisions have no entry.
    var manualReasons: [ManualReason: Int] {
        var counts: [ManualReason: Int] = [:]
        for (position, reason) in Self.reasons.enumerated() where reasonCounts[position] > 0 {
            counts[reason] = Int(reasonCounts[position])
        }
        return counts
    }

    var findings: Int { Int(severityCounts.wrappedSum()) }
    /// High and critical findings.
    var urgentFindings: Int { Int(severityCounts[Severity.high.rank] + severityCounts[Severity.critical.rank]) }
}

/// Rule results counted by outcome, with to-assign split into automatic and manual.
struct OutcomeCounts: Sendable, Equatable {
    var auto = 0
    var manual = 0
    var assigned = 0
    var toUnassign = 0
    var excluded = 0

    var toAssign: Int { auto + manual }
    var total: Int { toAssign + assigned + toUnassign + excluded }

    /// Counts one result; a to-assign rule without an apply class needs a decision.
    mutating func add(_ rule: RuleResult) { add(rule.outcome, apply: rule.apply) }

    /// Adds one rule result with this outcome and apply class.
    mutating func add(_ outcome: Outcome, apply: ApplyClass?) {
        switch outcome {
        case .toAssign: if apply == .auto { auto += 1 } else { manual += 1 }
        case .assigned: assigned += 1
        case .toUnassign: toUnassign += 1
        case .excluded: excluded += 1
        }
    }

    /// Adds the counts of `other`.
    mutating func add(_ other: OutcomeCounts) {
        auto += other.auto
        manual += other.manual
        assigned += other.assigned
        toUnassign += other.toUnassign
        excluded += other.excluded
    }
}

/// One host's result for one rule, as the rule's page lists it.
struct RuleHostRow: Sendable {
    /// Position of the host in the writer's host list (hosts are written in sorted order).
    var host: Int
    var outcome: Outcome
    var apply: ApplyClass?
    var reason: ManualReason?
    var blocks: Bool
    /// The host has a `manual-assignment` finding for this rule: it was assigned by hand.
    var assignedByHand: Bool
    var assignedAt: [Level]
    /// Shared by every row hidden by the same exclusion: a fleet holds hundreds of thousands of
    /// rows but few exclusions, so each row keeps a reference, not a copy.
    let exclusion: ExclusionBox?

    init(host: Int, result: some RuleResultFields, assignedByHand: Bool, exclusion: ExclusionBox?) {
        self.host = host
        outcome = result.outcome
        apply = result.apply
        reason = result.reason
        blocks = result.blocks
        self.assignedByHand = assignedByHand
        assignedAt = result.assignedAt
        self.exclusion = exclusion
    }

    /// The exclusion that hides the rule on this host.
    var excludedBy: ExclusionReference? { exclusion?.value }

    /// Whether this is a to-assign row that needs a decision.
    var isManual: Bool { outcome == .toAssign && apply != .auto }
}

/// One exclusion, shared by the rows it hides.
final class ExclusionBox: Sendable {
    let value: ExclusionReference

    init(_ value: ExclusionReference) { self.value = value }

    /// A key that is equal exactly when two exclusions are.
    static func key(_ value: ExclusionReference) -> String {
        [value.level.kind.rawValue, value.level.id ?? "", value.reason ?? "", value.by ?? "", value.expires ?? ""]
            .joined(separator: "\u{1F}")
    }
}

/// What the run keeps in memory of one rule that appears on some host; its rows (one per host)
/// wait on disk in ``RuleRowStore`` until its page is written, and what the dashboard lists of
/// its hosts is made from them then (``DashboardRuleRows``).
struct RuleDigest: Sendable {
    var id: String
    /// The rule's number in ``RuleRowStore``, in the order rules were first met.
    var ordinal: Int
    /// From the first host result, used when the catalog lacks the rule.
    var name: String
    var module: Module
    var severity: Severity
    var counts = OutcomeCounts()

    init(result: some RuleResultFields, ordinal: Int) {
        id = result.ruleID
        self.ordinal = ordinal
        name = result.name
        module = result.module
        severity = result.severity
    }

    mutating func add(_ result: some RuleResultFields) { counts.add(result.outcome, apply: result.apply) }

    /// The page's file name in `rules/`, without extension.
    var fileName: String { SafeFileName.forRule(id) }
}

/// Links between the pages of a run, built from what has been written.
struct PageLinks: Sendable {
    /// File names of rule pages, by rule id.
    var ruleFiles: [String: String] = [:]
    /// Rules that have a page besides those of `ruleFiles`, whose file names are made when
    /// linked: a host page links few of its hundreds of rules by other means than its memo.
    var pagedRules: Set<String> = []
    /// File names of host pages, by lowercased hostname.
    var hostFiles: [String: String] = [:]

    /// The rule id, linked to its page when it has one. `toRoot` leads from the page to the run folder.
    func rule(_ id: String, toRoot: String, label: HTMLFragment? = nil) -> HTMLFragment {
        let text = label ?? "\(id)"
        guard let file = ruleFiles[id] ?? (pagedRules.contains(id) ? SafeFileName.forRule(id) : nil) else {
            return text
        }
        return HTMLBlocks.link("\(toRoot)rules/\(file).html", text)
    }

    /// The hostname, linked to its page when it has one (hostnames match case-insensitively).
    func host(_ hostname: String, toRoot: String) -> HTMLFragment {
        guard let file = hostFiles[hostname.lowercased()] else { return "\(hostname)" }
        return HTMLBlocks.hostLink(fileName: file, hostname: hostname, toRoot: toRoot)
    }
}
