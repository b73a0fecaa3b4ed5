/// Fleet-wide tallies for the dashboard, added up host by host as pages are written.
///
/// Every tally is a small dictionary keyed by a closed vocabulary (module, severity, reason,
/// finding kind, status) or by policy id; pages read them in a fixed order, never in
/// dictionary order.
struct FleetDigest: Sendable {
    /// Rule results per module and outcome.
    var modules: [Module: OutcomeCounts] = [:]
    /// To-assign results per rule severity (only `auto` and `manual` are used).
    var pendingBySeverity: [Severity: OutcomeCounts] = [:]
    /// Decisions waiting, per reason: how many, on how many hosts.
    var reasons: [ManualReason: Tally] = [:]
    /// Findings per kind: how many of each severity, on how many hosts.
    var findingKinds: [FindingKind: FindingTally] = [:]
    /// Hosts per status.
    var statuses: [HostStatus: Int] = [:]
    /// Per policy id; `nil` for computers without a policy.
    var policies: [String?: PolicyTally] = [:]
    /// How many hosts have at least one of each thing an operator acts on.
    var hostsWith = AttentionHosts()
    /// Manual assignments of rules that block traffic, over all hosts.
    var blockingManualAssignments = 0
    /// High and critical findings over all hosts.
    var urgentFindings = 0
    /// The manager's own recommendation scans set against recscan's, over the hosts it scanned.
    var manager = ManagerTally()
    /// Vulnerable packages no rule protects, by package.
    var uncovered = VulnerabilitySection.FleetTally()

    /// How the manager's recommendation scans compare with recscan's across the fleet.
    struct ManagerTally: Sendable, Equatable {
        /// Hosts with a scan by the manager to compare with.
        var hosts = 0
        var agreements = 0
        /// Disagreements per cause: how many, on how many hosts.
        var causes: [ManagerComparison.Disagreement.Cause: Tally] = [:]
        /// Hosts with at least one disagreement, with how many, in host order; the first
        /// ``listed`` only, the rest counted.
        var differing: [(hostname: String, count: Int)] = []
        var differingHosts = 0
        static let listed = 20

        var disagreements: Int { causes.values.reduce(0) { $0 + $1.items } }

        static func == (lhs: ManagerTally, rhs: ManagerTally) -> Bool {
            lhs.hosts == rhs.hosts && lhs.agreements == rhs.agreements && lhs.causes == rhs.causes
                && lhs.differingHosts == rhs.differingHosts
                && lhs.differing.map(\.hostname) == rhs.differing.map(\.hostname)
                && lhs.differing.map(\.count) == rhs.differing.map(\.count)
        }

        mutating func add(_ host: HostReport) {
            guard let comparison = host.manager else { return }
            hosts += 1
            agreements += comparison.agreements
            var seen: Set<ManagerComparison.Disagreement.Cause> = []
            for item in comparison.disagreements {
                causes[item.cause, default: Tally()].items += 1
                if seen.insert(item.cause).inserted { causes[item.cause, default: Tally()].hosts += 1 }
            }
            guard !comparison.disagreements.isEmpty else { return }
            differingHosts += 1
            if differing.count < Self.listed { differing.append((host.hostname, comparison.disagreements.count)) }
        }
    }

    /// A count of items and of the hosts they are on.
    struct Tally: Sendable, Equatable {
        var items = 0
        var hosts = 0
    }

    /// Findings of one kind.
    struct FindingTally: Sendable, Equatable {
        var bySeverity: [Severity: Int] = [:]
        var hosts = 0
        var total: Int { bySeverity.values.reduce(0, +) }
    }

    /// What one policy's computers add up to.
    struct PolicyTally: Sendable, Equatable {
        var hosts = 0
        var counts = OutcomeCounts()
        var hostsWithDecisions = 0
        var urgentFindings = 0
        var blockingManualAssignments = 0
    }

    /// Hosts with at least one item of each kind.
    struct AttentionHosts: Sendable, Equatable {
        var manual = 0
        var auto = 0
        var toUnassign = 0
        var blockingManualAssignments = 0
        var urgentFindings = 0
        var engineTap = 0
        /// Hosts that were not analysed: the inventory could not be read or there is none.
        var notAnalysed = 0
        /// Hosts analysed from an inventory older than the maximum age.
        var stale = 0
    }

