/// The dashboard's tables: per rule for each kind of work, per finding kind, per policy, and
/// every rule. Each is bounded by the catalog or the policy tree, never by the number of hosts;
/// host names appear as a few links per row, the rule page lists them all.
struct DashboardTables: Sendable {
    var hosts: [HostDigest]
    var rules: [RuleDigest]
    var fleet: FleetDigest
    var catalog: Catalog
    var links: PageLinks

    func ruleLabel(_ rule: RuleDigest) -> HTMLFragment {
        let name = catalog.rules[rule.id]?.name ?? rule.name
        return HTMLBlocks.link("rules/\(rule.fileName).html", "<span class=\"rule-id\">\(rule.id)</span> \(name)")
    }

    /// The first hosts of a group as links (``RuleTally/sampleSize`` at most), then how many
    /// more the rule page lists.
    func hostLinks(_ firstHosts: [Int], total: Int) -> HTMLFragment {
        let shown = firstHosts.prefix(RuleTally.sampleSize).map { host in
            HTMLBlocks.link("hosts/\(hosts[host].fileName).html", "\(hosts[host].hostname)")
        }
        let rest = total - shown.count
        let more: HTMLFragment =
            rest > 0 ? " <span class=\"detail\">and \(ReportWords.number(rest)) more</span>" : .empty
        return HTMLFragment.joined(shown, separator: ", ") + more
    }

    /// One row per rule and reason, most hosts first.
    typealias DecisionGroup = (rule: RuleDigest, reason: ManualReason?, hosts: RuleTally.Sample)

