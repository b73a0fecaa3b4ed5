/// Lists every exclusion override of the fleet once, with its state, aggregated host by host
/// so that no whole-fleet structure has to be kept.
public struct FleetExclusionAudit: Sendable {
    private struct Key: Hashable {
        let level: Level
        let ownerID: String
        let ruleID: String
    }

    private var exclusions: [Key: FleetExclusion] = [:]
    private var used: Set<Key> = []

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

    /// Marks the exclusions in the host's chain that hide a rule the host would get.
    public mutating func observe(hostname: String, fleet: Fleet, recommended: Set<String>) {
        guard !recommended.isEmpty else { return }
        let context = HostFleetContext(hostname: hostname, fleet: fleet)
        for policy in context.chain {
            for override in policy.configuration.overrides
            where override.excluded && recommended.contains(override.ruleID) {
                used.insert(Key(level: .policy(policy.id), ownerID: policy.id, ruleID: override.ruleID))
            }
        }
        if let computer = context.computer {
            for override in computer.configuration.overrides
            where override.excluded && recommended.contains(override.ruleID) {
                used.insert(Key(level: .computer, ownerID: computer.hostname, ruleID: override.ruleID))
            }
        }
    }

    /// Merges what another part of the fleet observed (for parallel or sharded runs).
    public mutating func merge(_ other: FleetExclusionAudit) {
        used.formUnion(other.used)
    }

    /// Every exclusion with its final state, policies first, then computers, by owner and rule.
    public var results: [FleetExclusion] {
        exclusions.map { key, exclusion in
            var result = exclusion
            if result.state != .expired && used.contains(key) { result.state = .active }
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
