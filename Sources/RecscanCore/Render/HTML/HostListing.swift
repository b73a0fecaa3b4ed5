/// The table of hosts, and the paged host list a large fleet gets instead of one giant table.
///
/// Up to `perPage` hosts, the table sits on the dashboard. A larger fleet gets `hosts-1.html`,
/// `hosts-2.html`, … in hostname order, each a table of `perPage` hosts with a pager naming the
/// hostnames every page spans; the dashboard links to the pages and shows summaries instead.
struct HostListing: Sendable {
    var hosts: [HostDigest]
    var perPage: Int
    var run: RunInfo

    /// Whether the host table is split into pages of its own.
    var isPaged: Bool { hosts.count > perPage }

    /// Page numbers from 1; empty when every host fits on the dashboard.
    var pages: [Int] { isPaged ? Array(1...pageCount) : [] }

    var pageCount: Int { (hosts.count + perPage - 1) / perPage }

    /// The page's file name in the run folder.
    func fileName(_ page: Int) -> String { "hosts-\(page).html" }

    private func range(_ page: Int) -> Range<Int> {
        let start = (page - 1) * perPage
        return start..<min(start + perPage, hosts.count)
    }

    /// Links to every page, each labelled with the first and last hostname it lists.
    func pager(current: Int?) -> HTMLFragment {
        let items = pages.map { page -> HTMLFragment in
            let span = range(page)
            let label: HTMLFragment =
                "<span class=\"page-number\">\(page)</span> \(hosts[span.lowerBound].hostname) – \(hosts[span.upperBound - 1].hostname)"
            return page == current
                ? "<li><span aria-current=\"page\">\(label)</span></li>"
                : "<li>\(HTMLBlocks.link(fileName(page), label))</li>"
        }
        return "<nav class=\"pager\" aria-label=\"Host list pages\"><ol>\(items)</ol></nav>\n"
    }

    /// `hosts-<page>.html`.
    func render(page: Int) -> [UInt8] {
        let span = range(page)
        let title = "Hosts \(ReportWords.number(span.lowerBound + 1))–\(ReportWords.number(span.upperBound))"
        let frame = HTMLPage(
            title: title,
            location: .root,
            run: run,
            breadcrumb: [(label: "Fleet", href: "index.html"), (label: "Hosts", href: "index.html#hosts")],
            heading: "\(title) <span class=\"count\">of \(ReportWords.number(hosts.count))</span>",
            subtitle: pager(current: page),
            sections: [
                HTMLBlocks.section(
                    id: "hosts",
                    title: "Hosts \(hosts[span.lowerBound].hostname) to \(hosts[span.upperBound - 1].hostname)",
                    intro: "In hostname order. Sorting and filtering apply to this page; "
                        + "the dashboard ranks the whole fleet.",
                    Self.table(hosts[span], caption: "Hosts, page \(page) of \(pageCount)", toRoot: "")
                )
            ]
        )
        return frame.render()
    }

    /// One row per host with the counts an operator acts on; `toRoot` leads to the run folder.
    static func table(_ hosts: ArraySlice<HostDigest>, caption: String, toRoot: String) -> HTMLFragment {
        HTMLTable(
            caption: caption,
            columns: [
                TableColumn("Host"), TableColumn("Policy"), TableColumn("Status"), TableColumn("Operating system"),
                TableColumn("Decisions waiting", numeric: true), TableColumn("Why they wait"),
                TableColumn("Automatic", numeric: true), TableColumn("To unassign", numeric: true),
                TableColumn("Assigned", numeric: true), TableColumn("Excluded", numeric: true),
                TableColumn("Findings"),
            ],
            rows: hosts.map { host in
                [
                    HTMLBlocks.hostLink(fileName: host.fileName, hostname: host.hostname, toRoot: toRoot),
                    "\(host.policyID ?? "none")",
                    HTMLBlocks.badge(ReportWords.status(host.status), kind: host.status.rawValue),
                    "\(host.operatingSystem)", HTMLBlocks.count(host.counts.manual), "\(reasons(host))",
                    HTMLBlocks.count(host.counts.auto), HTMLBlocks.count(host.counts.toUnassign),
                    HTMLBlocks.count(host.counts.assigned), HTMLBlocks.count(host.counts.excluded), findings(host),
                ]
            },
            emptyText: "No host was scanned.",
            className: "hosts",
            behavior: .interactive
        )
        .render()
    }

    /// "needs configuring 2, auto-apply off 1": the reasons, most frequent first.
    static func reasons(_ host: HostDigest) -> String {
        ReportWords.ranked(host.manualReasons).map { "\(ReportWords.shortReason($0.reason)) \($0.count)" }
            .joined(separator: ", ")
    }

    /// The findings as one badge coloured by the highest severity, sorting by severity then count.
    static func findings(_ host: HostDigest) -> HTMLFragment {
        guard let highest = host.highestSeverity else { return "<span class=\"zero\" data-sort=\"0\">none</span>" }
        let key = (highest.rank + 1) * 100_000 + host.findings
        return "<span class=\"badge \(CSSClass.name(highest.rawValue))\" data-sort=\"\(key)\">"
            + "\(ReportWords.severityCounts(host.findingsBySeverity))</span>"
    }
}
