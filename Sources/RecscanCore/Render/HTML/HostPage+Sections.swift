/// The work sections of a host page, each a table whose rows carry the rule's evidence.
extension HostPage {
    func decisionsSection(_ rules: [Int], memo: inout HostPageMemo) -> HTMLFragment {
        let table = ruleTable(
            caption: "Recommended rules waiting for a decision",
            columns: Self.decisionColumns,
            rules: rules,
            emptyText: "No decision is waiting.",
            behavior: .sortable,
            memo: &memo
        ) { rule, row in row.cells(Self.decisionCells(rule), count: 2) }
        return HTMLBlocks.section(
            id: "decisions",
            title: "Decisions needed",
            count: rules.count,
            intro: "Recommended rules that are not applied automatically: decide whether to assign each, "
                + "for the reason given.",
            table
        )
    }

    func automaticSection(_ rules: [Int], memo: inout HostPageMemo) -> HTMLFragment {
        let table = ruleTable(
            caption: "Rules the next automatic application assigns",
            columns: [TableColumn("Will block")],
            rules: rules,
            emptyText: "Automatic application assigns nothing on this host.",
            behavior: .sortable,
            memo: &memo
        ) { rule, row in row.cells(rule.blocks ? Self.willBlockCells.yes : Self.willBlockCells.no, count: 1) }
        return HTMLBlocks.section(
            id: "automatic",
            title: "What automatic application will do",
            count: rules.count,
            intro: "These rules are assigned without asking at the next automatic application: the host applies "
                + "recommendations automatically for their module and each rule allows it.",
            table
        )
    }

    func unassignSection(_ rules: [Int], memo: inout HostPageMemo) -> HTMLFragment {
        let table = ruleTable(
            caption: "Assigned rules to unassign, with the levels in order",
            columns: [TableColumn("Unassign at, in order")],
            rules: rules,
            emptyText: "No assigned rule needs unassigning.",
            memo: &memo
        ) { rule, row in
            let steps = ReportWords.unassignOrder(rule.assignedAt).enumerated()
                .map { index, level in (number: index + 1, content: HTMLFragment(text: ReportWords.level(level))) }
            row.cell(HTMLBlocks.orderedList(steps))
        }
        return HTMLBlocks.section(
            id: "unassign",
            title: "Rules to unassign",
            count: rules.count,
            intro: "Assigned rules this host no longer needs. Unassign at every level, in the order shown: "
                + "policies first, then the computer.",
            table
        )
    }

