/// Answers "why is rule R (not) recommended for host H?" from the same inputs a scan reads.
///
/// The outcome comes from the scan's own per-host stages (``HostAnalyzer``), so `explain` and
/// the report never disagree; the explanation adds what the scan does not keep: every criterion
/// with every alternative checked, every level's exclusion override, where the settings that
/// decide blocking and automatic application are set.
public struct Explainer: Sendable {
    let analyzer: HostAnalyzer
    let referenceDay: Int64

    /// Creates an explainer over one run's catalog and fleet.
    /// - Parameters:
    ///   - catalog: the rule catalog.
    ///   - fleet: the fleet export.
    ///   - referenceTime: seconds since 1970, for expiry and staleness.
    ///   - maxAgeDays: inventories older than this are stale.
    ///   - uncovered: the advisories no rule names, for the host's coverage-gap findings.
    public init(
        catalog: Catalog, fleet: Fleet, referenceTime: Int64, maxAgeDays: Int,
        uncovered: UncoveredAdvisories = UncoveredAdvisories()
    ) {
        var analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: catalog)), fleet: fleet, referenceTime: referenceTime,
            maxAgeDays: maxAgeDays)
        analyzer.uncovered = uncovered
        self.analyzer = analyzer
        referenceDay = floorDiv(referenceTime, 86_400)
    }

    var catalog: Catalog { analyzer.catalog }

    /// Explains rule `ruleID` on one host.
    /// - Parameters:
    ///   - input: the host's input, as ``ScanInputs`` lists it.
    ///   - ruleID: the rule, e.g. "1000763".
    /// - Returns: the explanation; its `answer` is `unknownRule` when the catalog has no such rule.
    public func explain(_ input: HostInput, ruleID: String) -> RuleExplanation {
        let report = analyzer.analyze(
            HostInput(hostname: input.hostname, inventory: input.inventory, errors: input.errors)
        )
        .report
        let context = HostFleetContext(hostname: input.hostname, fleet: analyzer.fleet)
        let rule = catalog.rules[ruleID]
        let result = report.rules.first { $0.ruleID == ruleID }
        var explanation = RuleExplanation(
            hostname: report.hostname, status: report.status, policyID: report.policyID,
            policyChain: context.chain.map(\.id), ruleID: ruleID, rule: rule,
            answer: .notRecommended, summary: "", criteria: [], neededBy: nil, exclusions: [], result: result,
            assignedAt: context.assignmentLevels(of: ruleID), blocking: nil, autoApplication: nil,
            findings: report.findings.filter { $0.ruleID == ruleID })
        guard let rule else {
            explanation.answer = .unknownRule
            explanation.summary =
                "Rule \(ruleID) is not in the catalog (version \(catalog.version)), so it is never recommended"
                + (explanation.assignedAt.isEmpty
                    ? "." : "; it is assigned on \(Self.phrase(explanation.assignedAt)): remove the assignment.")
            return explanation
        }
        explanation.exclusions = exclusionWalk(rule, context: context)
        if let settings = report.settings {
            explanation.blocking = blocking(rule, settings: settings)
            explanation.autoApplication = autoApplication(
                rule, context: context, settings: settings, result: result,
                evaluated: input.inventory != nil && input.errors.isEmpty)
        }
        guard let inventory = input.inventory, input.errors.isEmpty else {
            explanation.answer = .notEvaluated
            explanation.summary =
                report.status == .error
                ? "\(report.hostname)'s inventory could not be read, so no rule can be matched on it."
                : "\(report.hostname) has no inventory, so no rule can be matched on it."
            return explanation
        }
        explanation.criteria = CriteriaEvaluator(inventory, index: analyzer.matcher.index).evaluate(rule)
        explanation.neededBy = result?.evidence.first { $0.kind == .dependency }?.value("rule")
        (explanation.answer, explanation.summary) = answer(explanation, rule: rule)
        return explanation
    }

    private func answer(_ explanation: RuleExplanation, rule: Rule) -> (RuleExplanation.Answer, String) {
        let host = explanation.hostname
        let assigned =
            explanation.assignedAt.isEmpty ? "" : " It is assigned on \(Self.phrase(explanation.assignedAt))."
        switch explanation.result?.outcome {
        case .excluded?:
            let by = explanation.result?.excludedBy
            return (
                .excluded,
                "Recommended for \(host), but excluded on \(by?.level.phrase ?? "?")\(Self.why(by)).\(assigned)"
                    + (explanation.assignedAt.isEmpty ? "" : " Unassign it there, or lift the exclusion.")
            )
        case .toAssign?:
            let apply =
                explanation.result?.apply == .auto
                ? "automatic application would assign it"
                : "it waits for a person's decision (\(explanation.result?.reason?.rawValue ?? "manual"))"
            return (.recommended, "Recommended for \(host) and not assigned yet: \(apply).\(neededBy(explanation))")
        case .assigned?:
            return (.recommended, "Recommended for \(host) and assigned.\(assigned)\(neededBy(explanation))")
        case .toUnassign?, nil:
            let failing = explanation.criteria.first { !$0.holds }
            let patched = failing?.state == .patched
            var reason = failing.map { ". \($0.text)" } ?? "."
            if patched, let fact = failing?.facts.first(where: { $0.value("verdict") == "patched" }) {
                let bound =
                    fact.value("fixed").map { "at or past the fixed version \($0)" }
                    ?? "past the last affected version \(fact.value("lastAffected") ?? "?")"
                reason =
                    ": it is patched (\(fact.value("ecosystem") ?? "") \(fact.value("name") ?? "") "
                    + "\(fact.value("installed") ?? "") is \(bound))."
            }
            let unassign =
                explanation.assignedAt.isEmpty
                ? "" : " It is assigned on \(Self.phrase(explanation.assignedAt)): unassign it (policies first)."
            return (patched ? .patched : .notRecommended, "Not recommended for \(host)\(reason)\(unassign)")
        }
    }

    private func neededBy(_ explanation: RuleExplanation) -> String {
        guard let rule = explanation.neededBy else { return "" }
        let direct = CriteriaEvaluator.verdict(explanation.criteria).recommended
        return direct
            ? " Rule \(rule) also depends on it."
            : " Its own criteria do not match; it is recommended because rule \(rule) depends on it."
    }

    /// Every override of the rule from the computer up to the root policy, then the catalog flag,
    /// each marked with what it did in the nearest-level-wins walk.
    func exclusionWalk(_ rule: Rule, context: HostFleetContext) -> [ExclusionCheck] {
        var checks: [ExclusionCheck] = []
        var decided = false
        for (level, configuration) in context.levels.reversed() {
            guard let override = configuration.overrides.first(where: { $0.ruleID == rule.id }) else { continue }
            var check = ExclusionCheck(
                level: level, excluded: override.excluded, reason: override.reason, by: override.by,
                expires: override.expires, state: .notReached)
            if !decided {
                if let expires = override.expires, let day = Timestamps.epochDays(date: expires), day < referenceDay {
                    check.state = .expired
                } else {
                    check.state = override.excluded ? .excludes : .enables
                    decided = true
                }
            }
            checks.append(check)
        }
        if rule.excludedInCatalog {
            checks.append(
                ExclusionCheck(
                    level: .catalog, excluded: true, reason: "excluded in the catalog", by: nil, expires: nil,
                    state: decided ? .notReached : .excludes))
        }
        return checks
    }

    private func blocking(_ rule: Rule, settings: EffectiveSettings) -> BlockingExplanation {
        BlockingExplanation(
            blocks: settings.blocks(rule), engineMode: settings.engineMode, engineModeSetAt: settings.engineModeSetAt,
            behavior: settings.behavior, behaviorSetAt: settings.behaviorSetAt, detectOnly: rule.detectOnly,
            actsOnTraffic: rule.module == .intrusionPrevention)
    }

    private func autoApplication(
        _ rule: Rule, context: HostFleetContext, settings: EffectiveSettings, result: RuleResult?, evaluated: Bool
    ) -> AutoApplicationExplanation {
        let on = settings.autoApply[rule.module] == true
        let setAt = context.levels.reversed().first { level in
            level.configuration.autoApply[rule.module].map { $0 != .inherited } ?? false
        }?.level
        let setting =
            "\(on ? "on" : "off") for \(rule.module.rawValue), "
            + (setAt.map { "set on \($0.phrase)" } ?? "the default")
        let wouldAdd = result?.outcome == .toAssign && result?.apply == .auto
        let why: String
        switch (result?.outcome, result?.reason) {
        case (.toAssign?, _) where wouldAdd: why = "the next automatic application would assign the rule"
        case (.toAssign?, let reason?): why = "it would not assign the rule: \(Self.manualWords(reason))"
        case (.assigned?, _): why = "the rule is already assigned"
        case (.excluded?, _): why = "the rule is excluded, so it is not added"
        case _ where !evaluated: why = "without an inventory nothing is recommended, so nothing is added"
        default: why = "the rule is not recommended here, so it is not added"
        }
        return AutoApplicationExplanation(
            moduleAutoApply: on, setAt: setAt, wouldAdd: wouldAdd, text: "\(setting); \(why).")
    }

    static func manualWords(_ reason: ManualReason) -> String {
        switch reason {
        case .autoApplyOff: "automatic application is off for this module"
        case .uncertainVersion: "an installed version could not be compared (uncertain-version)"
        default: "the rule is never applied automatically (\(reason.rawValue))"
        }
    }

    static func why(_ exclusion: ExclusionReference?) -> String {
        guard let exclusion else { return "" }
        let parts = [
            exclusion.reason.map { "\"\($0)\"" }, exclusion.by.map { "by \($0)" },
            exclusion.expires.map { "until \($0)" },
        ].compactMap { $0 }
        return parts.isEmpty || exclusion.level == .catalog ? "" : " (\(parts.joined(separator: ", ")))"
    }

    static func phrase(_ levels: [Level]) -> String { levels.map(\.phrase).joined(separator: ", ") }
}