    /// Adds one host: its full report for the per-rule tallies, its digest for the rest.
    mutating func add(_ host: HostReport, digest: HostDigest) {
        // Counted by position first: hashing a module and a severity for each of a host's
        // hundreds of rules cost more than the rest of the host's digest.
        var byModule = [OutcomeCounts](repeating: OutcomeCounts(), count: Self.modules.count)
        var bySeverity = [OutcomeCounts](repeating: OutcomeCounts(), count: Self.severities.count)
        // By position, reading the fields in place: `for rule in host.rules` copied each result.
        for index in host.rules.indices {
            let (outcome, apply) = (host.rules[index].outcome, host.rules[index].apply)
            if let module = Self.modules.firstIndex(of: host.rules[index].module) {
                byModule[module].add(outcome, apply: apply)
            }
            if outcome == .toAssign, let severity = Self.severities.firstIndex(of: host.rules[index].severity) {
                bySeverity[severity].add(outcome, apply: apply)
            }
        }
        // Only what a host has gets an entry, as when counted rule by rule.
        for (module, counts) in zip(Self.modules, byModule) where counts.total > 0 {
            modules[module, default: OutcomeCounts()].add(counts)
        }
        for (severity, counts) in zip(Self.severities, bySeverity) where counts.total > 0 {
            pendingBySeverity[severity, default: OutcomeCounts()].add(counts)
        }
        for (reason, count) in digest.manualReasons {
            reasons[reason, default: Tally()].items += count
            reasons[reason, default: Tally()].hosts += 1
        }
        var kindsSeen: Set<FindingKind> = []
        for finding in host.findings {
            findingKinds[finding.kind, default: FindingTally()].bySeverity[finding.severity, default: 0] += 1
            if kindsSeen.insert(finding.kind).inserted {
                findingKinds[finding.kind, default: FindingTally()].hosts += 1
            }
        }
        statuses[host.status, default: 0] += 1
        manager.add(host)
        uncovered.add(host, fileName: digest.fileName)
        blockingManualAssignments += digest.blockingManualAssignments
        urgentFindings += digest.urgentFindings

        let counts = digest.counts
        var policy = policies[host.policyID, default: PolicyTally()]
        policy.hosts += 1
        policy.counts.auto += counts.auto
        policy.counts.manual += counts.manual
        policy.counts.assigned += counts.assigned
        policy.counts.toUnassign += counts.toUnassign
        policy.counts.excluded += counts.excluded
        policy.hostsWithDecisions += counts.manual > 0 ? 1 : 0
        policy.urgentFindings += digest.urgentFindings
        policy.blockingManualAssignments += digest.blockingManualAssignments
        policies[host.policyID] = policy

        hostsWith.manual += counts.manual > 0 ? 1 : 0
        hostsWith.auto += counts.auto > 0 ? 1 : 0
        hostsWith.toUnassign += counts.toUnassign > 0 ? 1 : 0
        hostsWith.blockingManualAssignments += digest.blockingManualAssignments > 0 ? 1 : 0
        hostsWith.urgentFindings += digest.urgentFindings > 0 ? 1 : 0
        hostsWith.engineTap += digest.engineTap ? 1 : 0
        // A stale host was analysed: its data is old, which is a warning, not a failure.
        hostsWith.notAnalysed += host.status == .error || host.status == .noInventory ? 1 : 0
        hostsWith.stale += host.status == .stale ? 1 : 0
    }

    // `allCases` of an enum is computed: a new array at every use.
    private static let modules = Module.allCases
    private static let severities = Severity.allCases

    /// Policy ids sorted as hosts are (case-insensitively), computers without a policy last.
    var sortedPolicies: [(id: String?, tally: PolicyTally)] {
        policies.keys.sorted { lhs, rhs in
            switch (lhs, rhs) {
            case (nil, _): false
            case (_, nil): true
            case (let left?, let right?): (left.lowercased(), left) < (right.lowercased(), right)
            }
        }
        .map { (id: $0, tally: policies[$0] ?? PolicyTally()) }
    }
}