    func exclusionsSection(_ rules: [Int], memo: inout HostPageMemo) -> HTMLFragment {
        let table = ruleTable(
            caption: "Recommended rules hidden by an exclusion",
            columns: [
                TableColumn("Excluded at"), TableColumn("Reason"), TableColumn("By"), TableColumn("Expires"),
                TableColumn("Assigned at"),
            ],
            rules: rules,
            emptyText: "No exclusion hides a rule this host would get.",
            memo: &memo
        ) { rule, row in
            let exclusion = rule.excludedBy
            for cell: HTMLFragment in [
                "\(exclusion.map { ReportWords.level($0.level) } ?? "unknown")", "\(exclusion?.reason ?? "")",
                "\(exclusion?.by ?? "")", "\(exclusion?.expires ?? "no expiry")", levelsText(rule.assignedAt),
            ] {
                row.cell(cell)
            }
        }
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
            table + findings
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

    func assignedSection(_ rules: [Int], memo: inout HostPageMemo) -> HTMLFragment {
        let byHand = Set(host.findings.filter { $0.kind == .manualAssignment }.compactMap(\.ruleID))
        let table = ruleTable(
            caption: "Recommended rules that are assigned",
            columns: [TableColumn("Blocks"), TableColumn("Assigned at")],
            rules: rules,
            emptyText: "No recommended rule is assigned yet.",
            behavior: .sortable,
            memo: &memo
        ) { rule, row in
            let hand: HTMLFragment =
                byHand.contains(rule.ruleID) ? " " + HTMLBlocks.badge("by hand", kind: "manual") : .empty
            row.cell(rule.blocks ? Self.blocksBadge : Self.blocksNot)
            row.cell(levelsText(rule.assignedAt) + hand)
        }
        return HTMLBlocks.section(
            id: "assigned",
            title: "Assigned and needed",
            count: rules.count,
            intro: "Recommended rules already in place, with every level that assigns them.",
            table
        )
    }

    // MARK: Cells

    fileprivate static let common = [TableColumn("Rule"), TableColumn("Module"), TableColumn("Severity")]

    /// A table with a row per rule (by position in `host.rules`): its link, module and severity,
    /// the cells `cells` adds, and its evidence last.
    private func ruleTable(
        caption: String,
        columns: [TableColumn],
        rules: [Int],
        emptyText: String,
        behavior: HTMLTable.Behavior = [],
        memo: inout HostPageMemo,
        cells: (RuleResultInPlace, inout HTMLTableRows) -> Void
    ) -> HTMLFragment {
        let columns = Self.common + columns + [TableColumn("Evidence")]
        var body = HTMLTableRows(columns: columns)
        // What the cells need of the page, taken out once: closures that read the page itself
        // copied it on every row.
        let words = RowWords(links: links, rules: catalog.rules, applicationTypes: catalog.applicationTypes)
        // Each result read in place: a copy per row would retain its strings and lists.
        RuleResultInPlace.forEach(of: host.rules, at: rules) { position, rule in
            let ordinal = ordinals?[position]
            body.row { row in
                row.cells(words.identityCells(rule, ordinal: ordinal, memo: &memo), count: Self.common.count)
                cells(rule, &row)
                row.cell(words.evidenceCell(rule, memo: &memo))
            }
        }
        return HTMLTable(caption: caption, columns: columns, body: body, emptyText: emptyText, behavior: behavior)
            .render()
    }

    /// What a rule's row reads of its page: the links, and the catalog's rules and application types.
    private struct RowWords {
        let links: PageLinks
        let rules: [String: Rule]
        let applicationTypes: [String: ApplicationType]

        /// The markup of a rule's first cells: its link, module and severity, which a memo entry
        /// per rule holds whole (it is keyed by all three).
        func identityCells(_ rule: RuleResultInPlace, ordinal: Int?, memo: inout HostPageMemo) -> HTMLFragment {
            let name = rule.name.isEmpty ? (rules[rule.ruleID]?.name ?? "") : rule.name
            return memo.ruleLink(
                id: rule.ruleID, ordinal: ordinal, name: name, module: rule.module, severity: rule.severity
            ) {
                let label: HTMLFragment = "<span class=\"rule-id\">\(rule.ruleID)</span> \(name)"
                let link = links.rule(rule.ruleID, toRoot: "../", label: label)
                return HTMLTableRows.cellsMarkup(
                    [link, "\(ReportWords.module(rule.module))", HTMLBlocks.severity(rule.severity)],
                    columns: HostPage.common)
            }
        }

        func evidenceCell(_ rule: RuleResultInPlace, memo: inout HostPageMemo) -> HTMLFragment {
            memo.evidenceCell(rule.evidence) {
                EvidenceText.render(
                    rule.evidence,
                    ruleLink: { links.rule($0, toRoot: "../") },
                    applicationTypeName: { applicationTypes[$0]?.name }
                )
            }
        }
    }

    /// A decision's "why it waits" and "would block" cells, made once for every reason and
    /// either answer: a fleet's pages have hundreds of thousands of such rows.
    private static func decisionCells(_ rule: RuleResultInPlace) -> HTMLFragment {
        // A handful of reasons: finding one in a short list costs less than hashing it.
        let reason = rule.reason.flatMap { reasons.firstIndex(of: $0) } ?? reasons.count
        return decisionCellsByReason[reason][rule.blocks ? 1 : 0]
    }

    // `allCases` of an enum is computed: a new array at every use.
    private static let reasons = ManualReason.allCases
    /// By reason in the order of `reasons`, then no reason; for each, the cells when the rule
    /// does not block, then when it blocks.
    private static let decisionCellsByReason = (reasons.map(Optional.some) + [nil]).map { reason in
        let why: HTMLFragment =
            reason.map { "\(ReportWords.manualReason($0)) <span class=\"detail\">(\($0.rawValue))</span>" }
            ?? "no reason recorded"
        return [blocksNot, blocksBadge].map { blocks in
            HTMLTableRows.cellsMarkup([why, blocks], columns: common + decisionColumns, from: common.count)
        }
    }
    private static let decisionColumns = [TableColumn("Why it waits"), TableColumn("Would block")]
    /// The "will block" cell of an automatic assignment.
    private static let willBlockCells = (
        no: HTMLTableRows.cellsMarkup([blocksNot], columns: common + [TableColumn("Will block")], from: common.count),
        yes: HTMLTableRows.cellsMarkup([blocksBadge], columns: common + [TableColumn("Will block")], from: common.count)
    )

    private static let blocksBadge = HTMLBlocks.badge("blocks", kind: "blocks")
    private static let blocksNot: HTMLFragment = "no"

    private func levelsText(_ levels: [Level]) -> HTMLFragment {
        levels.isEmpty ? "not assigned" : "\(levels.map { ReportWords.level($0) }.joined(separator: ", "))"
    }
}
