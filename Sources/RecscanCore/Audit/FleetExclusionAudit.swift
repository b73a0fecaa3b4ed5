/// Lists every exclusion override of the fleet once, with its state and hygiene, aggregated
/// host by host so that no whole-fleet structure has to be kept: only counters per policy and
/// per exclusion.
///
/// Hygiene (``FleetExclusion/Issue``): an exclusion without a reason or without an expiry is
/// flagged; an active policy exclusion is *broad* when fewer than
/// ``broadBelowPercent`` percent of the inventoried hosts under the policy would get the rule
/// (and at least one does): it hides the rule from every other host under the policy that
/// may come to need it, where exclusions on the few computers concerned would do. Hosts without
/// a usable inventory are not counted, so the judgement is deterministic for given inputs.
public struct FleetExclusionAudit: Sendable {
    /// A policy exclusion is broad when the hosts that would get the rule are fewer than this
    /// share (percent) of the inventoried hosts under the policy.
    public static let broadBelowPercent = 50

    private struct Key: Hashable {
        let level: Level
        let ownerID: String
        let ruleID: String
    }

    private var exclusions: [Key: FleetExclusion] = [:]
    private var needing: [Key: Int] = [:]
    /// Inventoried hosts under each policy; inventoried computers (lowercased) with their own exclusions.
    private var hostsByPolicy: [String: Int] = [:]
    private var inventoriedComputers: Set<String> = []

    /// Collects the exclusion overrides of every policy and computer.
    /// - Parameter referenceDay: days since 1970; an exclusion is in force through its expiry day.
    public init(fleet: Fleet, referenceDay: Int64) {
        func add(_ level: Level, _ owner: String, _ overrides: [RecommendationOverride]) {
            for override in overrides where override.excluded {
                let expired = override.expires.flatMap(Timestamps.epochDays(date:)).map { $0 < referenceDay } ?? false
                exclusions[Key(level: level, ownerID: owner, ruleID: override.ruleID)] = FleetExclusion(
                    level: level, ownerID: owner, ruleID: override.ruleID, reason: override.reason, by: override.by,
                    expires: override.expires, state: expired ? .expired : .unused)
            }
        }
        for policy in fleet.policies.values { add(.policy(policy.id), policy.id, policy.configuration.overrides) }
        for computer in fleet.computers.values { add(.computer, computer.hostname, computer.configuration.overrides) }
    }

    /// Counts one host: under which policies it is, and which exclusions in its chain hide a rule
    /// it would get. Hosts without a usable inventory are not counted.
    public mutating func observe(_ analysis: HostAnalysis, fleet: Fleet) {
        observe(
            hostname: analysis.report.hostname, status: analysis.report.status,
            excludable: analysis.excludableRuleIDs, fleet: fleet)
    }

    /// Counts one host from what the run keeps of it: its name, status, and the recommended
    /// rules that an exclusion override names (`HostAnalysis.excludableRuleIDs`).
    mutating func observe(hostname: String, status: HostStatus, excludable recommended: Set<String>, fleet: Fleet) {
        guard status == .ok || status == .stale else { return }
        let context = HostFleetContext(hostname: hostname, fleet: fleet)
        for policy in context.chain {
            hostsByPolicy[policy.id, default: 0] += 1
            for override in policy.configuration.overrides
            where override.excluded && recommended.contains(override.ruleID) {
                needing[Key(level: .policy(policy.id), ownerID: policy.id, ruleID: override.ruleID), default: 0] += 1
            }
        }
        guard let computer = context.computer else { return }
        inventoriedComputers.insert(computer.hostname.lowercased())
        for override in computer.configuration.overrides
        where override.excluded && recommended.contains(override.ruleID) {
            needing[Key(level: .computer, ownerID: computer.hostname, ruleID: override.ruleID), default: 0] += 1
        }
    }

    /// Merges what another, disjoint part of the fleet observed (for parallel or sharded runs).
    public mutating func merge(_ other: FleetExclusionAudit) {
        needing.merge(other.needing, uniquingKeysWith: +)
        hostsByPolicy.merge(other.hostsByPolicy, uniquingKeysWith: +)
        inventoriedComputers.formUnion(other.inventoriedComputers)
    }

    /// Every exclusion with its final state and hygiene, policies first, then computers, by owner and rule.
    public var results: [FleetExclusion] {
        exclusions.map { key, exclusion in
            var result = exclusion
            result.needing = needing[key] ?? 0
            result.hosts =
                key.level.kind == .policy
                ? hostsByPolicy[key.ownerID] ?? 0 : (inventoriedComputers.contains(key.ownerID.lowercased()) ? 1 : 0)
            if result.state != .expired && result.needing > 0 { result.state = .active }
            if result.state == .active, key.level.kind == .policy,
                result.needing * 100 < result.hosts * Self.broadBelowPercent
            {
                result.issues.append(.broad)
            }
            if (result.reason ?? "").isEmpty { result.issues.append(.noReason) }
            if result.expires == nil { result.issues.append(.noExpiry) }
            return result
        }.sorted { lhs, rhs in
            if lhs.level.kind != rhs.level.kind { return lhs.level.kind == .policy }
            if lhs.ownerID.lowercased() != rhs.ownerID.lowercased() {
                return lhs.ownerID.lowercased() < rhs.ownerID.lowercased()
            }
            return RuleID.less(lhs.ruleID, rhs.ruleID)
        }
    }
}
