/// `rules/<file>.html`: one rule, its flags, and every host that needs, has, should drop or excludes it.
struct RulePage: Sendable {
    var rule: RuleDigest
    var catalog: Catalog
    var run: RunInfo
    var links: PageLinks

    func render() -> String {
        let entry = catalog.rules[rule.id]
        let name = entry?.name ?? rule.name
        let toAssign = rule.rows(.toAssign)
        let assigned = rule.rows(.assigned)
        let toUnassign = rule.rows(.toUnassign)
        let excluded = rule.rows(.excluded)
        let page = HTMLPage(
            title: "Rule \(rule.id)",
            location: .subfolder,
            run: run,
            breadcrumb: [(label: "Fleet", href: "../index.html"), (label: "Rules", href: "../index.html#rules")],
            heading: "Rule \(rule.id) <span class=\"rule-name\">\(name)</span>",
            sections: [
                HTMLBlocks.section(id: "rule", title: "Rule", facts(entry)),
                HTMLBlocks.section(
                    id: "to-assign",
                    title: "Hosts that need it",
                    count: toAssign.count,
                    intro: "Recommended, not assigned yet.",
                    toAssignTable(toAssign)
                ),
                HTMLBlocks.section(
                    id: "assigned",
                    title: "Hosts that have it",
                    count: assigned.count,
                    intro: "Recommended and assigned, with every level that assigns it.",
                    assignedTable(assigned)
                ),
                HTMLBlocks.section(
                    id: "to-unassign",
                    title: "Hosts that should drop it",
                    count: toUnassign.count,
                    intro: "Assigned but no longer recommended. Unassign at every level, policies first.",
                    unassignTable(toUnassign)
                ),
                HTMLBlocks.section(
                    id: "excluded",
                    title: "Hosts that exclude it",
                    count: excluded.count,
                    intro: "Recommended, but hidden by an exclusion.",
                    excludedTable(excluded)
                ),
            ]
        )
        return page.render()
    }

    private func facts(_ entry: Rule?) -> HTMLFragment {
        guard let entry else {
            let notice = HTMLBlocks.alert("This rule is not in catalog version \(run.catalogVersion).")
            return notice
                + HTMLBlocks.facts([
                    (term: "ID", value: "\(rule.id)"), (term: "Name", value: "\(rule.name)"),
                    (term: "Module", value: "\(ReportWords.module(rule.module))"),
                    (term: "Severity", value: HTMLBlocks.badge(rule.severity.rawValue, kind: rule.severity.rawValue)),
                ])
        }
        let cves: HTMLFragment =
            entry.cves.isEmpty ? "none" : HTMLFragment.joined(entry.cves.map { "\($0)" }, separator: ", ")
        let blocking: HTMLFragment =
            entry.detectOnly
            ? "no: detect only, it never blocks whatever the engine mode"
            : "yes: it blocks on hosts whose engine mode is inline and behavior is prevent"
        let autoApply: HTMLFragment =
            entry.neverAutoReason.map {
                "never: \(ReportWords.neverAutoReason($0)) <span class=\"detail\">(\($0.rawValue))</span>"
            } ?? "allowed"
        let exclusion: HTMLFragment = entry.excludedInCatalog ? "excluded from recommendations in the catalog" : "none"
        var items: [(term: String, value: HTMLFragment)] = [
            (term: "ID", value: "\(entry.id)"), (term: "Name", value: "\(entry.name)"),
            (term: "Module", value: "\(ReportWords.module(entry.module))"),
            (term: "Severity", value: HTMLBlocks.badge(entry.severity.rawValue, kind: entry.severity.rawValue)),
            (term: "CVEs", value: cves),
        ]
        if let typeID = entry.applicationTypeID {
            let type = catalog.applicationTypes[typeID]
            let detail = type.map { "\($0.name) (\($0.direction) \($0.transport) \($0.ports))" } ?? typeID
            items.append((term: "Application type", value: "\(detail)"))
        }
        if !entry.dependsOn.isEmpty {
            let rules = entry.dependsOn.map { links.rule($0, toRoot: "../") }
            items.append((term: "Depends on", value: HTMLFragment.joined(rules, separator: ", ")))
        }
        items += [
            (term: "Can block", value: blocking), (term: "Automatic application", value: autoApply),
            (term: "Catalog exclusion", value: exclusion),
        ]
        if entry.custom { items.append((term: "Custom", value: "yes: custom rules are never recommended")) }
        if let description = entry.description, !description.isEmpty {
            items.append((term: "Description", value: "\(description)"))
        }
        return HTMLBlocks.facts(items)
    }

