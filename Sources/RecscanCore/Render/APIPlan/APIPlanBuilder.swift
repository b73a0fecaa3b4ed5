/// Turns a run's decisions into the Deep Security API requests that carry them out, in the order
/// an operator would: for each false positive of triage, tap mode first, then the rule unassigned
/// on every level (root policy first, the computer last) and excluded where automatic application
/// would put it back; then the report's other unassignments (on a policy only when no inventoried
/// host under it keeps needing the rule); then the manual rules the operator approved; and last,
/// the engine modes restored. A request the run cannot name (a rule or level the manager's export
/// does not list) is left out and counted.
struct APIPlanBuilder {
    let fleet: Fleet
    let manager: ManagerDirectory
    /// Rule identifiers the operator approved for assignment where they wait for a decision.
    let approvals: Set<String>

    var triage: [APIRequest] = []
    var restores: [APIRequest] = []
    private var computerUnassignments: [APIRequest] = []
    private var approved: [APIRequest] = []
    /// Per policy and rule: hosts that have it to unassign, and whether any host keeps it.
    var policyRules: [PolicyRule: (hosts: [String], kept: Bool)] = [:]
    /// Requests the run could not name, for the plan's notes.
    var unnamed = 0

    struct PolicyRule: Hashable {
        var policy: String
        var rule: String
    }

    init(fleet: Fleet, manager: ManagerDirectory, approvals: Set<String>) {
        self.fleet = fleet
        self.manager = manager
        self.approvals = approvals
    }

    /// Takes one host's decisions, in host order.
    mutating func add(_ host: HostAnalysis) {
        let name = host.report.hostname
        for plan in host.triage { add(plan) }
        var approvedRules: [Module: [Int]] = [:]
        for rule in host.report.rules {
            switch rule.outcome {
            case .toUnassign:
                for level in rule.assignedAt {
                    if let policy = level.id, level.kind == .policy {
                        policyRules[PolicyRule(policy: policy, rule: rule.ruleID), default: ([], false)].hosts.append(
                            name)
                    } else if level.kind == .computer {
                        var requests: [APIRequest] = []
                        append(
                            .delete, rule: rule.ruleID, level: .computer, host: name, to: &requests,
                            why:
                                "Rule \(rule.ruleID) (\(rule.name)) is assigned on \(name) itself, which does not need it."
                        )
                        computerUnassignments += requests
                    }
                }
            case .assigned, .excluded:
                for level in rule.assignedAt where level.kind == .policy {
                    if let policy = level.id {
                        policyRules[PolicyRule(policy: policy, rule: rule.ruleID), default: ([], false)].kept = true
                    }
                }
            case .toAssign where rule.apply == .manual && approvals.contains(rule.ruleID):
                guard let ref = manager.rules[rule.ruleID] else {
                    unnamed += 1
                    continue
                }
                approvedRules[ref.module, default: []].append(ref.id)
            default: break
            }
        }
        for module in approvedRules.keys.sorted() {
            guard let ids = approvedRules[module], let base = levelPath(.computer, host: name) else {
                unnamed += 1
                continue
            }
            let rules = host.report.rules.filter { approvals.contains($0.ruleID) && $0.module == module }.map(\.ruleID)
            approved.append(
                APIRequest(
                    method: "POST", path: "\(base)/\(module.apiPathName)/assignments", body: .ruleIDs(ids), host: name,
                    rule: rules.count == 1 ? rules.first : nil,
                    why: "Approved: \(rules.joined(separator: ", ")) recommended for \(name), waiting for a person's "
                        + "decision (assigned on the computer itself)."))
        }
    }

    /// Every request, in the order they are to be sent; call once, after the last host.
    mutating func requests() -> [APIRequest] {
        var seen: Set<String> = []
        var ordered: [APIRequest] = []
        let policies = policyUnassignments()
        for request in triage + policies + computerUnassignments + approved + restores {
            // A level's change serves every host under it: it is sent once, where it first comes.
            guard seen.insert("\(request.method) \(request.path)").inserted else { continue }
            ordered.append(request)
        }
        return ordered
    }
}
