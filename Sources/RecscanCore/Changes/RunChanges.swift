/// A rule's result on a host as two runs are compared: its outcome and, for to-assign, its apply class.
public struct RuleState: Sendable, Equatable {
    /// The outcome.
    public var outcome: Outcome
    /// Set for to-assign.
    public var apply: ApplyClass?

    /// Whether the state asks for an action: to-assign or to-unassign (a recommendation).
    public var isRecommendation: Bool { outcome == .toAssign || outcome == .toUnassign }
}

/// How one rule's result on a host changed since the previous run.
public struct RuleChange: Sendable, Equatable {
    /// What kind of change it is.
    public enum Kind: String, Sendable, CaseIterable {
        /// A recommendation (to-assign or to-unassign) that the previous run did not make.
        case new
        /// A recommendation of the previous run that is gone: assigned, unassigned, excluded or no longer needed.
        case resolved
        /// Any other difference: the apply class, or between assigned, excluded and absent.
        case changed
    }

    /// The rule.
    public var ruleID: String
    /// What kind of change it is.
    public var kind: Kind
    /// The previous run's state; `nil` when the rule was neither recommended nor assigned.
    public var was: RuleState?
    /// This run's state; `nil` when the rule is neither recommended nor assigned now.
    public var now: RuleState?

    /// Classifies the change from `was` to `now`; `nil` when they are the same.
    static func between(_ ruleID: String, was: RuleState?, now: RuleState?) -> RuleChange? {
        guard was != now else { return nil }
        let kind: Kind
        if let now, now.isRecommendation, was?.outcome != now.outcome {
            kind = .new
        } else if let was, was.isRecommendation, now?.isRecommendation != true {
            kind = .resolved
        } else {
            kind = .changed
        }
        return RuleChange(ruleID: ruleID, kind: kind, was: was, now: now)
    }
}

/// The identity of a finding across runs: kind, severity, rule and level (not its message).
public struct FindingKey: Sendable, Hashable, Comparable {
    /// The finding's kind, as the report writes it.
    public var kind: String
    /// The finding's severity, as the report writes it.
    public var severity: String
    /// The rule, when the finding has one.
    public var ruleID: String?
    /// The level kind, when the finding has one.
    public var level: String?
    /// The policy id, when the level is a policy.
    public var levelID: String?

    /// The key of a finding of this run.
    public init(_ finding: Finding) {
        self.init(
            kind: finding.kind.rawValue, severity: finding.severity.rawValue, ruleID: finding.ruleID,
            level: finding.level?.kind.rawValue, levelID: finding.level?.id)
    }

    /// A key from its parts, as the previous report spells them.
    public init(kind: String, severity: String, ruleID: String?, level: String?, levelID: String?) {
        self.kind = kind
        self.severity = severity
        self.ruleID = ruleID
        self.level = level
        self.levelID = levelID
    }

    /// Orders as findings are reported: severity (highest first), kind, rule, level.
    public static func < (lhs: FindingKey, rhs: FindingKey) -> Bool {
        let left = Severity(rawValue: lhs.severity)?.rank ?? -1
        let right = Severity(rawValue: rhs.severity)?.rank ?? -1
        if left != right { return left > right }
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        if lhs.ruleID != rhs.ruleID { return RuleID.less(lhs.ruleID ?? "", rhs.ruleID ?? "") }
        return (lhs.level ?? "", lhs.levelID ?? "") < (rhs.level ?? "", rhs.levelID ?? "")
    }
}

/// A finding that appeared or disappeared since the previous run.
public struct FindingChange: Sendable, Equatable {
    /// Whether the finding is new or resolved.
    public enum Kind: String, Sendable, CaseIterable { case new, resolved }
    /// New or resolved.
    public var kind: Kind
    /// Which finding.
    public var finding: FindingKey
}

/// What changed on one host since the previous run.
public struct HostChanges: Sendable, Equatable {
    /// The host was not in the previous run; no rule or finding is listed for it then.
    public var added = false
    /// The host's status in the previous run, when it differs from this run's.
    public var previousStatus: String?
    /// Rules whose result changed, sorted by rule id.
    public var rules: [RuleChange] = []
    /// Findings that appeared or disappeared, new first, in report order.
    public var findings: [FindingChange] = []

    /// Whether nothing changed.
    public var isEmpty: Bool { !added && previousStatus == nil && rules.isEmpty && findings.isEmpty }
    /// Recommendations this run makes that the previous did not.
    public var newRecommendations: Int { rules.filter { $0.kind == .new }.count }
    /// Recommendations of the previous run that are gone.
    public var resolvedRecommendations: Int { rules.filter { $0.kind == .resolved }.count }
    /// Findings that appeared.
    public var newFindings: Int { findings.filter { $0.kind == .new }.count }
    /// Findings that disappeared.
    public var resolvedFindings: Int { findings.filter { $0.kind == .resolved }.count }
}

/// One changed host in the fleet-wide list, with its counts.
public struct HostChangeSummary: Sendable, Equatable {
    /// The host, as this run names it.
    public var hostname: String
    /// The host's status in the previous run, when it differs.
    public var previousStatus: String?
    /// Counts of the host's changes.
    public var newRecommendations: Int, resolvedRecommendations: Int, newFindings: Int, resolvedFindings: Int
    /// Rule changes that are neither new nor resolved recommendations.
    public var otherRuleChanges: Int
}

/// Per rule, over the hosts present in both runs: how many hosts got it as a new recommendation
/// and on how many its recommendation was resolved.
public struct RuleChangeCount: Sendable, Equatable {
    /// The rule.
    public var ruleID: String
    /// Hosts where it is a new recommendation.
    public var new: Int
    /// Hosts where its recommendation was resolved.
    public var resolved: Int
}

/// What changed since the previous run in the same output folder, fleet-wide.
public struct RunChanges: Sendable, Equatable {
    /// The previous run's identifier.
    public var previousRun: String
    /// The previous run's catalog version, when known.
    public var previousCatalogVersion: String?
    /// The previous run's reference time, when known.
    public var previousReferenceTime: String?
    /// Why the runs could not be compared (e.g. the previous run wrote no report.xml); `nil` when they were.
    public var unavailable: String?
    /// Hosts in this run but not the previous, sorted.
    public var hostsAdded: [String] = []
    /// Hosts in the previous run but not this one, sorted.
    public var hostsGone: [String] = []
    /// Hosts in both runs with any change, sorted.
    public var hostsChanged: [HostChangeSummary] = []
    /// Per rule, sorted by rule id; rules without new or resolved recommendations are left out.
    public var rules: [RuleChangeCount] = []

    /// New recommendations over the hosts present in both runs.
    public var newRecommendations: Int { hostsChanged.reduce(0) { $0 + $1.newRecommendations } }
    /// Resolved recommendations over the hosts present in both runs.
    public var resolvedRecommendations: Int { hostsChanged.reduce(0) { $0 + $1.resolvedRecommendations } }
    /// New findings over the hosts present in both runs.
    public var newFindings: Int { hostsChanged.reduce(0) { $0 + $1.newFindings } }
    /// Resolved findings over the hosts present in both runs.
    public var resolvedFindings: Int { hostsChanged.reduce(0) { $0 + $1.resolvedFindings } }
}
