/// Turns false-positive events into the operator's remediation plan, step by step
/// (the SPEC's "operator's story"), for one computer and one rule.
struct TriagePlanner {
    let catalog: Catalog
    let fleet: Fleet
    let computersByPolicy: [String: [String]]

    init(catalog: Catalog, fleet: Fleet) {
        self.catalog = catalog
        self.fleet = fleet
        computersByPolicy = Self.computersUnderEachPolicy(fleet)
    }

    /// One plan per rule of the host's events, sorted by rule.
    func plans(for report: HostReport, context: HostFleetContext, events: [SecurityEvent]) -> [TriagePlan] {
        let byRule = Dictionary(grouping: events, by: \.ruleID)
        return byRule.keys.sorted(by: RuleID.less).compactMap { ruleID in
            guard let ruleEvents = byRule[ruleID] else { return nil }
            return plan(ruleID: ruleID, events: ruleEvents, report: report, context: context)
        }
    }

    private func plan(ruleID: String, events: [SecurityEvent], report: HostReport, context: HostFleetContext)
        -> TriagePlan
    {
        let rule = catalog.rules[ruleID]
        let result = report.rules.first { $0.ruleID == ruleID }
        let blocked = events.contains(where: \.blocked)
        let times = events.map(\.time).sorted()
        let host = report.hostname
        let ruleName = rule.map { "\(ruleID) (\($0.name))" } ?? ruleID
        var steps: [TriageStep] = []
        func add(
            _ action: String, optional: Bool = false, _ attributes: [(name: String, value: String)] = [], _ text: String
        ) {
            steps.append(
                TriageStep(
                    order: steps.count + 1, action: action, optional: optional, attributes: attributes, text: text))
        }
        let actions = Set(events.map(\.action)).sorted().joined(separator: ", ")
        let hits = events.reduce(0) { $0 + $1.count }
        add(
            "review-events", [("count", String(hits)), ("first", times.first ?? ""), ("last", times.last ?? "")],
            "\(hits) event(s) of rule \(ruleName) on \(host) from \(times.first ?? "?") to \(times.last ?? "?"), action \(actions): "
                + (blocked ? "traffic was blocked." : "detect-only, nothing was blocked."))
        let engine = report.settings?.engineMode ?? .inline
        if blocked && engine == .inline {
            add(
                "set-engine-mode", optional: true, [("level", "computer"), ("mode", "tap")],
                "Emergency only: switch \(host)'s network engine from inline to tap so that no rule blocks while you work."
            )
        } else if engine == .tap {
            add(
                "note-engine-mode", [("mode", "tap")],
                "\(host)'s engine is already in tap mode (set on \(report.settings?.engineModeSetAt?.phrase ?? "?")): nothing blocks now."
            )
        }
        let vulnerable = result?.evidence.filter { $0.kind == .package } ?? []
        if vulnerable.isEmpty {
            add(
                "check-vulnerability", [("vulnerable", "false")],
                "\(host) does not run a vulnerable package version this rule protects: it can be removed without patching first."
            )
        } else {
            for evidence in vulnerable {
                let package = "\(evidence.value("name") ?? "?") \(evidence.value("version") ?? "?")"
                add(
                    "patch",
                    [
                        ("package", evidence.value("name") ?? ""), ("version", evidence.value("version") ?? ""),
                        ("range", evidence.value("range") ?? ""),
                    ],
                    "Patch first: \(host) runs \(package), affected range \(evidence.value("range") ?? "?"). Update it before removing the rule."
                )
            }
        }
        let levels = result?.assignedAt ?? context.assignmentLevels(of: ruleID)
        if levels.isEmpty {
            add(
                "find-assignment", [],
                "Rule \(ruleID) is not assigned on \(host)'s computer or policies in the fleet export; check the export is current."
            )
        }
        for level in levels {
            if level.kind == .policy, let id = level.id {
                let others = (computersByPolicy[id] ?? []).filter { $0.lowercased() != host.lowercased() }
                let affects =
                    others.isEmpty
                    ? "no other computer" : "also \(others.count) other computer(s): \(others.joined(separator: ", "))"
                add(
                    "unassign", [("level", "policy"), ("id", id), ("alsoAffects", String(others.count))],
                    "Unassign rule \(ruleID) from policy \(id); this affects \(affects).")
            } else {
                add("unassign", [("level", "computer")], "Unassign rule \(ruleID) from the computer \(host) itself.")
            }
        }
        let autoOn = rule.map { report.settings?.autoApply[$0.module] == true } ?? false
        let neverAuto = rule?.neverAutoReason != nil
        add(
            "exclude", optional: neverAuto || !autoOn, [("level", "computer")],
            neverAuto
                ? "Optional: rule \(ruleID) is never applied automatically, so it will not come back by itself; exclude it on \(host) only to document the decision."
                : (autoOn
                    ? "Set \"exclude from recommendations\" for rule \(ruleID) on \(host): automatic application is on and would assign it again."
                    : "Optional: automatic application is off for this module on \(host); exclude rule \(ruleID) there if it may be switched on later.")
        )
        add(
            "watch", [("rule", ruleID)],
            "Watch \(host) for new events of rule \(ruleID); none should arrive once it is unassigned.")
        if blocked && engine == .inline || engine == .tap {
            add(
                "restore-engine-mode", [("mode", "inherited")],
                "When no new events arrive, set \(host)'s engine mode back to inherited (inline).")
        }
        if neverAuto && !levels.isEmpty {
            add(
                "review-assignment", [("rule", ruleID)],
                "Rule \(ruleID) can never be applied automatically, so someone assigned it by hand on \(levels.map(\.phrase).joined(separator: ", ")): ask who and why."
            )
        }
        return TriagePlan(hostname: host, ruleID: ruleID, events: hits, blocked: blocked, steps: steps)
    }

    /// Hostnames under each policy, directly or through child policies, sorted.
    static func computersUnderEachPolicy(_ fleet: Fleet) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for computer in fleet.computers.values {
            let context = HostFleetContext(hostname: computer.hostname, fleet: fleet)
            for policy in context.chain { result[policy.id, default: []].append(computer.hostname) }
        }
        return result.mapValues { $0.sorted { $0.lowercased() < $1.lowercased() } }
    }
}
