/// A host's recommended rules after dependencies, with the exclusion walk for each.
struct Recommendations {
    /// Recommended rules, including those pulled in by `dependsOn`.
    var matches: [String: RuleMatch] = [:]
    /// The exclusion decision for every recommended rule.
    var exclusions: [String: ExclusionDecision] = [:]

    /// Adds the `dependsOn` closure of every recommended, non-excluded rule.
    /// Excluded rules pull in nothing; custom rules are never pulled in.
    init(direct: [String: RuleMatch], catalog: Catalog, context: HostFleetContext, referenceDay: Int64) {
        matches = direct
        var queue = catalog.sortedInRuleOrder(direct.keys)
        var position = 0
        while position < queue.count {
            let id = queue[position]
            position += 1
            guard let rule = catalog.rules[id] else { continue }
            let decision = context.exclusion(for: rule, referenceDay: referenceDay)
            exclusions[id] = decision
            guard decision.excludedBy == nil else { continue }
            for dependency in rule.dependsOn where matches[dependency] == nil {
                guard let needed = catalog.rules[dependency], !needed.custom else { continue }
                matches[dependency] = RuleMatch(certain: true, evidence: [Evidence(.dependency, [("rule", id)])])
                queue.append(dependency)
            }
        }
    }
}
