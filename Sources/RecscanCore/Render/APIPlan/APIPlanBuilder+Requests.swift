extension APIPlanBuilder {
    enum Change { case delete, exclude }

    /// The requests of one triage plan, in its steps' order; engine restorations go last of all.
    mutating func add(_ plan: TriagePlan) {
        var requests: [APIRequest] = []
        for step in plan.steps {
            let attributes = Dictionary(
                step.attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            let level: Level = attributes["level"] == "policy" ? .policy(attributes["id"] ?? "") : .computer
            switch step.action {
            case "set-engine-mode":
                if let request = engineRequest(level, host: plan.hostname, mode: .tap, why: step.text) {
                    requests.append(request)
                }
            case "unassign":
                append(.delete, rule: plan.ruleID, level: level, host: plan.hostname, to: &requests, why: step.text)
            case "exclude" where !step.optional:
                append(.exclude, rule: plan.ruleID, level: level, host: plan.hostname, to: &requests, why: step.text)
            case "restore-engine-mode":
                let mode = attributes["mode"].flatMap(EngineModeSetting.init(rawValue:)) ?? .inherited
                if let request = engineRequest(level, host: plan.hostname, mode: mode, why: step.text) {
                    restores.append(request)
                }
            default: break
            }
        }
        triage += requests.map { request in
            var request = request
            request.rule = plan.ruleID
            return request
        }
    }

    /// Policy-level unassignments that take the rule from no host that needs it, root policies
    /// first, then by name and rule.
    mutating func policyUnassignments() -> [APIRequest] {
        var requests: [APIRequest] = []
        let candidates = policyRules.filter { !$0.value.kept }.sorted { lhs, rhs in
            let (left, right) = (depth(lhs.key.policy), depth(rhs.key.policy))
            if left != right { return left < right }
            if lhs.key.policy != rhs.key.policy { return lhs.key.policy < rhs.key.policy }
            return RuleID.less(lhs.key.rule, rhs.key.rule)
        }
        for (key, value) in candidates {
            let count = value.hosts.count
            append(
                .delete, rule: key.rule, level: .policy(key.policy), host: nil, to: &requests,
                why: "Rule \(key.rule) is assigned on policy \(key.policy), and none of its inventoried computers "
                    + "needs it (\(count == 1 ? "\(value.hosts[0]) has" : "\(count) have") it to unassign).")
        }
        return requests
    }

    /// Appends the request that unassigns or excludes `rule` on `level`, when the export names both.
    mutating func append(
        _ change: Change, rule: String, level: Level, host: String?, to requests: inout [APIRequest], why: String
    ) {
        guard let ref = manager.rules[rule], let base = levelPath(level, host: host) else {
            unnamed += 1
            return
        }
        switch change {
        case .delete:
            requests.append(
                APIRequest(
                    method: "DELETE", path: "\(base)/\(ref.module.apiPathName)/assignments/\(ref.id)", host: host,
                    rule: rule, why: why))
        case .exclude:
            requests.append(
                APIRequest(
                    method: "POST", path: "\(base)/\(ref.module.apiPathName)/rules/\(ref.id)",
                    body: .recommendationsMode("ignored"), host: host, rule: rule, why: why))
        }
    }

    /// Switches a level's network engine mode; back to inherited is the reset of the setting.
    func engineRequest(_ level: Level, host: String, mode: EngineModeSetting, why: String) -> APIRequest? {
        guard let base = levelPath(level, host: host) else { return nil }
        let setting = "firewallSettingNetworkEngineMode"
        switch mode {
        case .inherited:
            return APIRequest(method: "DELETE", path: "\(base)/settings/\(setting)", host: host, why: why)
        case .inline, .tap:
            let settings = level.kind == .policy ? "policySettings" : "computerSettings"
            return APIRequest(
                method: "POST", path: base,
                body: .engineMode(settings: settings, value: mode == .tap ? "Tap" : "Inline"),
                host: host, why: why)
        }
    }

    /// `/api/policies/{ID}` or `/api/computers/{ID}`; `nil` when the export does not list the level.
    func levelPath(_ level: Level, host: String?) -> String? {
        switch level.kind {
        case .policy:
            return level.id.flatMap { manager.policies[$0] }.map { "/api/policies/\($0)" }
        case .computer:
            guard let host, let key = fleet.computerKey(for: host), let id = manager.computers[key] else { return nil }
            return "/api/computers/\(id)"
        case .catalog:
            return nil
        }
    }

    /// How far below a root the policy is.
    private func depth(_ policy: String) -> Int {
        var depth = 0
        var current = fleet.policies[policy]?.parentID
        while let id = current, depth < fleet.policies.count {
            depth += 1
            current = fleet.policies[id]?.parentID
        }
        return depth
    }
}
