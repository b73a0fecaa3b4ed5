/// The steps that need a decision: tap mode (and what to restore), patching first, exclusion.
extension TriagePlanner {
    /// Adds the emergency tap step or notes the tap mode in force; returns the engine modes to
    /// restore at the end, in order.
    func engineSteps(_ situation: TriageSituation, into steps: inout TriageSteps)
        -> [(level: Level, mode: EngineModeSetting, text: String)]
    {
        guard let settings = situation.report.settings else { return [] }
        let host = situation.host
        var restore: [(level: Level, mode: EngineModeSetting, text: String)] = []
        if let wide = situation.policyWide, wide.mode == .inline {
            let own = wide.policy.configuration.engineMode
            let keep =
                wide.ownMode.isEmpty
                ? ""
                : " \(Self.names(wide.ownMode)) "
                    + (wide.ownMode.count == 1
                        ? "sets its own engine mode and keeps it." : "set their own and keep them.")
            let total = facts.computersByPolicy[wide.policy.id]?.count ?? wide.hit.count
            steps.add(
                "set-engine-mode", optional: true,
                [
                    ("level", "policy"), ("id", wide.policy.id), ("mode", "tap"),
                    ("hosts", wide.following.joined(separator: " ")),
                ],
                "Emergency only: rule \(situation.ruleID) blocked traffic on \(wide.hit.count) of the \(total) "
                    + "computers under policy \(wide.policy.id) (\(Self.names(wide.hit))). Switch policy "
                    + "\(wide.policy.id)'s network engine from inline to tap so that nothing blocks on them while you "
                    + "work; this affects \(Self.names(wide.following)).\(keep)")
            restore.append(
                (
                    .policy(wide.policy.id), own,
                    "When no new events arrive, set policy \(wide.policy.id)'s engine mode back to \(own.rawValue)"
                        + (own == .inherited ? " (inline)." : ".")
                ))
        }
        let computerTap = situation.blocked && settings.engineMode == .inline && !situation.hostFollowsPolicyWide
        if computerTap {
            steps.add(
                "set-engine-mode", optional: true, [("level", "computer"), ("mode", "tap")],
                "Emergency only: switch \(host)'s network engine from inline to tap: every rule on it becomes "
                    + "detect-only and nothing blocks while you work.")
        } else if settings.engineMode == .tap {
            let setAt = settings.engineModeSetAt ?? .computer
            let scope = setAt == .computer ? "" : ", for every computer that follows it"
            steps.add(
                "note-engine-mode", [("level", setAt.kind.rawValue), ("id", setAt.id), ("mode", "tap")],
                "\(host)'s engine is already in tap mode (set on \(setAt.phrase)\(scope)): nothing blocks on it now.")
        }
        if computerTap || (settings.engineMode == .tap && settings.engineModeSetAt == .computer) {
            let levels = situation.context.levels
            let inherited = TriageFleetFacts.inheritedEngineMode(above: max(0, levels.count - 1), in: levels)
            let from = inherited.from.map { ", from \($0.phrase)" } ?? ", the default"
            restore.append(
                (
                    .computer, .inherited,
                    "When no new events arrive, set \(host)'s engine mode back to inherited "
                        + "(\(inherited.mode.rawValue)\(from)) so that its rules block again."
                ))
        }
        return restore
    }

