/// The dashboard's tables: per rule for each kind of work, per finding kind, per policy, and
/// every rule. Each is bounded by the catalog or the policy tree, never by the number of hosts;
/// host names appear as a few links per row, the rule page lists them all. The rows per rule that
/// name hosts were made with the rule pages and wait in ``DashboardRuleRows``.
struct DashboardTables: Sendable {
    var hosts: [HostDigest]
    var rules: [RuleDigest]
    var ruleRows: DashboardRuleRows
    var fleet: FleetDigest
    var catalog: Catalog
    var links: PageLinks

    func ruleLabel(_ rule: RuleDigest) -> HTMLFragment { Self.ruleLabel(rule, catalog: catalog) }

    static func ruleLabel(_ rule: RuleDigest, catalog: Catalog) -> HTMLFragment {
        let name = catalog.rules[rule.id]?.name ?? rule.name
        return HTMLBlocks.link("rules/\(rule.fileName).html", "<span class=\"rule-id\">\(rule.id)</span> \(name)")
    }

    /// Decisions by rule and reason, the most urgent first: by severity, then how many hosts
    /// it would block traffic on, then how many hosts wait; ties in rule order.
    static func rankedDecisions(_ ruleRows: DashboardRuleRows, rules: [RuleDigest]) -> [DashboardRuleRows.Decision] {
        let keys = ruleRows.decisions.map { (Int(rules[Int($0.entry.rule)].severity.rank), $0.blocking, $0.hosts) }
        return keys.indices.sorted { lhs, rhs in
            keys[lhs] != keys[rhs] ? keys[lhs] > keys[rhs] : lhs < rhs
        }.map { ruleRows.decisions[$0] }
    }

    func writeDecisionsByRule(to file: ReportFile) throws {
        try write(
            Self.rankedDecisions(ruleRows, rules: rules).map(\.entry),
            as: "Decisions waiting, by rule and reason, the most severe first",
            columns: DashboardRuleRows.decisionColumns, emptyText: "No decision is waiting.", behavior: .interactive,
            to: file)
    }

    /// Writes a table of rows made with the rule pages, those of `entries` in that order, to `file`.
    private func write(
        _ entries: [DashboardRuleRows.Entry], as caption: String, columns: [TableColumn], emptyText: String,
        behavior: HTMLTable.Behavior, to file: ReportFile
    ) throws {
        let table = HTMLTable(
            caption: caption, columns: columns, body: HTMLTableRows(columns: columns), emptyText: emptyText,
            behavior: behavior)
        try file.append(table.opening(rowCount: entries.count).bytes)
        guard !entries.isEmpty else { return }
        try ruleRows.write(entries, to: file)
        try file.append(HTMLTable.closing.bytes)
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
                    HTMLBlocks.hostLink(fileName: host.fileName, hostname: host.hostname, toRoot: ""),
                    "\(host.policyID ?? "none")",
                    "\(host.counts.manual)", "\(HostListing.reasons(host))",
                ]
            },
            emptyText: "No host has a decision waiting.",
            behavior: .sortable
        )
        .render()
    }

    func writeAutomaticByRule(to file: ReportFile) throws {
        try write(
            ruleRows.automatic.ranked { rules[Int($0.rule)].counts.auto },
            as: "Rules automatic application will assign, by rule", columns: DashboardRuleRows.automaticColumns,
            emptyText: "Automatic application has nothing to assign.", behavior: .interactive, to: file)
    }

    func writeUnassignByRule(to file: ReportFile) throws {
        try write(
            ruleRows.unassign.ranked { rules[Int($0.rule)].counts.toUnassign },
            as: "Rules to unassign, by rule, with the levels that assign them",
            columns: DashboardRuleRows.unassignColumns, emptyText: "No assigned rule needs unassigning.",
            behavior: .sortable, to: file)
    }

    /// Manual assignments (rules never applied automatically, yet assigned) over all rules.
    var manualAssignmentCount: Int { ruleRows.byHand.reduce(0) { $0 + Int($1.hosts) } }

    func writeManualAssignmentsByRule(to file: ReportFile) throws {
        try write(
            ruleRows.byHand.ranked { Int($0.blocking) * 1_000_000 + Int($0.hosts) }.map(\.entry),
            as: "Rules assigned by hand, those that block traffic first", columns: DashboardRuleRows.byHandColumns,
            emptyText: "No rule was assigned by hand.", behavior: .sortable, to: file)
    }
}