    private func hostCell(_ row: RuleHostRow) -> HTMLFragment {
        HTMLBlocks.link("../hosts/\(row.hostFileName).html", "\(row.hostname)")
    }

    private func levels(_ levels: [Level]) -> HTMLFragment {
        levels.isEmpty
            ? "not assigned"
            : "\(levels.map { ReportWords.level($0, computerName: "the computer") }.joined(separator: ", "))"
    }

    private func toAssignTable(_ rows: [RuleHostRow]) -> HTMLFragment {
        HTMLTable(
            caption: "Hosts the rule is recommended for",
            columns: [
                TableColumn("Host"), TableColumn("Policy"), TableColumn("Apply"), TableColumn("Why manual"),
                TableColumn("Blocks"),
            ],
            rows: rows.map { row in
                let apply = row.apply ?? .manual
                let reason = row.reason.map { "\(ReportWords.manualReason($0)) (\($0.rawValue))" } ?? ""
                return [
                    hostCell(row), "\(row.policyID ?? "none")", HTMLBlocks.badge(apply.rawValue, kind: apply.rawValue),
                    "\(apply == .manual ? reason : "")", "\(ReportWords.yesNo(row.blocks))",
                ]
            }
        )
        .render()
    }

    private func assignedTable(_ rows: [RuleHostRow]) -> HTMLFragment {
        HTMLTable(
            caption: "Hosts the rule is assigned to",
            columns: [TableColumn("Host"), TableColumn("Policy"), TableColumn("Assigned at"), TableColumn("Blocks")],
            rows: rows.map { row in
                [
                    hostCell(row), "\(row.policyID ?? "none")", levels(row.assignedAt),
                    "\(ReportWords.yesNo(row.blocks))",
                ]
            }
        )
        .render()
    }

    private func unassignTable(_ rows: [RuleHostRow]) -> HTMLFragment {
        HTMLTable(
            caption: "Hosts the rule should be unassigned from",
            columns: [TableColumn("Host"), TableColumn("Policy"), TableColumn("Unassign at, in order")],
            rows: rows.map { row in
                let steps = ReportWords.unassignOrder(row.assignedAt).enumerated()
                    .map { index, level in
                        (
                            number: index + 1,
                            content: HTMLFragment(text: ReportWords.level(level, computerName: "the computer"))
                        )
                    }
                return [hostCell(row), "\(row.policyID ?? "none")", HTMLBlocks.orderedList(steps)]
            }
        )
        .render()
    }

    private func excludedTable(_ rows: [RuleHostRow]) -> HTMLFragment {
        HTMLTable(
            caption: "Hosts where an exclusion hides the rule",
            columns: [
                TableColumn("Host"), TableColumn("Excluded at"), TableColumn("Reason"), TableColumn("By"),
                TableColumn("Expires"), TableColumn("Assigned at"),
            ],
            rows: rows.map { row in
                let exclusion = row.excludedBy
                return [
                    hostCell(row),
                    "\(exclusion.map { ReportWords.level($0.level, computerName: "the computer") } ?? "unknown")",
                    "\(exclusion?.reason ?? "")", "\(exclusion?.by ?? "")", "\(exclusion?.expires ?? "no expiry")",
                    levels(row.assignedAt),
                ]
            }
        )
        .render()
    }
}
