/// A host's recommended rules after dependencies, with the exclusion walk for each, in rule
/// order (by ordinal, the position in the catalog index).
struct Recommendations {
    /// One recommended rule.
    struct Entry {
        let ordinal: RuleOrdinal
        let match: RuleMatch
        /// How the exclusion walk ended for the rule.
        let exclusion: ExclusionDecision
    }

    /// Recommended rules, including those pulled in by `dependsOn`, ascending by ordinal.
    let entries: [Entry]
    /// The ordinals of `entries`.
    let ordinals: OrdinalSet
    /// Whether the walk passed over an expired exclusion for any rule: rarely.
    private let passedExpiredExclusions: Bool

    /// Adds the `dependsOn` closure of every recommended, non-excluded rule.
    /// Excluded rules pull in nothing; custom rules are never pulled in.
    /// - Parameter direct: the directly recommended rules, in rule order.
    init(
        direct: [(ordinal: RuleOrdinal, match: RuleMatch)], index: CatalogIndex, context: HostFleetContext,
        referenceDay: Int64
    ) {
        var ordinals = OrdinalSet(capacity: index.ruleCount)
        for (ordinal, _) in direct { ordinals.insert(ordinal) }
        let overridden = Self.overriddenRules(context, index: index)
        // Rules are read through their traits and identities: a copy of `Rule`, or a retain of
        // the rule object, would write to each rule's cold cache lines.
        func exclusion(_ ordinal: RuleOrdinal) -> ExclusionDecision {
            let excludedInCatalog = index.traits(of: ordinal).excludedInCatalog
            // Only a rule some level overrides needs the walk over the levels.
            guard overridden.contains(ordinal) else {
                return ExclusionDecision(excludedBy: excludedInCatalog ? .excludedInCatalog : nil, expired: [])
            }
            return context.exclusion(
                ruleID: index.identity(of: ordinal).id, excludedInCatalog: excludedInCatalog, referenceDay: referenceDay
            )
        }
        // Also the queue of the walk over dependencies.
        var entries = direct.map { Entry(ordinal: $0.ordinal, match: $0.match, exclusion: exclusion($0.ordinal)) }
        var position = 0
        while position < entries.count {
            defer { position += 1 }
            let ordinal = entries[position].ordinal
            guard entries[position].exclusion.excludedBy == nil, index.traits(of: ordinal).hasDependencies else {
                continue
            }
            let neededBy = index.identity(of: ordinal).id
            for dependency in index.dependencies(of: ordinal) where !ordinals.contains(dependency) {
                ordinals.insert(dependency)
                let match = RuleMatch(certain: true, evidence: [Evidence(.dependency, [("rule", neededBy)])])
                entries.append(Entry(ordinal: dependency, match: match, exclusion: exclusion(dependency)))
            }
        }
        // Dependencies come after the rules that pulled them in.
        if entries.count > direct.count { entries.sort { $0.ordinal < $1.ordinal } }
        self.entries = entries
        passedExpiredExclusions = entries.contains { !$0.exclusion.expired.isEmpty }
        self.ordinals = ordinals
    }

    /// The nearest expired exclusion the walk passed over for rule `ordinal`, if it is recommended.
    func expiredExclusion(of ordinal: RuleOrdinal) -> ExclusionReference? {
        guard passedExpiredExclusions else { return nil }
        return position(of: ordinal).flatMap { entries[$0].exclusion.expired.first }
    }

    /// The position in `entries` of rule `ordinal`, if it is recommended.
    private func position(of ordinal: RuleOrdinal) -> Int? {
        guard ordinals.contains(ordinal) else { return nil }
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].ordinal < ordinal { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The rules an override on one of the host's levels names.
    private static func overriddenRules(_ context: HostFleetContext, index: CatalogIndex) -> OrdinalSet {
        var overridden = OrdinalSet()
        for (_, configuration) in context.levels {
            for override in configuration.overrides {
                if let ordinal = index.ordinal(ofRule: override.ruleID) { overridden.insert(ordinal) }
            }
        }
        return overridden
    }
}
