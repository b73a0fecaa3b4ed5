/// The dashboard's reference tables: findings per kind, policies, every rule.
extension DashboardTables {
    func findingsByKind() -> HTMLFragment {
        let kinds = FindingKind.allCases.compactMap { kind in fleet.findingKinds[kind].map { (kind: kind, tally: $0) } }
            .ranked { entry in (Severity.allCases.filter { entry.tally.bySeverity[$0] != nil }.map(\.rank).max() ?? 0) }
        return HTMLTable(
            caption: "Findings by kind, most severe first",
            columns: [
                TableColumn("Kind"), TableColumn("What it means"), TableColumn("Severity"),
                TableColumn("Findings", numeric: true), TableColumn("Hosts", numeric: true),
            ],
            rows: kinds.map { entry in
                let severities = Severity.allCases.reversed()
                    .compactMap { severity -> HTMLFragment? in
                        guard let count = entry.tally.bySeverity[severity] else { return nil }
                        return HTMLBlocks.severity(severity) + " \(count)"
                    }
                return [
                    "\(entry.kind.rawValue)", "\(ReportWords.findingMeaning(entry.kind))",
                    HTMLFragment.joined(severities, separator: " "), "\(entry.tally.total)", "\(entry.tally.hosts)",
                ]
            },
            emptyText: "The audit found nothing.",
            behavior: .sortable
        )
        .render()
    }

    /// One row per policy: where the work is, for fleets managed policy by policy.
    func policies() -> HTMLFragment {
        HTMLTable(
            caption: "Hosts by policy",
            columns: [
                TableColumn("Policy"), TableColumn("Hosts", numeric: true),
                TableColumn("Hosts with decisions", numeric: true), TableColumn("Decisions waiting", numeric: true),
                TableColumn("Automatic", numeric: true), TableColumn("To unassign", numeric: true),
                TableColumn("Blocking manual assignments", numeric: true), TableColumn("High findings", numeric: true),
            ],
            rows: fleet.sortedPolicies.map { entry in
                let tally = entry.tally
                return [
                    entry.id.map { "\($0)" } ?? "<span class=\"detail\">no policy</span>", "\(tally.hosts)",
                    HTMLBlocks.count(tally.hostsWithDecisions), HTMLBlocks.count(tally.counts.manual),
                    HTMLBlocks.count(tally.counts.auto), HTMLBlocks.count(tally.counts.toUnassign),
                    HTMLBlocks.count(tally.blockingManualAssignments), HTMLBlocks.count(tally.urgentFindings),
                ]
            },
            emptyText: "No host was scanned.",
            behavior: .interactive
        )
        .render()
    }

    /// Every rule that appears on a host, with its flags and a host count per outcome: on the
    /// dashboard while there are few.
    func rulesTable() -> HTMLFragment {
        var body = HTMLTableRows(columns: Self.ruleColumns)
        for rule in rules { appendRuleRow(rule, to: &body) }
        return rulesTableFrame(body).render()
    }

    /// ``rulesTable()`` written to `file` a batch of rows at a time: a catalog's worth of rows,
    /// built whole in memory, was the largest thing a run held at its end.
    func writeRulesTable(to file: ReportFile) throws {
        try file.append(rulesTableFrame(HTMLTableRows(columns: Self.ruleColumns)).opening(rowCount: rules.count).bytes)
        guard !rules.isEmpty else { return }
        var body = HTMLTableRows(columns: Self.ruleColumns)
        for rule in rules {
            appendRuleRow(rule, to: &body)
            if body.markup.bytes.count >= ReportFile.batchBytes / 4 { try file.append(body.takeMarkup()) }
        }
        try file.append(body.takeMarkup())
        try file.append(HTMLTable.closing.bytes)
    }

    private static let ruleColumns = [
        TableColumn("Rule"), TableColumn("Module"), TableColumn("Severity"), TableColumn("Can block"),
        TableColumn("Auto-apply"), TableColumn("Decisions waiting", numeric: true),
        TableColumn("Automatic", numeric: true), TableColumn("Assigned", numeric: true),
        TableColumn("To unassign", numeric: true), TableColumn("Excluded", numeric: true),
    ]

    private func rulesTableFrame(_ body: HTMLTableRows) -> HTMLTable {
        HTMLTable(
            caption: "Rules by id, with the number of hosts per outcome", columns: Self.ruleColumns, body: body,
            emptyText: "No rule appears on any host.", className: "rules", behavior: .interactive
        )
    }

    private func appendRuleRow(_ rule: RuleDigest, to body: inout HTMLTableRows) {
        let entry = catalog.rules[rule.id]
        let canBlock: HTMLFragment =
            entry.map { $0.detectOnly ? "no, detect only" : "yes" } ?? "<span class=\"detail\">unknown</span>"
        let auto: HTMLFragment =
            entry.map { rule in
                rule.neverAutoReason.map { "never: \(ReportWords.shortReason($0))" } ?? "allowed"
            } ?? "<span class=\"detail\">unknown</span>"
        let counts = rule.counts
        body.row { row in
            row.cell(ruleLabel(rule))
            row.cell("\(ReportWords.module(rule.module))")
            row.cell(HTMLBlocks.severity(rule.severity))
            row.cell(canBlock)
            row.cell(auto)
            for count in [counts.manual, counts.auto, counts.assigned, counts.toUnassign, counts.excluded] {
                row.cell(writing: { HTMLBlocks.appendCount(count, to: &$0) })
            }
        }
    }
}
