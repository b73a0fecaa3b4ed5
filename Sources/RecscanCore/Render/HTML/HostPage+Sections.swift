/// The work sections of a host page, each a table whose rows carry the rule's evidence.
extension HostPage {
    func decisionsSection(_ rules: [RuleResult]) -> HTMLFragment {
        let table = HTMLTable(
            caption: "Recommended rules waiting for a decision",
            columns: Self.common + [TableColumn("Why it waits"), TableColumn("Would block"), TableColumn("Evidence")],
            rows: rules.map { rule in
                let reason: HTMLFragment =
                    rule.reason.map { "\(ReportWords.manualReason($0)) <span class=\"detail\">(\($0.rawValue))</span>" }
                    ?? "no reason recorded"
                return commonCells(rule) + [reason, blocksCell(rule), evidenceCell(rule)]
            },
            emptyText: "No decision is waiting.",
            behavior: .sortable
        )
        return HTMLBlocks.section(
            id: "decisions",
            title: "Decisions needed",
            count: rules.count,
            intro: "Recommended rules that are not applied automatically: decide whether to assign each, "
                + "for the reason given.",
            table.render()
        )
    }

    func automaticSection(_ rules: [RuleResult]) -> HTMLFragment {
        let table = HTMLTable(
            caption: "Rules the next automatic application assigns",
            columns: Self.common + [TableColumn("Will block"), TableColumn("Evidence")],
            rows: rules.map { commonCells($0) + [blocksCell($0), evidenceCell($0)] },
            emptyText: "Automatic application assigns nothing on this host.",
            behavior: .sortable
        )
        return HTMLBlocks.section(
            id: "automatic",
            title: "What automatic application will do",
            count: rules.count,
            intro: "These rules are assigned without asking at the next automatic application: the host applies "
                + "recommendations automatically for their module and each rule allows it.",
            table.render()
        )
    }

    func unassignSection(_ rules: [RuleResult]) -> HTMLFragment {
        let table = HTMLTable(
            caption: "Assigned rules to unassign, with the levels in order",
            columns: Self.common + [TableColumn("Unassign at, in order"), TableColumn("Evidence")],
            rows: rules.map { rule in
                let steps = ReportWords.unassignOrder(rule.assignedAt).enumerated()
                    .map { index, level in (number: index + 1, content: HTMLFragment(text: ReportWords.level(level))) }
                return commonCells(rule) + [HTMLBlocks.orderedList(steps), evidenceCell(rule)]
            },
            emptyText: "No assigned rule needs unassigning."
        )
        return HTMLBlocks.section(
            id: "unassign",
            title: "Rules to unassign",
            count: rules.count,
            intro: "Assigned rules this host no longer needs. Unassign at every level, in the order shown: "
                + "policies first, then the computer.",
            table.render()
        )
    }

    func exclusionsSection(_ rules: [RuleResult]) -> HTMLFragment {
        let table = HTMLTable(
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
            },
            emptyText: "No exclusion hides a rule this host would get."
        )
        let related: Set<FindingKind> = [.expiredExclusion, .unusedExclusion, .assignedButExcluded]
        let notes = host.findings.filter { related.contains($0.kind) }
            .map { finding -> HTMLFragment in
                HTMLBlocks.severity(finding.severity) + " \(finding.kind.rawValue): \(finding.message)"
            }
        let findings: HTMLFragment =
            notes.isEmpty ? .empty : "<h3>Exclusion findings</h3>\n" + HTMLBlocks.list(notes, className: "plain")
        return HTMLBlocks.section(
            id: "exclusions",
            title: "Exclusions in force",
            count: rules.count,
            intro: "Rules this host would get that an \"exclude from recommendations\" flag hides, and where the flag "
                + "is set. The nearest level wins: the computer, then its policies from the leaf up, then the catalog.",
            table.render() + findings
        )
    }

    func findingsSection() -> HTMLFragment {
        let links = self.links
        let table = HTMLTable(
            caption: "Audit findings, highest severity first",
            columns: [
                TableColumn("Severity"), TableColumn("Kind"), TableColumn("Rule"), TableColumn("Level"),
                TableColumn("Message"),
            ],
            rows: host.findings.map { finding in
                [
                    HTMLBlocks.severity(finding.severity),
                    "\(finding.kind.rawValue)<br><span class=\"detail\">\(ReportWords.findingMeaning(finding.kind))</span>",
                    finding.ruleID.map { links.rule($0, toRoot: "../") } ?? .empty,
                    "\(finding.level.map { ReportWords.level($0) } ?? "")", "\(finding.message)",
                ]
            },
            emptyText: "No findings."
        )
        return HTMLBlocks.section(
            id: "findings",
            title: "Audit findings",
            count: host.findings.count,
            intro: "What the audit of assignments, settings, exclusions and the inventory found.",
            table.render()
        )
    }

    func triageSection() -> HTMLFragment {
        HTMLBlocks.section(
            id: "triage",
            title: "False-positive triage",
            count: triage.count,
            intro: "A remediation plan per rule that fired on this host; follow the steps in order.",
            FleetTables.triage(triage, links: links, toRoot: "../", showHost: false)
        )
    }

    func assignedSection(_ rules: [RuleResult]) -> HTMLFragment {
        let byHand = Set(host.findings.filter { $0.kind == .manualAssignment }.compactMap(\.ruleID))
        let table = HTMLTable(
            caption: "Recommended rules that are assigned",
            columns: Self.common + [TableColumn("Blocks"), TableColumn("Assigned at"), TableColumn("Evidence")],
            rows: rules.map { rule in
                let hand: HTMLFragment =
                    byHand.contains(rule.ruleID) ? " " + HTMLBlocks.badge("by hand", kind: "manual") : .empty
                return commonCells(rule) + [blocksCell(rule), levelsText(rule.assignedAt) + hand, evidenceCell(rule)]
            },
            emptyText: "No recommended rule is assigned yet.",
            behavior: .sortable
        )
        return HTMLBlocks.section(
            id: "assigned",
            title: "Assigned and needed",
            count: rules.count,
            intro: "Recommended rules already in place, with every level that assigns them.",
            table.render()
        )
    }

    // MARK: Cells

    private static let common = [TableColumn("Rule"), TableColumn("Module"), TableColumn("Severity")]

    private func commonCells(_ rule: RuleResult) -> [HTMLFragment] {
        let name = rule.name.isEmpty ? (catalog.rules[rule.ruleID]?.name ?? "") : rule.name
        let label: HTMLFragment = "<span class=\"rule-id\">\(rule.ruleID)</span> \(name)"
        return [
            links.rule(rule.ruleID, toRoot: "../", label: label), "\(ReportWords.module(rule.module))",
            HTMLBlocks.severity(rule.severity),
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

    private func levelsText(_ levels: [Level]) -> HTMLFragment {
        levels.isEmpty ? "not assigned" : "\(levels.map { ReportWords.level($0) }.joined(separator: ", "))"
    }
}
