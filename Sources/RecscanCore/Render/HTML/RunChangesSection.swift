/// What the dashboard shows of the changes since the previous run.
///
/// The comparison itself is not made here: the run comparison (issue 6) is to map its result
/// onto this value and hand it to ``HTMLReportWriter/finish(_:changes:)``. Until then every run
/// shows "no previous run to compare with" in the same section and chart slot.
struct RunChangesSummary: Sendable {
    /// One thing compared, e.g. "Recommendations to assign", with how many are new and how many resolved.
    struct Row: Sendable {
        var label: String
        var new: Int
        var resolved: Int
    }

    /// The run compared with, e.g. "20261122T000000Z".
    var previousRunID: String
    var rows: [Row]
    /// Hostnames, sorted as hosts are.
    var hostsAdded: [String]
    var hostsGone: [String]
}

extension RunChangesSummary {
    /// The dashboard's view of the changes; `nil` when the previous run could not be compared.
    init?(_ changes: RunChanges) {
        guard changes.unavailable == nil else { return nil }
        self.init(
            previousRunID: changes.previousRun,
            rows: [
                Row(
                    label: "Recommendations (to assign or unassign)", new: changes.newRecommendations,
                    resolved: changes.resolvedRecommendations),
                Row(label: "Findings", new: changes.newFindings, resolved: changes.resolvedFindings),
            ], hostsAdded: changes.hostsAdded, hostsGone: changes.hostsGone)
    }
}

/// The "Changes since the last run" section of the dashboard, with its chart.
enum RunChangesSection {
    /// The section; `nil` renders the notice that there is no previous run.
    static func render(_ changes: RunChangesSummary?, links: PageLinks) -> HTMLFragment {
        guard let changes else {
            let notice =
                "No previous run to compare with: new and resolved recommendations and findings, "
                + "and hosts added and gone, appear here once this output folder holds an earlier run."
            return HTMLBlocks.section(
                id: "changes", title: "Changes since the last run", "<p class=\"none\">\(notice)</p>\n")
        }
        let chart = BarChart(
            id: "chart-changes",
            title: "Changes since run \(changes.previousRunID)",
            series: [BarChart.Series(name: "new", kind: "new"), BarChart.Series(name: "resolved", kind: "resolved")],
            bars: changes.rows.map { BarChart.Bar(label: $0.label, values: [$0.new, $0.resolved]) },
            emptyText: "Nothing changed since run \(changes.previousRunID)."
        )
        let table = HTMLTable(
            caption: "New and resolved since run \(changes.previousRunID)",
            columns: [TableColumn("What"), TableColumn("New", numeric: true), TableColumn("Resolved", numeric: true)],
            rows: changes.rows.map { ["\($0.label)", HTMLBlocks.count($0.new), HTMLBlocks.count($0.resolved)] },
            emptyText: "Nothing to compare."
        )
        let hosts = HTMLBlocks.facts([
            (term: "Hosts added", value: hostList(changes.hostsAdded, links: links)),
            (term: "Hosts gone", value: hostList(changes.hostsGone, links: nil)),
        ])
        return HTMLBlocks.section(
            id: "changes",
            title: "Changes since the last run",
            intro: "Compared with run \(changes.previousRunID).",
            "<div class=\"charts\">\(chart.render())</div>\n" + table.render() + hosts
        )
    }

    /// Up to 20 hostnames, linked when they have a page here, then how many more.
    private static func hostList(_ names: [String], links: PageLinks?) -> HTMLFragment {
        guard !names.isEmpty else { return "none" }
        let shown = names.prefix(20).map { name in links?.host(name, toRoot: "") ?? "\(name)" }
        let more: HTMLFragment = names.count > 20 ? ", and \(ReportWords.number(names.count - 20)) more" : .empty
        return HTMLFragment.joined(shown, separator: ", ") + more
    }
}
