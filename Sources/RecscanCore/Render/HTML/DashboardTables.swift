/// The dashboard's tables: per rule for each kind of work, per finding kind, per policy, and
/// every rule. Each is bounded by the catalog or the policy tree, never by the number of hosts;
/// host names appear as a few links per row, the rule page lists them all.
struct DashboardTables: Sendable {
    var hosts: [HostDigest]
    var rules: [RuleDigest]
    var fleet: FleetDigest
    var catalog: Catalog
    var links: PageLinks

    /// Host links shown per table row before "and N more".
    private static let hostsPerRow = 6

    func ruleLabel(_ rule: RuleDigest) -> HTMLFragment {
        let name = catalog.rules[rule.id]?.name ?? rule.name
        return HTMLBlocks.link("rules/\(rule.fileName).html", "<span class=\"rule-id\">\(rule.id)</span> \(name)")
    }

    /// Up to ``hostsPerRow`` host links, then how many more the rule page lists.
    func hostLinks(_ rows: [RuleHostRow]) -> HTMLFragment {
        let shown = rows.prefix(Self.hostsPerRow).map { row in
            HTMLBlocks.link("hosts/\(hosts[row.host].fileName).html", "\(hosts[row.host].hostname)")
        }
        let rest = rows.count - shown.count
        let more: HTMLFragment =
            rest > 0 ? " <span class=\"detail\">and \(ReportWords.number(rest)) more</span>" : .empty
        return HTMLFragment.joined(shown, separator: ", ") + more
    }

    /// One row per rule and reason, most hosts first.
    func decisionsByRule() -> HTMLFragment {
        var groups: [(rule: RuleDigest, reason: ManualReason?, rows: [RuleHostRow])] = []
        for rule in rules {
            let manual = rule.rows.filter(\.isManual)
            for reason in ReportWords.reasonOrder.map(Optional.some) + [nil] {
                let rows = manual.filter { $0.reason == reason }
                if !rows.isEmpty { groups.append((rule, reason, rows)) }
            }
        }
        groups = groups.ranked { $0.rows.count }
        return HTMLTable(
            caption: "Decisions waiting, by rule and reason",
            columns: [
                TableColumn("Rule"), TableColumn("Severity"), TableColumn("Why it waits"),
                TableColumn("Hosts", numeric: true), TableColumn("Would block on", numeric: true),
                TableColumn("Which hosts"),
            ],
            rows: groups.map { group in
                let why: HTMLFragment =
                    group.reason.map { "\(ReportWords.manualReason($0))" } ?? "no reason recorded"
                return [
                    ruleLabel(group.rule), HTMLBlocks.severity(group.rule.severity), why, "\(group.rows.count)",
                    HTMLBlocks.count(group.rows.filter(\.blocks).count), hostLinks(group.rows),
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
                let rows = rule.rows.filter { $0.outcome == .toAssign && $0.apply == .auto }
                return [
                    ruleLabel(rule), "\(ReportWords.module(rule.module))", HTMLBlocks.severity(rule.severity),
                    "\(rows.count)", HTMLBlocks.count(rows.filter(\.blocks).count), hostLinks(rows),
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
                let rows = rule.rows(.toUnassign)
                return [
                    ruleLabel(rule), HTMLBlocks.severity(rule.severity), "\(rows.count)", levels(rows),
                    hostLinks(rows),
                ]
            },
            emptyText: "No assigned rule needs unassigning.",
            behavior: .sortable
        )
        .render()
    }

    /// "policy base (3 hosts), the computer (1 host)": the levels to change, root policies first.
    private func levels(_ rows: [RuleHostRow]) -> HTMLFragment {
        var order: [Level] = []
        var counts: [Level: Int] = [:]
        for row in rows {
            for level in ReportWords.unassignOrder(row.assignedAt) {
                if counts[level] == nil { order.append(level) }
                counts[level, default: 0] += 1
            }
        }
        let policies = order.filter { $0.kind != .computer } + order.filter { $0.kind == .computer }
        let parts = policies.map { level in
            "\(ReportWords.level(level, computerName: "the computer")) (\(ReportWords.plural(counts[level] ?? 0, "host")))"
        }
        return "\(parts.joined(separator: ", "))"
    }

    /// Manual assignments (rules never applied automatically, yet assigned) over all rules.
    var manualAssignmentCount: Int { rules.reduce(0) { $0 + $1.rows.filter(\.assignedByHand).count } }

    func manualAssignmentsByRule() -> HTMLFragment {
        let byHand = rules.compactMap { rule -> (rule: RuleDigest, rows: [RuleHostRow], blocking: Int)? in
            let rows = rule.rows.filter(\.assignedByHand)
            return rows.isEmpty ? nil : (rule, rows, rows.filter(\.blocks).count)
        }
        .ranked { $0.blocking * 1_000_000 + $0.rows.count }
        return HTMLTable(
            caption: "Rules assigned by hand, those that block traffic first",
            columns: [
                TableColumn("Rule"), TableColumn("Severity"), TableColumn("Why never automatic"),
                TableColumn("Hosts", numeric: true), TableColumn("Blocks on", numeric: true),
                TableColumn("Which hosts"),
            ],
            rows: byHand.map { entry in
                let reason = catalog.rules[entry.rule.id]?.neverAutoReason.map(ReportWords.neverAutoReason) ?? ""
                let blocking = entry.rows.filter(\.blocks) + entry.rows.filter { !$0.blocks }
                return [
                    ruleLabel(entry.rule), HTMLBlocks.severity(entry.rule.severity), "\(reason)",
                    "\(entry.rows.count)",
                    entry.blocking > 0 ? HTMLBlocks.badge("\(entry.blocking)", kind: "blocks") : HTMLBlocks.count(0),
                    hostLinks(blocking),
                ]
            },
            emptyText: "No rule was assigned by hand.",
            behavior: .sortable
        )
        .render()
    }
}
