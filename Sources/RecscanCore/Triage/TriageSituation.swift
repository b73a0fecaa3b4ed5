/// Everything one plan is decided from: the events, the host's result for the rule, where the
/// rule is assigned, and whether the rule blocked on many computers of one policy.
struct TriageSituation {
    let ruleID: String
    let events: [SecurityEvent]
    let report: HostReport
    let context: HostFleetContext
    let rule: Rule?
    /// The host's result for the rule; `nil` when it is neither recommended nor assigned.
    let result: RuleResult?
    /// Levels where the rule is assigned, root policy first, the computer last.
    let levels: [Level]
    /// Whether any event blocked traffic.
    let blocked: Bool
    /// Hits the events stand for (an event's `count`).
    let hits: Int
    /// The nearest policy where the rule blocked on many computers, when there is one.
    let policyWide: PolicyWideBlocking?

    /// A false positive on many computers of one policy.
    struct PolicyWideBlocking {
        let policy: Policy
        /// Computers under the policy with blocked events of the rule.
        let hit: [String]
        /// Computers under the policy that follow its engine mode, and those that set their own.
        let following: [String]
        let ownMode: [String]
        /// The engine mode the policy has now (its own setting or the one it inherits).
        let mode: EngineModeSetting
    }

    init(
        ruleID: String, events: [SecurityEvent], report: HostReport, context: HostFleetContext, catalog: Catalog,
        facts: TriageFleetFacts
    ) {
        self.ruleID = ruleID
        self.events = events
        self.report = report
        self.context = context
        rule = catalog.rules[ruleID]
        result = report.rules.first { $0.ruleID == ruleID }
        levels = result?.assignedAt ?? context.assignmentLevels(of: ruleID)
        blocked = events.contains(where: \.blocked)
        hits = events.reduce(0) { $0 + $1.count }
        if blocked, let found = facts.policyWideBlocking(ruleID: ruleID, context: context) {
            let (following, ownMode) = facts.computersFollowingEngineMode(of: found.policy.id)
            let levels = context.levels
            let index = levels.firstIndex { $0.level == .policy(found.policy.id) } ?? 0
            let own = found.policy.configuration.engineMode
            let mode = own != .inherited ? own : TriageFleetFacts.inheritedEngineMode(above: index, in: levels).mode
            policyWide = PolicyWideBlocking(
                policy: found.policy, hit: found.hit, following: following, ownMode: ownMode, mode: mode)
        } else {
            policyWide = nil
        }
    }

    /// The host as the report names it.
    var host: String { report.hostname }

    /// "1000763 (URI Length And Depth Restriction)".
    var ruleName: String { rule.map { "\(ruleID) (\($0.name))" } ?? ruleID }

    /// Whether the host takes its engine mode from the policy-wide policy (so tapping the policy taps it).
    var hostFollowsPolicyWide: Bool {
        policyWide.map { wide in wide.following.contains { $0.lowercased() == host.lowercased() } } ?? false
    }
}
