/// `hosts/<file>.html`: one host, in the order an operator works through it.
///
/// Status and settings first, then the decisions waiting for a person, what automatic
/// application will do, what to unassign (and where), what is assigned, what is excluded,
/// and the audit findings.
struct HostPage: Sendable {
    var host: HostReport
    var catalog: Catalog
    var run: RunInfo
    /// Rule pages exist for every rule on this host.
    private let links: PageLinks

    init(host: HostReport, catalog: Catalog, run: RunInfo) {
        self.host = host
        self.catalog = catalog
        self.run = run
        var links = PageLinks()
        for rule in host.rules { links.ruleFiles[rule.ruleID] = SafeFileName.forRule(rule.ruleID) }
        self.links = links
    }

    func render() -> String {
        let decisions = results(.toAssign, apply: .manual)
        let automatic = results(.toAssign, apply: .auto)
        let unassign = results(.toUnassign)
        let assigned = results(.assigned)
        let excluded = results(.excluded)
        let contents: [(id: String, title: String, count: Int)] = [
            ("decisions", "Decisions needed", decisions.count), ("automatic", "Automatic application", automatic.count),
            ("unassign", "To unassign", unassign.count), ("assigned", "Assigned", assigned.count),
            ("excluded", "Excluded", excluded.count), ("findings", "Findings", host.findings.count),
        ]
        let tableOfContents = HTMLBlocks.list(
            contents.map { entry -> HTMLFragment in
                "<a href=\"#\(entry.id)\">\(entry.title)</a> <span class=\"count\">(\(entry.count))</span>"
            }
        )
        let page = HTMLPage(
            title: host.hostname,
            location: .subfolder,
            run: run,
            breadcrumb: [(label: "Fleet", href: "../index.html")],
            heading:
                "Host \(host.hostname) \(HTMLBlocks.badge(ReportWords.status(host.status), kind: host.status.rawValue))",
            subtitle: "<nav class=\"toc\" aria-label=\"On this page\">\(tableOfContents)</nav>\n",
            sections: [
                statusSection(), ChangesSection.host(host.changes, links: links) ?? .empty, settingsSection(),
                HTMLBlocks.section(
                    id: "decisions",
                    title: "Decisions needed",
                    count: decisions.count,
                    intro: "Recommended rules that a person must decide on before they are assigned.",
                    decisionsTable(decisions)
                ),
                HTMLBlocks.section(
                    id: "automatic",
                    title: "Automatic application",
                    count: automatic.count,
                    intro: "Recommended rules that the next automatic application will assign.",
                    simpleTable("Rules that will be assigned automatically", automatic)
                ),
                HTMLBlocks.section(
                    id: "unassign",
                    title: "To unassign",
                    count: unassign.count,
                    intro: "Assigned rules this host no longer needs. Unassign at every level, in the order shown: "
                        + "policies first, then the computer.",
                    unassignTable(unassign)
                ),
                HTMLBlocks.section(
                    id: "assigned",
                    title: "Assigned",
                    count: assigned.count,
                    intro: "Recommended rules that are assigned, with every level that assigns them.",
                    assignedTable(assigned)
                ),
                HTMLBlocks.section(
                    id: "excluded",
                    title: "Excluded",
                    count: excluded.count,
                    intro: "Recommended rules that an exclusion hides from recommendations.",
                    excludedTable(excluded)
                ),
                HTMLBlocks.section(
                    id: "findings",
                    title: "Findings",
                    count: host.findings.count,
                    intro: "What the audit of assignments, settings and exclusions found, highest severity first.",
                    findingsTable()
                ),
            ]
        )
        return page.render()
    }

    private func results(_ outcome: Outcome, apply: ApplyClass? = nil) -> [RuleResult] {
        host.rules.filter { rule in
            guard rule.outcome == outcome else { return false }
            guard let apply else { return true }
            // A to-assign rule without an apply class is treated as needing a decision.
            return (rule.apply ?? .manual) == apply
        }
    }

