/// The per-outcome sections of a rule page: who needs it, has it, should drop it, excludes it.
extension RulePage {
    /// What one outcome's section shows about a host besides its name and policy.
    private struct Detail {
        var title: String
        var intro: String
        var caption: String
        var columns: [TableColumn]
        var cells: (RuleHostRow) -> [HTMLFragment]
    }

    private func detail(_ outcome: Outcome) -> Detail {
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
                        "\(reason)", blocks(row),
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
                    return [levels(row.assignedAt) + hand, blocks(row)]
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
                        "\(exclusion?.expires ?? "no expiry")", levels(row.assignedAt),
                    ]
                }
            )
        }
    }

    /// The section for one outcome: a row per host, or past ``rowLimit`` hosts a row per group.
    func section(_ outcome: Outcome) -> HTMLFragment {
        let rows = self.rows.filter { $0.outcome == outcome }
        let detail = detail(outcome)
        let table = rows.count > rowLimit ? grouped(rows, detail) : perHost(rows, detail)
        return HTMLBlocks.section(
            id: outcome.rawValue,
            title: detail.title,
            count: rows.count,
            intro: detail.intro,
            table
        )
    }

    private func perHost(_ rows: [RuleHostRow], _ detail: Detail) -> HTMLFragment {
        HTMLTable(
            caption: detail.caption,
            columns: [TableColumn("Host"), TableColumn("Policy")] + detail.columns,
            rows: rows.map { row in
                let host = hosts[row.host]
                return [hostLink(host), "\(host.policyID ?? "none")"] + detail.cells(row)
            },
            emptyText: "No host.",
            behavior: .interactive
        )
        .render()
    }

    /// Rows with the same policy and the same details as one row, every host linked in it.
    private func grouped(_ rows: [RuleHostRow], _ detail: Detail) -> HTMLFragment {
        var order: [String] = []
        var groups: [String: (cells: [HTMLFragment], hosts: [HostDigest])] = [:]
        for row in rows {
            let host = hosts[row.host]
            let cells = ["\(host.policyID ?? "none")"] + detail.cells(row)
            let key = HTMLFragment.joined(cells, separator: "\u{1F}").markup
            if groups[key] == nil {
                order.append(key)
                groups[key] = (cells, [])
            }
            groups[key]?.hosts.append(host)
        }
        let note: HTMLFragment =
            "<p class=\"detail\">\(ReportWords.plural(rows.count, "host")), grouped by policy and detail; "
            + "open a group to see its hosts.</p>\n"
        return note
            + HTMLTable(
                caption: detail.caption + ", grouped",
                columns: [TableColumn("Policy")] + detail.columns + [
                    TableColumn("Hosts", numeric: true), TableColumn("Which hosts"),
                ],
                rows: order.compactMap { groups[$0] }
                    .map { group in
                        let links = group.hosts.map(hostLink)
                        let list: HTMLFragment =
                            "<details><summary>\(ReportWords.plural(group.hosts.count, "host"))</summary>"
                            + "<p class=\"host-list\">\(HTMLFragment.joined(links, separator: " "))</p></details>"
                        return group.cells + ["\(group.hosts.count)", list]
                    },
                emptyText: "No host.",
                behavior: .sortable
            )
            .render()
    }

    private func hostLink(_ host: HostDigest) -> HTMLFragment {
        HTMLBlocks.link("../hosts/\(host.fileName).html", "\(host.hostname)")
    }

    private func blocks(_ row: RuleHostRow) -> HTMLFragment {
        row.blocks ? HTMLBlocks.badge("blocks", kind: "blocks") : "no"
    }

    private func levels(_ levels: [Level]) -> HTMLFragment {
        levels.isEmpty
            ? "not assigned"
            : "\(levels.map { ReportWords.level($0, computerName: "the computer") }.joined(separator: ", "))"
    }
}
