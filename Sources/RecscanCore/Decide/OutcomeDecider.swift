/// Turns a host's recommendations and assignments into one outcome per rule.
struct OutcomeDecider {
    let catalog: Catalog
    let context: HostFleetContext
    let settings: EffectiveSettings

    /// Outcomes for every rule that is recommended or assigned, sorted by rule id, with each
    /// result's rule ordinal. Assigned rules missing from the catalog get no outcome (the audit
    /// reports them).
    /// - Parameter patchedEvidence: what shows that the host is patched against a rule it does
    ///   not get; asked only for rules to unassign.
    func outcomes(
        _ recommendations: Recommendations, index: CatalogIndex, patchedEvidence: (Int) -> [Evidence]
    ) -> (results: [RuleResult], ordinals: [Int]) {
        let assigned = assignmentLevels(index)
        var ordinals = Array(recommendations.matches.keys)
        ordinals += assigned.keys.filter { recommendations.matches[$0] == nil }
        ordinals.sort()
        let results = ordinals.map { ordinal in
            // Read through the shared compiled rule: a local copy of `Rule` would retain every field.
            let compiled = index.rulesByOrdinal[ordinal]
            let assignedAt = assigned[ordinal] ?? []
            var result = RuleResult(
                ruleID: compiled.rule.id, module: compiled.rule.module, name: compiled.rule.name,
                severity: compiled.rule.severity, outcome: .assigned,
                blocks: blocks(module: compiled.rule.module, detectOnly: compiled.rule.detectOnly),
                assignedAt: assignedAt)
            if let match = recommendations.matches[ordinal] {
                result.evidence = match.evidence
                if let exclusion = recommendations.exclusions[ordinal]?.excludedBy {
                    result.outcome = .excluded
                    result.excludedBy = exclusion
                } else if assignedAt.isEmpty {
                    result.outcome = .toAssign
                    (result.apply, result.reason) = applyClass(
                        module: compiled.rule.module, neverAutoReason: compiled.rule.neverAutoReason,
                        certain: match.certain)
                }
                return result
            }
            // Custom rules are never recommended, and never proposed for unassignment either:
            // an assigned custom rule simply stays assigned.
            guard !compiled.rule.custom else { return result }
            result.outcome = .toUnassign
            result.evidence = patchedEvidence(ordinal)
            return result
        }
        return (results, ordinals)
    }

    /// The levels where each catalog rule is assigned, root policy first, as
    /// `HostFleetContext.assignmentLevels(of:)` lists them, for all rules in one pass.
    private func assignmentLevels(_ index: CatalogIndex) -> [Int: [Level]] {
        var levels: [Int: [Level]] = [:]
        for (level, configuration) in context.levels {
            for id in configuration.assignedRules {
                guard let ordinal = index.ordinalsByID[id] else { continue }
                // A level that lists a rule twice is still one level.
                if levels[ordinal]?.last != level { levels[ordinal, default: []].append(level) }
            }
        }
        return levels
    }

    /// Auto when the module's autoApply is on, the rule allows it and the match is certain;
    /// otherwise manual with the most intrinsic reason.
    /// Takes the rule's fields rather than the `Rule`: copying one retains every field.
    func applyClass(module: Module, neverAutoReason: ManualReason?, certain: Bool) -> (ApplyClass, ManualReason?) {
        if let neverAutoReason { return (.manual, neverAutoReason) }
        if !certain { return (.manual, .uncertainVersion) }
        if settings.autoApply[module] != true { return (.manual, .autoApplyOff) }
        return (.auto, nil)
    }

    /// A rule blocks when the engine is inline, the behavior prevents and the rule is not detect-only.
    /// Only intrusion-prevention rules act on traffic.
    func blocks(_ rule: Rule) -> Bool { blocks(module: rule.module, detectOnly: rule.detectOnly) }

    /// `blocks(_:)` from the two fields it needs.
    func blocks(module: Module, detectOnly: Bool) -> Bool {
        module == .intrusionPrevention && settings.engineMode == .inline && settings.behavior == .prevent && !detectOnly
    }
}