    // MARK: Status and settings

    private func statusSection() -> HTMLFragment {
        let notice = ReportWords.statusNotice(host.status).map(HTMLBlocks.alert) ?? .empty
        let sources: HTMLFragment =
            host.inventorySources.isEmpty
            ? "none" : HTMLBlocks.list(host.inventorySources.map { "\($0)" }, className: "plain")
        let facts = HTMLBlocks.facts([
            (term: "Status", value: HTMLBlocks.badge(ReportWords.status(host.status), kind: host.status.rawValue)),
            (term: "Policy", value: "\(host.policyID ?? "none")"),
            (term: "Operating system", value: "\(ReportWords.operatingSystem(host.os))"),
            (term: "Inventory collected", value: "\(host.collected ?? "unknown")"),
            (term: "Inventory sources", value: sources),
        ])
        return HTMLBlocks.section(id: "status", title: "Status", notice + facts)
    }

    private func settingsSection() -> HTMLFragment {
        guard let settings = host.settings else {
            return HTMLBlocks.section(
                id: "settings",
                title: "Effective settings",
                "<p class=\"none\">No effective settings were resolved for this host.</p>\n"
            )
        }
        var notices: HTMLFragment = .empty
        if settings.engineMode == .tap {
            notices =
                notices
                + HTMLBlocks.alert(
                    "The network engine is in tap mode (\(ReportWords.setAt(settings.engineModeSetAt))): "
                        + "blocking is off for every rule on this host."
                )
        }
        if settings.behavior == .detect {
            notices =
                notices
                + HTMLBlocks.alert(
                    "Intrusion prevention behavior is detect (\(ReportWords.setAt(settings.behaviorSetAt))): "
                        + "rules log but do not block."
                )
        }
        var facts: [(term: String, value: HTMLFragment)] = [
            (
                term: "Engine mode",
                value:
                    "\(settings.engineMode.rawValue) <span class=\"detail\">(\(ReportWords.setAt(settings.engineModeSetAt)))</span>"
            ),
            (
                term: "Behavior",
                value:
                    "\(settings.behavior.rawValue) <span class=\"detail\">(\(ReportWords.setAt(settings.behaviorSetAt)))</span>"
            ),
        ]
        for module in Module.allCases {
            let value = settings.autoApply[module].map(ReportWords.yesNo) ?? "no (default)"
            facts.append((term: "Auto-apply, \(ReportWords.module(module).lowercased())", value: "\(value)"))
        }
        return HTMLBlocks.section(id: "settings", title: "Effective settings", notices + HTMLBlocks.facts(facts))
    }

    // MARK: Rule tables

    private func ruleCell(_ rule: RuleResult) -> HTMLFragment {
        let name = rule.name.isEmpty ? (catalog.rules[rule.ruleID]?.name ?? "") : rule.name
        let label: HTMLFragment = "<span class=\"rule-id\">\(rule.ruleID)</span> \(name)"
        return links.rule(rule.ruleID, toRoot: "../", label: label)
    }

    private func commonCells(_ rule: RuleResult) -> [HTMLFragment] {
        [
            ruleCell(rule), "\(ReportWords.module(rule.module))",
            HTMLBlocks.badge(rule.severity.rawValue, kind: rule.severity.rawValue),
        ]
    }

    private func evidenceCell(_ rule: RuleResult) -> HTMLFragment {
        let links = self.links
        let catalog = self.catalog
        return EvidenceText.render(
            rule.evidence,
            ruleLink: { links.rule($0, toRoot: "../") },
            applicationTypeName: { catalog.applicationTypes[$0]?.name }
        )
    }

    private func blocksCell(_ rule: RuleResult) -> HTMLFragment {
        rule.blocks ? HTMLBlocks.badge("blocks", kind: "blocks") : "no"
    }

    private static let common = [TableColumn("Rule"), TableColumn("Module"), TableColumn("Severity")]

