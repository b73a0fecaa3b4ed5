/// The per-outcome sections of a rule page: who needs it, has it, should drop it, excludes it.
extension RulePage {
    /// What one outcome's section shows about a host besides its name and policy.
    private struct Detail: Sendable {
        var title: String
        var intro: String
        var caption: String
        var columns: [TableColumn]
        var cells: @Sendable (RuleHostRow) -> [HTMLFragment]
        /// The columns of a row per host: the host's two, then ``columns``.
        let perHostColumns: [TableColumn]

        init(
            title: String, intro: String, caption: String, columns: [TableColumn],
            cells: @escaping @Sendable (RuleHostRow) -> [HTMLFragment]
        ) {
            (self.title, self.intro, self.caption, self.columns, self.cells) = (title, intro, caption, columns, cells)
            perHostColumns = RulePageMemo.hostColumns + columns
        }
    }

    // Each outcome's detail, made once: every rule page has a section per outcome.
    private static let toAssign = detail(.toAssign)
    private static let assigned = detail(.assigned)
    private static let toUnassign = detail(.toUnassign)
    private static let excluded = detail(.excluded)

    private static func detail(of outcome: Outcome) -> Detail {
        switch outcome {
        case .toAssign: toAssign
        case .assigned: assigned
        case .toUnassign: toUnassign
        case .excluded: excluded
        }
    }

    private static func detail(_ outcome: Outcome) -> Detail {
        switch outcome {
        case .toAssign:
            Detail(
                title: "Hosts that need it",
                intro: "Recommended, not assigned yet: automatically at the next application, or after a decision.",
                caption: "Hosts the rule is recommended for",
                columns: [TableColumn("Apply"), TableColumn("Why it waits"), TableColumn("Would block")],
                cells: { row in
                    let apply = row.apply ?? .manual
                    let reason = apply == .manual ? row.reason.map(ReportWords.manualReason) ?? "" : ""
                    return [
                        HTMLBlocks.badge(apply == .auto ? "automatic" : "decision", kind: apply.rawValue),
                        "\(reason)", Self.blocks(row),
                    ]
                }
            )
        case .assigned:
            Detail(
                title: "Hosts that have it",
                intro: "Recommended and assigned, with every level that assigns it.",
                caption: "Hosts the rule is assigned to",
                columns: [TableColumn("Assigned at"), TableColumn("Blocks")],
                cells: { row in
                    let hand: HTMLFragment =
                        row.assignedByHand ? " " + HTMLBlocks.badge("by hand", kind: "manual") : .empty
                    return [Self.levels(row.assignedAt) + hand, Self.blocks(row)]
                }
            )
        case .toUnassign:
            Detail(
                title: "Hosts that should drop it",
                intro: "Assigned but no longer recommended. Unassign at every level, policies first.",
                caption: "Hosts the rule should be unassigned from",
                columns: [TableColumn("Unassign at, in order")],
                cells: { row in
                    let steps = ReportWords.unassignOrder(row.assignedAt).enumerated()
                        .map { index, level in
                            (
                                number: index + 1,
                                content: HTMLFragment(text: ReportWords.level(level, computerName: "the computer"))
                            )
                        }
                    return [HTMLBlocks.orderedList(steps)]
                }
            )
        case .excluded:
            Detail(
                title: "Hosts that exclude it",
                intro: "Recommended, but hidden by an exclusion; the level shows where it is set.",
                caption: "Hosts where an exclusion hides the rule",
                columns: [
                    TableColumn("Excluded at"), TableColumn("Reason"), TableColumn("By"), TableColumn("Expires"),
                    TableColumn("Assigned at"),
                ],
                cells: { row in
                    let exclusion = row.excludedBy
                    return [
                        "\(exclusion.map { ReportWords.level($0.level, computerName: "the computer") } ?? "unknown")",
                        "\(exclusion?.reason ?? "")", "\(exclusion?.by ?? "")",
                        "\(exclusion?.expires ?? "no expiry")", Self.levels(row.assignedAt),
                    ]
                }
            )
        }
    }

