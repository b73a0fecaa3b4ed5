/// Turns a host's recommendations and assignments into one outcome per rule.
struct OutcomeDecider {
    let catalog: Catalog
    let context: HostFleetContext
    let settings: EffectiveSettings

    /// Outcomes for every rule that is recommended or assigned, sorted by rule id.
    func outcomes(_ recommendations: Recommendations, patched: [String: [Evidence]]) -> [RuleResult] {
        let ids = catalog.sortedInRuleOrder(Set(recommendations.matches.keys).union(context.assignedRuleIDs))
        return ids.compactMap { id in
            guard let rule = catalog.rules[id] else { return nil }
            let assignedAt = context.assignmentLevels(of: id)
            var result = RuleResult(
                ruleID: id, module: rule.module, name: rule.name, severity: rule.severity, outcome: .assigned,
                blocks: blocks(rule), assignedAt: assignedAt)
            if let match = recommendations.matches[id] {
                result.evidence = match.evidence
                if let exclusion = recommendations.exclusions[id]?.excludedBy {
                    result.outcome = .excluded
                    result.excludedBy = exclusion
                } else if assignedAt.isEmpty {
                    result.outcome = .toAssign
                    (result.apply, result.reason) = applyClass(rule, certain: match.certain)
                }
                return result
            }
            // Custom rules are never recommended, and never proposed for unassignment either:
            // an assigned custom rule simply stays assigned.
            guard !rule.custom else { return result }
            result.outcome = .toUnassign
            result.evidence = patched[id] ?? []
            return result
        }
    }

    /// Auto when the module's autoApply is on, the rule allows it and the match is certain;
    /// otherwise manual with the most intrinsic reason.
    func applyClass(_ rule: Rule, certain: Bool) -> (ApplyClass, ManualReason?) {
        if let reason = rule.neverAutoReason { return (.manual, reason) }
        if !certain { return (.manual, .uncertainVersion) }
        if settings.autoApply[rule.module] != true { return (.manual, .autoApplyOff) }
        return (.auto, nil)
    }

    /// A rule blocks when the engine is inline, the behavior prevents and the rule is not detect-only.
    /// Only intrusion-prevention rules act on traffic.
    func blocks(_ rule: Rule) -> Bool {
        rule.module == .intrusionPrevention && settings.engineMode == .inline && settings.behavior == .prevent
            && !rule.detectOnly
    }
}