    private func decisionsTable(_ rules: [RuleResult]) -> HTMLFragment {
        HTMLTable(
            caption: "Recommended rules waiting for a decision",
            columns: Self.common + [TableColumn("Blocks"), TableColumn("Why it waits"), TableColumn("Evidence")],
            rows: rules.map { rule in
                let reason: HTMLFragment =
                    rule.reason.map { "\(ReportWords.manualReason($0)) <span class=\"detail\">(\($0.rawValue))</span>" }
                    ?? "no reason recorded"
                return commonCells(rule) + [blocksCell(rule), reason, evidenceCell(rule)]
            },
            emptyText: "No decision is waiting."
        )
        .render()
    }

    private func simpleTable(_ caption: String, _ rules: [RuleResult]) -> HTMLFragment {
        HTMLTable(
            caption: caption,
            columns: Self.common + [TableColumn("Blocks"), TableColumn("Evidence")],
            rows: rules.map { commonCells($0) + [blocksCell($0), evidenceCell($0)] }
        )
        .render()
    }

    private func unassignTable(_ rules: [RuleResult]) -> HTMLFragment {
        HTMLTable(
            caption: "Assigned rules to unassign, with the levels in order",
            columns: Self.common + [TableColumn("Unassign at, in order"), TableColumn("Evidence")],
            rows: rules.map { rule in
                let steps = ReportWords.unassignOrder(rule.assignedAt).enumerated()
                    .map { index, level in (number: index + 1, content: HTMLFragment(text: ReportWords.level(level))) }
                return commonCells(rule) + [HTMLBlocks.orderedList(steps), evidenceCell(rule)]
            }
        )
        .render()
    }

    private func levelsText(_ levels: [Level]) -> HTMLFragment {
        levels.isEmpty ? "not assigned" : "\(levels.map { ReportWords.level($0) }.joined(separator: ", "))"
    }

    private func assignedTable(_ rules: [RuleResult]) -> HTMLFragment {
        HTMLTable(
            caption: "Recommended rules that are assigned",
            columns: Self.common + [TableColumn("Blocks"), TableColumn("Assigned at"), TableColumn("Evidence")],
            rows: rules.map { commonCells($0) + [blocksCell($0), levelsText($0.assignedAt), evidenceCell($0)] }
        )
        .render()
    }

    private func excludedTable(_ rules: [RuleResult]) -> HTMLFragment {
        HTMLTable(
            caption: "Recommended rules hidden by an exclusion",
            columns: Self.common + [
                TableColumn("Excluded at"), TableColumn("Reason"), TableColumn("By"), TableColumn("Expires"),
                TableColumn("Assigned at"), TableColumn("Evidence"),
            ],
            rows: rules.map { rule in
                let exclusion = rule.excludedBy
                return commonCells(rule) + [
                    "\(exclusion.map { ReportWords.level($0.level) } ?? "unknown")", "\(exclusion?.reason ?? "")",
                    "\(exclusion?.by ?? "")", "\(exclusion?.expires ?? "no expiry")", levelsText(rule.assignedAt),
                    evidenceCell(rule),
                ]
            }
        )
        .render()
    }

    private func findingsTable() -> HTMLFragment {
        let links = self.links
        return HTMLTable(
            caption: "Audit findings, highest severity first",
            columns: [
                TableColumn("Severity"), TableColumn("Kind"), TableColumn("Rule"), TableColumn("Level"),
                TableColumn("Message"),
            ],
            rows: host.findings.map { finding in
                [
                    HTMLBlocks.badge(finding.severity.rawValue, kind: finding.severity.rawValue),
                    "\(finding.kind.rawValue)", finding.ruleID.map { links.rule($0, toRoot: "../") } ?? .empty,
                    "\(finding.level.map { ReportWords.level($0) } ?? "")", "\(finding.message)",
                ]
            },
            emptyText: "No findings."
        )
        .render()
    }
}
