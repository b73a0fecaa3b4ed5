/// Turns a host's recommendations and assignments into one outcome per rule.
struct OutcomeDecider {
    let context: HostFleetContext
    let settings: EffectiveSettings

    /// Outcomes for every rule that is recommended or assigned, sorted by rule id, with each
    /// result's rule ordinal. Assigned rules missing from the catalog get no outcome (the audit
    /// reports them).
    /// - Parameter patchedEvidence: what shows that the host is patched against a rule it does
    ///   not get; asked only for rules to unassign.
    func outcomes(
        _ recommendations: Recommendations, index: CatalogIndex, patchedEvidence: (RuleOrdinal) -> [Evidence]
    ) -> (results: [RuleResult], ordinals: [RuleOrdinal]) {
        let entries = recommendations.entries
        let assigned = assignmentLevels(index).sorted { $0.key < $1.key }
        // Looked up once per host, not once per rule.
        let autoApplyModules = Module.allCases.filter { settings.autoApply[$0] == true }
        var results: [RuleResult] = []
        var ordinals: [RuleOrdinal] = []
        results.reserveCapacity(entries.count + assigned.count)
        ordinals.reserveCapacity(entries.count + assigned.count)
        // Both lists are in rule order: one merge walk, no lookups.
        var nextEntry = 0
        var nextAssigned = 0
        while nextEntry < entries.count || nextAssigned < assigned.count {
            // The smaller of the next recommended and the next assigned rule.
            let ordinal: RuleOrdinal
            if nextEntry < entries.count,
                nextAssigned == assigned.count || entries[nextEntry].ordinal <= assigned[nextAssigned].key
            {
                ordinal = entries[nextEntry].ordinal
            } else {
                ordinal = assigned[nextAssigned].key
            }
            var assignedAt: [Level] = []
            if nextAssigned < assigned.count, assigned[nextAssigned].key == ordinal {
                assignedAt = assigned[nextAssigned].value
                nextAssigned += 1
            }
            // The rule's settings and identity, not the rule itself: each rule object read here
            // was a cache miss or two, for 160 or so rules per host.
            let traits = index.traits(of: ordinal)
            let identity = index.identity(of: ordinal)
            if nextEntry < entries.count, entries[nextEntry].ordinal == ordinal {
                let entry = nextEntry
                nextEntry += 1
                var apply: ApplyClass?
                var reason: ManualReason?
                // Tested in place: copying an exclusion reference copies each of its strings.
                let excluded = entries[entry].exclusion.excludedBy != nil
                if !excluded, assignedAt.isEmpty {
                    (apply, reason) = applyClass(
                        neverAutoReason: traits.neverAutoReason, certain: entries[entry].match.certain,
                        autoApplyOn: autoApplyModules.contains(traits.module))
                }
                results.append(
                    result(
                        identity, traits,
                        outcome: excluded ? .excluded : assignedAt.isEmpty ? .toAssign : .assigned,
                        apply: apply, reason: reason, evidence: entries[entry].match.evidence,
                        assignedAt: assignedAt,
                        excludedBy: excluded ? entries[entry].exclusion.excludedBy : nil))
            } else {
                // Custom rules are never recommended, and never proposed for unassignment either:
                // an assigned custom rule simply stays assigned.
                results.append(
                    traits.custom
                        ? result(identity, traits, outcome: .assigned, evidence: [], assignedAt: assignedAt)
                        : result(
                            identity, traits, outcome: .toUnassign, evidence: patchedEvidence(ordinal),
                            assignedAt: assignedAt))
            }
            ordinals.append(ordinal)
        }
        return (results, ordinals)
    }

    private func result(
        _ identity: RuleIdentity, _ traits: RuleTraits, outcome: Outcome, apply: ApplyClass? = nil,
        reason: ManualReason? = nil, evidence: [Evidence], assignedAt: [Level], excludedBy: ExclusionReference? = nil
    ) -> RuleResult {
        RuleResult(
            ruleID: identity.id, module: traits.module, name: identity.name, severity: traits.severity,
            outcome: outcome, apply: apply, reason: reason,
            blocks: settings.blocks(module: traits.module, detectOnly: traits.detectOnly), evidence: evidence,
            assignedAt: assignedAt, excludedBy: excludedBy)
    }

    /// The levels where each catalog rule is assigned, root policy first, as
    /// `HostFleetContext.assignmentLevels(of:)` lists them, for all rules in one pass.
    private func assignmentLevels(_ index: CatalogIndex) -> [RuleOrdinal: [Level]] {
        var levels: [RuleOrdinal: [Level]] = [:]
        for (level, configuration) in context.levels {
            for id in configuration.assignedRules {
                guard let ordinal = index.ordinal(ofRule: id) else { continue }
                // A level that lists a rule twice is still one level.
                if levels[ordinal]?.last != level { levels[ordinal, default: []].append(level) }
            }
        }
        return levels
    }

    /// Auto when the module's autoApply is on, the rule allows it and the match is certain;
    /// otherwise manual with the most intrinsic reason.
    func applyClass(neverAutoReason: ManualReason?, certain: Bool, autoApplyOn: Bool) -> (ApplyClass, ManualReason?) {
        if let neverAutoReason { return (.manual, neverAutoReason) }
        if !certain { return (.manual, .uncertainVersion) }
        if !autoApplyOn { return (.manual, .autoApplyOff) }
        return (.auto, nil)
    }
}