    /// Decisions by rule and reason, the most urgent first: by severity, then how many hosts
    /// it would block traffic on, then how many hosts wait; ties in rule order.
    static func decisionGroups(_ rules: [RuleDigest]) -> [DecisionGroup] {
        var groups: [DecisionGroup] = []
        for rule in rules {
            for reason in ReportWords.reasonOrder.map(Optional.some) + [nil] {
                if let sample = rule.tally.decisions[reason], sample.count > 0 { groups.append((rule, reason, sample)) }
            }
        }
        return groups.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.rule.severity.rank, lhs.element.hosts.blocking, lhs.element.hosts.count)
            let right = (rhs.element.rule.severity.rank, rhs.element.hosts.blocking, rhs.element.hosts.count)
            return left != right ? left > right : lhs.offset < rhs.offset
        }.map(\.element)
    }

    func decisionsByRule() -> HTMLFragment {
        let groups = Self.decisionGroups(rules)
        return HTMLTable(
            caption: "Decisions waiting, by rule and reason, the most severe first",
            columns: [
                TableColumn("Rule"), TableColumn("Severity"), TableColumn("Why it waits"),
                TableColumn("Hosts", numeric: true), TableColumn("Would block on", numeric: true),
                TableColumn("Which hosts"),
            ],
            rows: groups.map { group in
                let why: HTMLFragment =
                    group.reason.map { "\(ReportWords.manualReason($0))" } ?? "no reason recorded"
                return [
                    ruleLabel(group.rule), HTMLBlocks.severity(group.rule.severity), why, "\(group.hosts.count)",
                    HTMLBlocks.count(group.hosts.blocking), hostLinks(group.hosts.firstHosts, total: group.hosts.count),
                ]
            },
            emptyText: "No decision is waiting.",
            behavior: .interactive
        )
        .render()
    }

    /// The ten hosts with the most decisions waiting.
    func topHosts() -> HTMLFragment {
        let top = DashboardCharts.topHosts(hosts, limit: 10)
        return HTMLTable(
            caption: "Hosts with the most decisions waiting",
            columns: [
                TableColumn("Host"), TableColumn("Policy"), TableColumn("Decisions", numeric: true),
                TableColumn("Why they wait"),
            ],
            rows: top.map { host in
                [
                    HTMLBlocks.link("hosts/\(host.fileName).html", "\(host.hostname)"), "\(host.policyID ?? "none")",
                    "\(host.counts.manual)", "\(HostListing.reasons(host))",
                ]
            },
            emptyText: "No host has a decision waiting.",
            behavior: .sortable
        )
        .render()
    }

    func automaticByRule() -> HTMLFragment {
        let auto = rules.filter { $0.counts.auto > 0 }.ranked { $0.counts.auto }
        return HTMLTable(
            caption: "Rules automatic application will assign, by rule",
            columns: [
                TableColumn("Rule"), TableColumn("Module"), TableColumn("Severity"),
                TableColumn("Hosts", numeric: true), TableColumn("Will block on", numeric: true),
                TableColumn("Which hosts"),
            ],
            rows: auto.map { rule in
                let hosts = rule.tally.automatic
                return [
                    ruleLabel(rule), "\(ReportWords.module(rule.module))", HTMLBlocks.severity(rule.severity),
                    "\(hosts.count)", HTMLBlocks.count(hosts.blocking), hostLinks(hosts.firstHosts, total: hosts.count),
                ]
            },
            emptyText: "Automatic application has nothing to assign.",
            behavior: .interactive
        )
        .render()
    }

    func unassignByRule() -> HTMLFragment {
        let drop = rules.filter { $0.counts.toUnassign > 0 }.ranked { $0.counts.toUnassign }
        return HTMLTable(
            caption: "Rules to unassign, by rule, with the levels that assign them",
            columns: [
                TableColumn("Rule"), TableColumn("Severity"), TableColumn("Hosts", numeric: true),
                TableColumn("Assigned at"), TableColumn("Which hosts"),
            ],
            rows: drop.map { rule in
                let hosts = rule.tally.unassign
                return [
                    ruleLabel(rule), HTMLBlocks.severity(rule.severity), "\(hosts.count)", levels(rule.tally),
                    hostLinks(hosts.firstHosts, total: hosts.count),
                ]
            },
            emptyText: "No assigned rule needs unassigning.",
            behavior: .sortable
        )
        .render()
    }

    /// "policy base (3 hosts), the computer (1 host)": the levels to change, root policies first.
    private func levels(_ tally: RuleTally) -> HTMLFragment {
        let order = tally.unassignLevels
        let counts = tally.unassignLevelHosts
        let policies = order.filter { $0.kind != .computer } + order.filter { $0.kind == .computer }
        let parts = policies.map { level in
            "\(ReportWords.level(level, computerName: "the computer")) (\(ReportWords.plural(counts[level] ?? 0, "host")))"
        }
        return "\(parts.joined(separator: ", "))"
    }

    /// Manual assignments (rules never applied automatically, yet assigned) over all rules.
    var manualAssignmentCount: Int { rules.reduce(0) { $0 + $1.tally.byHand.count } }

    func manualAssignmentsByRule() -> HTMLFragment {
        let byHand = rules.compactMap { rule -> (rule: RuleDigest, count: Int, blocking: Int)? in
            let hosts = rule.tally.byHand
            return hosts.count == 0 ? nil : (rule, hosts.count, hosts.blocking)
        }
        .ranked { $0.blocking * 1_000_000 + $0.count }
        return HTMLTable(
            caption: "Rules assigned by hand, those that block traffic first",
            columns: [
                TableColumn("Rule"), TableColumn("Severity"), TableColumn("Why never automatic"),
                TableColumn("Hosts", numeric: true), TableColumn("Blocks on", numeric: true),
                TableColumn("Which hosts"),
            ],
            rows: byHand.map { entry in
                let reason = catalog.rules[entry.rule.id]?.neverAutoReason.map(ReportWords.neverAutoReason) ?? ""
                return [
                    ruleLabel(entry.rule), HTMLBlocks.severity(entry.rule.severity), "\(reason)",
                    "\(entry.count)",
                    entry.blocking > 0 ? HTMLBlocks.badge("\(entry.blocking)", kind: "blocks") : HTMLBlocks.count(0),
                    hostLinks(entry.rule.tally.byHandHostsBlockingFirst, total: entry.count),
                ]
            },
            emptyText: "No rule was assigned by hand.",
            behavior: .sortable
        )
        .render()
    }
}