    /// The section for one outcome: a row per host, or past ``rowLimit`` hosts a row per group.
    func section(_ outcome: Outcome, memo: inout RulePageMemo) -> HTMLFragment {
        // Positions, not copies: a copy of a row is a retain of its arrays.
        let rows = self.rows.indices.filter { self.rows[$0].outcome == outcome }
        let detail = Self.detail(of: outcome)
        let table = rows.count > rowLimit ? grouped(rows, detail, memo: &memo) : perHost(rows, detail, memo: &memo)
        return HTMLBlocks.section(
            id: outcome.rawValue,
            title: detail.title,
            count: rows.count,
            intro: detail.intro,
            table
        )
    }

    private func perHost(_ positions: [Int], _ detail: Detail, memo: inout RulePageMemo) -> HTMLFragment {
        let columns = detail.perHostColumns
        var body = HTMLTableRows(columns: columns)
        // Closures that read the page or the detail would copy them on every row.
        let detailCells = detail.cells
        for position in positions {
            let row = rows[position]
            let details = memo.details(of: row, columns: columns) { detailCells(row) }
            body.row { cells in
                // Each host's two cells, not kept as markup: that would be memory per host.
                cells.cell(memo.hostCells[row.host].link)
                cells.cell(memo.hostCells[row.host].policy)
                cells.cells(details.markup, count: details.cells.count)
            }
        }
        return HTMLTable(
            caption: detail.caption, columns: columns, body: body, emptyText: "No host.", behavior: .interactive
        )
        .render()
    }

    /// Rows with the same policy and the same details as one row, every host linked in it.
    private func grouped(_ positions: [Int], _ detail: Detail, memo: inout RulePageMemo) -> HTMLFragment {
        struct GroupKey: Hashable {
            var policy: Int
            var details: Int
        }
        // The groups in the order first met, found by key: one lookup a row (thousands of rows).
        var groups: [(cells: [HTMLFragment], hosts: [Int])] = []
        var groupByKey: [GroupKey: Int] = [:]
        let perHostColumns = detail.perHostColumns
        let detailCells = detail.cells
        for position in positions {
            let row = rows[position]
            let host = memo.hostCells[row.host]
            let details = memo.details(of: row, columns: perHostColumns) { detailCells(row) }
            let key = GroupKey(policy: host.policyNumber, details: details.number)
            if let group = groupByKey[key] {
                groups[group].hosts.append(row.host)
            } else {
                groupByKey[key] = groups.count
                groups.append(([host.policy] + details.cells, [row.host]))
            }
        }
        let columns =
            [TableColumn("Policy")] + detail.columns + [
                TableColumn("Hosts", numeric: true), TableColumn("Which hosts"),
            ]
        var body = HTMLTableRows(columns: columns)
        for group in groups {
            body.row { row in
                for cell in group.cells { row.cell(cell) }
                row.cell("\(group.hosts.count)")
                row.cell(writing: { list in
                    list.append("<details><summary>\(ReportWords.plural(group.hosts.count, "host"))</summary>")
                    list.append(markup: "<p class=\"host-list\">")
                    for (index, host) in group.hosts.enumerated() {
                        if index > 0 { list.append(markup: " ") }
                        list.append(memo.hostCells[host].link)
                    }
                    list.append(markup: "</p></details>")
                })
            }
        }
        let note: HTMLFragment =
            "<p class=\"detail\">\(ReportWords.plural(positions.count, "host")), grouped by policy and detail; "
            + "open a group to see its hosts.</p>\n"
        return note
            + HTMLTable(
                caption: detail.caption + ", grouped", columns: columns, body: body, emptyText: "No host.",
                behavior: .sortable
            )
            .render()
    }

    private static func blocks(_ row: RuleHostRow) -> HTMLFragment {
        row.blocks ? HTMLBlocks.badge("blocks", kind: "blocks") : "no"
    }

    private static func levels(_ levels: [Level]) -> HTMLFragment {
        levels.isEmpty
            ? "not assigned"
            : "\(levels.map { ReportWords.level($0, computerName: "the computer") }.joined(separator: ", "))"
    }
}
