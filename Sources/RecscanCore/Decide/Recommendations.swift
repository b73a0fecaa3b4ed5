/// A host's recommended rules after dependencies, with the exclusion walk for each, by rule
/// ordinal (position in the catalog index).
struct Recommendations {
    /// Recommended rules, including those pulled in by `dependsOn`.
    var matches: [Int: RuleMatch] = [:]
    /// The exclusion decision for every recommended rule.
    var exclusions: [Int: ExclusionDecision] = [:]

    /// Adds the `dependsOn` closure of every recommended, non-excluded rule.
    /// Excluded rules pull in nothing; custom rules are never pulled in.
    /// - Parameter direct: the directly recommended rules, in rule order.
    init(
        direct: [(ordinal: Int, match: RuleMatch)], index: CatalogIndex, context: HostFleetContext,
        referenceDay: Int64
    ) {
        matches.reserveCapacity(direct.count)
        exclusions.reserveCapacity(direct.count)
        for (ordinal, match) in direct { matches[ordinal] = match }
        var queue = direct.map(\.ordinal)
        var position = 0
        while position < queue.count {
            let ordinal = queue[position]
            position += 1
            let compiled = index.rulesByOrdinal[ordinal]
            let decision = context.exclusion(
                ruleID: compiled.rule.id, excludedInCatalog: compiled.rule.excludedInCatalog, referenceDay: referenceDay
            )
            exclusions[ordinal] = decision
            guard decision.excludedBy == nil else { continue }
            for dependency in compiled.dependencies where matches[dependency] == nil {
                matches[dependency] = RuleMatch(
                    certain: true, evidence: [Evidence(.dependency, [("rule", compiled.rule.id)])])
                queue.append(dependency)
            }
        }
    }
}
