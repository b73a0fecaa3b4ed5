/// Turns false-positive events into the operator's remediation plan, step by step
/// (the SPEC's "operator's story"), for one computer and one rule:
///
/// 1. `review-events`: how many hits, when, and whether they blocked traffic;
/// 2. `set-engine-mode` (optional, emergency only) to tap for the computer, or for its policy
///    when the rule blocked on many of the policy's computers; or `note-engine-mode` when the
///    engine is already in tap mode;
/// 3. `patch` when the host runs a vulnerable version of what the rule protects (with the
///    fixed version), else `check-vulnerability`;
/// 4. `unassign` on every level, policies first (root down), then the computer, each with the
///    other computers the change also touches; `find-assignment` when no level assigns it;
/// 5. `exclude`, needed only when automatic application would put the rule back, at the
///    computer or at the policy;
/// 6. `watch` for new events; 7. `restore-engine-mode`; 8. `review-assignment` of a rule that
///    was assigned by hand.
struct TriagePlanner: Sendable {
    let catalog: Catalog
    let facts: TriageFleetFacts

    init(catalog: Catalog, fleet: Fleet, events: [SecurityEvent] = []) {
        self.catalog = catalog
        facts = TriageFleetFacts(fleet: fleet, events: events)
    }

    /// One plan per rule of the host's events, sorted by rule.
    func plans(for report: HostReport, context: HostFleetContext, events: [SecurityEvent]) -> [TriagePlan] {
        let byRule = Dictionary(grouping: events, by: \.ruleID)
        return byRule.keys.sorted(by: RuleID.less).compactMap { ruleID in
            guard let ruleEvents = byRule[ruleID] else { return nil }
            let situation = TriageSituation(
                ruleID: ruleID, events: ruleEvents, report: report, context: context, catalog: catalog, facts: facts)
            return plan(situation)
        }
    }

    private func plan(_ situation: TriageSituation) -> TriagePlan {
        var steps = TriageSteps()
        reviewEvents(situation, into: &steps)
        let restore = engineSteps(situation, into: &steps)
        vulnerabilitySteps(situation, into: &steps)
        unassignSteps(situation, into: &steps)
        exclusionStep(situation, into: &steps)
        watchStep(situation, into: &steps)
        for (level, mode, text) in restore {
            steps.add(
                "restore-engine-mode", [("level", level.kind.rawValue), ("id", level.id), ("mode", mode.rawValue)], text
            )
        }
        reviewStep(situation, into: &steps)
        return TriagePlan(
            hostname: situation.host, ruleID: situation.ruleID, events: situation.hits, blocked: situation.blocked,
            steps: steps.steps)
    }

    private func reviewEvents(_ situation: TriageSituation, into steps: inout TriageSteps) {
        let times = situation.events.map(\.time).sorted()
        let actions = Set(situation.events.map(\.action)).sorted().joined(separator: ", ")
        let settings = situation.report.settings
        var outcome: String
        if situation.blocked {
            outcome = "the traffic was blocked (packets dropped, sessions reset)."
        } else {
            outcome = "only logged, nothing was blocked"
            if let settings, settings.behavior == .detect {
                outcome += " (behavior detect, set on \(settings.behaviorSetAt?.phrase ?? "?"))"
            }
            outcome += "; tap mode is not needed."
        }
        steps.add(
            "review-events",
            [
                ("count", String(situation.hits)), ("first", times.first), ("last", times.last),
                ("blocked", situation.blocked ? "true" : "false"),
            ],
            "\(Self.count(situation.hits, "hit")) of rule \(situation.ruleName) on \(situation.host) in "
                + "\(Self.count(situation.events.count, "event")) from \(times.first ?? "?") to \(times.last ?? "?"), "
                + "action \(actions): \(outcome)")
    }

    private func unassignSteps(_ situation: TriageSituation, into steps: inout TriageSteps) {
        let levels = situation.levels
        if levels.isEmpty {
            steps.add(
                "find-assignment", [("rule", situation.ruleID)],
                "Rule \(situation.ruleID) is not assigned on \(situation.host) or its policies in the fleet export, "
                    + "yet it fired: the export may be older than the events. Find where it is assigned in the console."
            )
            return
        }
        let order = levels.count > 1 ? " (\(levels.count) levels: every one, policies first)" : ""
        for (index, level) in levels.enumerated() {
            let first = index == 0 ? order : ""
            guard level.kind == .policy, let id = level.id else {
                steps.add(
                    "unassign", [("level", "computer")],
                    "Unassign rule \(situation.ruleID) from the computer \(situation.host) itself\(first).")
                continue
            }
            let others = facts.otherComputers(under: id, than: situation.host)
            let keeping = others.filter { facts.keepsRule(situation.ruleID, hostname: $0, without: levels) }
            let losing = others.filter { !keeping.contains($0) }
            var touches = losing.isEmpty ? "no other computer." : "\(Self.names(losing))."
            if !keeping.isEmpty {
                touches += " \(Self.names(keeping)) keep\(keeping.count == 1 ? "s" : "") it, assigned on another level."
            }
            steps.add(
                "unassign",
                [
                    ("level", "policy"), ("id", id), ("alsoAffects", String(others.count)),
                    ("hosts", others.isEmpty ? nil : others.joined(separator: " ")),
                ],
                "Unassign rule \(situation.ruleID) from policy \(id)\(first); this also removes it from \(touches)")
        }
    }

    private func watchStep(_ situation: TriageSituation, into steps: inout TriageSteps) {
        let hosts = situation.policyWide?.hit ?? [situation.host]
        steps.add(
            "watch", [("rule", situation.ruleID), ("hosts", hosts.joined(separator: " "))],
            "Watch \(Self.names(hosts)) for new events of rule \(situation.ruleID): none should arrive once it is "
                + "unassigned everywhere; if some still do, it is still assigned somewhere.")
    }

    private func reviewStep(_ situation: TriageSituation, into steps: inout TriageSteps) {
        guard let reason = situation.rule?.neverAutoReason, !situation.levels.isEmpty else { return }
        steps.add(
            "review-assignment", [("rule", situation.ruleID)],
            "Rule \(situation.ruleID) is never applied automatically (\(reason.rawValue)), so someone assigned it "
                + "by hand on \(Self.list(situation.levels.map(\.phrase))): ask who and why "
                + "(the manual-assignment finding tracks it).")
    }

    /// "1 hit", "8 hits".
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// Up to ten names, then "and N more".
    static func names(_ hosts: [String]) -> String {
        let shown = hosts.prefix(10).joined(separator: ", ")
        return hosts.count > 10 ? "\(shown) and \(hosts.count - 10) more" : shown
    }
}

/// The steps of one plan, numbered as they are added.
struct TriageSteps {
    private(set) var steps: [TriageStep] = []

    mutating func add(
        _ action: String, optional: Bool = false, _ attributes: [(name: String, value: String?)] = [], _ text: String
    ) {
        steps.append(
            TriageStep(
                order: steps.count + 1, action: action, optional: optional,
                attributes: attributes.compactMap { name, value in value.map { (name, $0) } }, text: text))
    }
}