    /// "Patch first" with the fixed version when the host runs a vulnerable version of what the
    /// rule protects; otherwise what is known about the host's exposure.
    func vulnerabilitySteps(_ situation: TriageSituation, into steps: inout TriageSteps) {
        let host = situation.host
        guard situation.report.status == .ok || situation.report.status == .stale else {
            steps.add(
                "check-vulnerability", [("vulnerable", "unknown")],
                "\(host) has no readable inventory: check by hand whether it runs software rule "
                    + "\(situation.ruleID) protects before removing the rule.")
            return
        }
        let evidence = situation.result?.evidence ?? []
        let cves = situation.rule.map { $0.cves.isEmpty ? "" : " against \($0.cves.joined(separator: ", "))" } ?? ""
        let vulnerable = evidence.filter { $0.kind == .package }
        for item in vulnerable {
            let package =
                "\(item.value("ecosystem") ?? "") \(item.value("name") ?? "?") \(item.value("version") ?? "?")"
            let update =
                item.value("fixed").map { "Update it to \($0) or later" }
                ?? item.value("lastAffected").map { "Update it past \($0)" }
                ?? "No fixed version is known: keep the rule, or tune it rather than remove it"
            steps.add(
                "patch",
                [
                    ("package", item.value("name")), ("version", item.value("version")), ("range", item.value("range")),
                    ("fixed", item.value("fixed")), ("lastAffected", item.value("lastAffected")),
                ],
                "Patch first: \(host) runs \(package), inside the affected range \(item.value("range") ?? "?"). "
                    + "\(update) before removing the rule: until then the rule is what protects \(host)\(cves).")
        }
        guard vulnerable.isEmpty else { return }
        if let uncertain = evidence.first(where: { $0.kind == .uncertain }) {
            steps.add(
                "check-vulnerability", [("vulnerable", "unknown"), ("package", uncertain.value("name"))],
                "\(host) runs \(uncertain.value("name") ?? "?") \(uncertain.value("version") ?? "?"), whose version "
                    + "cannot be compared (\(uncertain.value("reason") ?? "uncertain")); check by hand whether it is "
                    + "inside \(uncertain.value("range") ?? "the affected range") before removing the rule.")
        } else if let patched = evidence.first(where: { $0.kind == .patched }) {
            steps.add(
                "check-vulnerability", [("vulnerable", "false"), ("package", patched.value("name"))],
                "\(host) runs \(patched.value("name") ?? "?") \(patched.value("version") ?? "?"), past the affected "
                    + "range \(patched.value("range") ?? "?"): patched, nothing to patch first.")
        } else if let rule = situation.rule, !rule.applies.software.isEmpty {
            steps.add(
                "check-vulnerability", [("vulnerable", "false")],
                "\(host) runs none of the package versions rule \(situation.ruleID) protects: nothing to patch first.")
        } else {
            let type = situation.rule?.applicationTypeID.flatMap { catalog.applicationTypes[$0]?.name }
            steps.add(
                "check-vulnerability", [("vulnerable", "false")],
                "Rule \(situation.ruleID) lists no vulnerable package"
                    + (type.map { " (it inspects \($0) traffic)" } ?? "")
                    + ": there is nothing to patch on \(host) before removing it.")
        }
    }

    /// Whether an exclusion is needed so that automatic application does not put the rule back,
    /// and at which level: the policy when the false positive is policy-wide, else the computer.
    func exclusionStep(_ situation: TriageSituation, into steps: inout TriageSteps) {
        guard let rule = situation.rule, let settings = situation.report.settings else { return }
        let host = situation.host
        let id = situation.ruleID
        let level: Level = situation.policyWide.map { .policy($0.policy.id) } ?? .computer
        let place = level == .computer ? host : level.phrase
        let autoOn = settings.autoApply[rule.module] == true
        let result = situation.result
        let notNeeded: String?
        if result?.outcome == .excluded, let by = result?.excludedBy {
            notNeeded = "Rule \(id) is already excluded from recommendations on \(by.level.phrase): nothing to add."
        } else if let reason = rule.neverAutoReason {
            notNeeded =
                "Optional: rule \(id) is never applied automatically (\(reason.rawValue)), so it will not come back by "
                + "itself; exclude it on \(place) only to record the decision."
        } else if result == nil || result?.outcome == .toUnassign {
            notNeeded =
                "Rule \(id) is not recommended for \(host), so automatic application will not put it back: no "
                + "exclusion is needed."
        } else if result?.evidence.contains(where: { $0.kind == .uncertain }) == true {
            notNeeded =
                "Optional: the match is uncertain, so automatic application never assigns rule \(id) here; "
                + "exclude it on \(place) only to record the decision."
        } else if !autoOn {
            notNeeded =
                "Optional: automatic application of \(rule.module.rawValue) recommendations is off on \(host); "
                + "exclude rule \(id) on \(place) if it may be switched on later."
        } else {
            notNeeded = nil
        }
        let attributes: [(name: String, value: String?)] = [
            ("level", level.kind.rawValue), ("id", level.id), ("needed", notNeeded == nil ? "true" : "false"),
        ]
        guard let notNeeded else {
            let setAt =
                situation.context.levels.reversed().first { level in
                    level.configuration.autoApply[rule.module].map { $0 != .inherited } ?? false
                }?.level.phrase ?? "?"
            let scope =
                situation.policyWide.map {
                    " (it blocked on \($0.hit.count) of its computers; one exclusion covers them)"
                }
                ?? ""
            steps.add(
                "exclude", attributes,
                "Set \"exclude from recommendations\" for rule \(id) on \(place)\(scope), with a reason and an expiry "
                    + "date: automatic application of \(rule.module.rawValue) recommendations is on (set on \(setAt)) "
                    + "and would assign it again at the next scan.")
            return
        }
        steps.add("exclude", optional: true, attributes, notNeeded)
    }
}
