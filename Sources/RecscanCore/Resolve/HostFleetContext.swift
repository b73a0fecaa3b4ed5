/// The fleet's view of one host: its policy chain and what each level sets.
public struct HostFleetContext: Sendable {
    /// The computer entry, when the fleet knows the host.
    public let computer: Computer?
    /// The computer's policy chain, root first.
    public let chain: [Policy]

    /// The computer's key in the fleet, when the fleet knows the host.
    public let computerKey: String?

    /// Builds the context of `hostname` (matched case-insensitively).
    public init(hostname: String, fleet: Fleet) {
        computerKey = fleet.computerKey(for: hostname)
        computer = computerKey.flatMap { fleet.computers[$0] }
        var chain: [Policy] = []
        var seen: Set<String> = []
        var next = computer?.policyID
        while let id = next, !seen.contains(id), let policy = fleet.policies[id] {
            seen.insert(id)
            chain.append(policy)
            next = policy.parentID
        }
        self.chain = chain.reversed()
        var levels = self.chain.map { (Level.policy($0.id), $0.configuration) }
        if let computer { levels.append((.computer, computer.configuration)) }
        self.levels = levels
    }

    /// Every level with its configuration, root policy first, the computer last.
    public let levels: [(level: Level, configuration: LevelConfiguration)]

    /// The settings in force: the computer's own value, else the nearest policy's, else the default.
    public var effectiveSettings: EffectiveSettings {
        let nearestFirst = Array(levels.reversed())
        let engine = nearestFirst.first { $0.configuration.engineMode != .inherited }
        let behavior = nearestFirst.first { $0.configuration.behavior != .inherited }
        var autoApply: [Module: Bool] = [:]
        for module in Module.allCases {
            let setting = nearestFirst.lazy.compactMap { $0.configuration.autoApply[module] }.first { $0 != .inherited }
            autoApply[module] = setting == .yes
        }
        return EffectiveSettings(
            engineMode: engine?.configuration.engineMode ?? .inline, engineModeSetAt: engine?.level,
            behavior: behavior?.configuration.behavior ?? .prevent, behaviorSetAt: behavior?.level,
            autoApply: autoApply)
    }

    /// Levels where `ruleID` is assigned, root policy first, the computer last.
    public func assignmentLevels(of ruleID: String) -> [Level] {
        levels.filter { $0.configuration.assignedRules.contains(ruleID) }.map(\.level)
    }

    /// Every rule assigned on any level, sorted.
    public var assignedRuleIDs: [String] {
        Set(levels.flatMap(\.configuration.assignedRules)).sorted(by: RuleID.less)
    }
}

/// How the nearest-level-wins walk over exclusions ended for one rule.
public struct ExclusionDecision: Sendable, Equatable {
    /// The exclusion in force, if any.
    public var excludedBy: ExclusionReference?
    /// Expired exclusions passed over on the way (nearest first).
    public var expired: [ExclusionReference]
}

extension HostFleetContext {
    /// Walks computer, then policies from the leaf up, then the catalog; the first level that
    /// says something about the rule wins. Expired overrides no longer apply and are passed over.
    /// - Parameter referenceDay: days since 1970 of the reference time; an override is in force
    ///   through its `expires` day.
    public func exclusion(for rule: Rule, referenceDay: Int64) -> ExclusionDecision {
        exclusion(ruleID: rule.id, excludedInCatalog: rule.excludedInCatalog, referenceDay: referenceDay)
    }

    /// `exclusion(for:referenceDay:)` from the two fields of the rule it needs.
    func exclusion(ruleID: String, excludedInCatalog: Bool, referenceDay: Int64) -> ExclusionDecision {
        var expired: [ExclusionReference] = []
        for (level, configuration) in levels.reversed() {
            guard let override = configuration.overrides.first(where: { $0.ruleID == ruleID }) else { continue }
            let reference = ExclusionReference(
                level: level, reason: override.reason, by: override.by, expires: override.expires)
            if let expires = override.expires, let day = Timestamps.epochDays(date: expires), day < referenceDay {
                if override.excluded { expired.append(reference) }
                continue
            }
            return ExclusionDecision(excludedBy: override.excluded ? reference : nil, expired: expired)
        }
        return ExclusionDecision(excludedBy: excludedInCatalog ? .excludedInCatalog : nil, expired: expired)
    }
}

extension ExclusionReference {
    /// The catalog-wide `recommendations="excluded"` flag of a rule.
    static let excludedInCatalog = ExclusionReference(level: .catalog, reason: "excluded in the catalog")
}
