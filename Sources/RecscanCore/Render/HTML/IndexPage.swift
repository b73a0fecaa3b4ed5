/// `index.html`: the dashboard. What needs attention first, what changed, the fleet in charts,
/// then tables that lead to every rule and host page.
///
/// It holds summaries and top lists, never one row per host for a large fleet: past
/// ``HostListing/perPage`` hosts the host table moves to the paged host list.
struct IndexPage: Sendable {
    var run: RunInfo
    var results: FleetResults
    var hosts: [HostDigest]
    /// Sorted by rule id.
    var rules: [RuleDigest]
    var fleet: FleetDigest
    var catalog: Catalog
    var links: PageLinks
    var listing: HostListing
    var changes: RunChangesSummary?

    private static let contents: [(id: String, title: String)] = [
        ("attention", "Needs attention"), ("changes", "Changes"), ("overview", "Charts"),
        ("decisions", "Decisions"), ("automatic", "Automatic"), ("unassign", "To unassign"),
        ("manual-assignments", "Manual assignments"), ("findings", "Findings"), ("hosts", "Hosts"),
        ("rules", "Rules"), ("rejected", "Rejected inputs"), ("exclusions", "Exclusions"), ("triage", "Triage"),
    ]

    func render() -> [UInt8] {
        let tables = DashboardTables(hosts: hosts, rules: rules, fleet: fleet, catalog: catalog, links: links)
        let charts = DashboardCharts(hosts: hosts, rules: rules, fleet: fleet, catalog: catalog)
        let summary = results.summary
        var contents = Self.contents
        if fleet.manager.hosts > 0 { contents.insert(("manager", "Manager's scans"), at: 8) }
        let toc = HTMLBlocks.list(contents.map { "<a href=\"#\($0.id)\">\($0.title)</a>" })
        let subtitle: HTMLFragment = """
            <p class="lede">\(ReportWords.plural(summary.hosts, "host")) scanned against catalog \
            \(run.catalogVersion), reference time \(run.referenceTime).</p>
            <nav class="toc" aria-label="On this page">\(toc)</nav>

            """
        let page = HTMLPage(
            title: "Fleet report",
            location: .root,
            run: run,
            heading: "Fleet report <span class=\"run\">\(run.runID)</span>",
            subtitle: subtitle,
            sections: [
                HTMLBlocks.section(id: "attention", title: "Needs attention", lead() + cards()),
                RunChangesSection.render(changes, links: links),
                HTMLBlocks.section(id: "overview", title: "The fleet in charts", charts.render()),
                HTMLBlocks.section(
                    id: "decisions",
                    title: "Decisions waiting",
                    count: summary.manual,
                    intro: "Recommended rules that are not applied automatically: a person decides, for the reason "
                        + "given. Grouped by rule and reason; each rule's page lists every host.",
                    tables.decisionsByRule() + tables.topHosts()
                ),
                HTMLBlocks.section(
                    id: "automatic",
                    title: "What automatic application will do",
                    count: summary.auto,
                    intro: "Rules the next automatic application assigns without asking, because the host's "
                        + "policy applies recommendations automatically and the rule allows it.",
                    tables.automaticByRule()
                ),
                HTMLBlocks.section(
                    id: "unassign",
                    title: "Rules to unassign",
                    count: summary.toUnassign,
                    intro: "Assigned rules that hosts no longer need. Unassign at every level, policies first.",
                    tables.unassignByRule()
                ),
                HTMLBlocks.section(
                    id: "manual-assignments",
                    title: "Rules assigned by hand",
                    count: tables.manualAssignmentCount,
                    intro: "Rules that are never applied automatically but are assigned, so somebody assigned them "
                        + "by hand. Those that block traffic come first: review why they are there.",
                    tables.manualAssignmentsByRule()
                ),
                HTMLBlocks.section(
                    id: "findings",
                    title: "Audit findings",
                    count: summary.findings,
                    intro: "What the audit of assignments, settings, exclusions and inventories found.",
                    tables.findingsByKind()
                ),
                ManagerSection.fleet(fleet.manager, links: links) ?? .empty,
                hostsSection(tables),
                rulesSection(tables), rejectedSection(), exclusionsSection(), triageSection(),
            ]
        )
        return page.render()
    }

    private func hostsSection(_ tables: DashboardTables) -> HTMLFragment {
        let statuses = [HostStatus.ok, .stale, .error, .noInventory].compactMap { status -> HTMLFragment? in
            guard let count = fleet.statuses[status], count > 0 else { return nil }
            return HTMLBlocks.badge("\(ReportWords.number(count)) \(ReportWords.status(status))", kind: status.rawValue)
        }
        let listing: HTMLFragment =
            listing.isPaged
            ? "<h3>Every host</h3>\n<p>\(ReportWords.plural(hosts.count, "host")) in hostname order, "
                + "\(ReportWords.number(listing.perPage)) per page:</p>\n" + listing.pager(current: nil)
            : HostListing.table(hosts[...], caption: "Every host, by hostname", toRoot: "")
        return HTMLBlocks.section(
            id: "hosts",
            title: "Hosts",
            count: hosts.count,
            "<p class=\"statuses\">\(HTMLFragment.joined(statuses, separator: " "))</p>\n" + tables.policies()
                + listing
        )
    }

    /// The answers a reviewer looks for first, in sentences.
    private func lead() -> HTMLFragment {
        let summary = results.summary
        let all = hosts.count
        var sentences: [HTMLFragment] = []
        if summary.manual > 0 {
            let reason = ReportWords.ranked(fleet.reasons.mapValues(\.items)).first
            let why: HTMLFragment =
                reason.map {
                    ", most often because \(ReportWords.fleetReason($0.reason)) (\(ReportWords.number($0.count)))"
                }
                ?? .empty
            sentences.append(
                "<strong>\(ReportWords.plural(summary.manual, "recommendation")) on "
                    + "\(ReportWords.number(fleet.hostsWith.manual)) of \(ReportWords.plural(all, "host")) wait for "
                    + "your decision</strong>\(why)."
            )
        } else {
            sentences.append("No recommendation waits for a decision.")
        }
        sentences.append(
            summary.auto > 0
                ? "\(ReportWords.plural(summary.auto, "rule assignment")) will be made automatically on "
                    + "\(ReportWords.plural(fleet.hostsWith.auto, "host")) at the next automatic application."
                : "Automatic application has nothing to assign."
        )
        if summary.toUnassign > 0 {
            sentences.append(
                "\(ReportWords.plural(summary.toUnassign, "assigned rule")) should be unassigned on "
                    + "\(ReportWords.plural(fleet.hostsWith.toUnassign, "host"))."
            )
        }
        if fleet.blockingManualAssignments > 0 {
            sentences.append(
                "\(ReportWords.plural(fleet.blockingManualAssignments, "rule assignment")) made by hand "
                    + "block traffic on \(ReportWords.plural(fleet.hostsWith.blockingManualAssignments, "host"))."
            )
        }
        if let changes {
            let parts = changes.rows.map {
                "\($0.label.lowercased()) +\(ReportWords.number($0.new)) −\(ReportWords.number($0.resolved))"
            }
            sentences.append("Since run \(changes.previousRunID): \(parts.joined(separator: ", ")).")
        }
        if summary.rejectedInputs > 0 {
            sentences.append(
                "\(ReportWords.plural(summary.rejectedInputs, "input")) could not be used: see rejected inputs."
            )
        }
        return "<p class=\"lead\">\(HTMLFragment.joined(sentences, separator: " "))</p>\n"
    }

    private func cards() -> HTMLFragment {
        let summary = results.summary
        let all = hosts.count
        let hostsWith = fleet.hostsWith
        var cards: [(value: Int, label: String, detail: String, href: String, tone: String)] = [
            (
                summary.manual, "decisions waiting",
                "on \(ReportWords.number(hostsWith.manual)) of \(ReportWords.number(all)) hosts", "#decisions", "warn"
            ),
            (
                summary.auto, "applied automatically",
                "on \(ReportWords.number(hostsWith.auto)) hosts, no decision needed", "#automatic",
                "ok"
            ),
            (
                summary.toUnassign, "to unassign", "on \(ReportWords.number(hostsWith.toUnassign)) hosts", "#unassign",
                "info"
            ),
            (
                fleet.blockingManualAssignments, "blocking manual assignments",
                "on \(ReportWords.number(hostsWith.blockingManualAssignments)) hosts", "#manual-assignments", "danger"
            ),
            (summary.rejectedInputs, "rejected inputs", "files not used", "#rejected", "danger"),
            (
                fleet.urgentFindings, "high findings", "on \(ReportWords.number(hostsWith.urgentFindings)) hosts",
                "#findings", "danger"
            ),
            (hostsWith.engineTap, "hosts in tap mode", "nothing blocks there", "#findings", "warn"),
            (hostsWith.notCurrent, "hosts not analysed fully", "stale, unreadable or no inventory", "#hosts", "warn"),
        ]
        if fleet.manager.hosts > 0 {
            cards.append(
                (
                    fleet.manager.disagreements, "differences with the manager's scans",
                    "on \(ReportWords.number(fleet.manager.differingHosts)) of the \(ReportWords.number(fleet.manager.hosts)) "
                        + "hosts it scanned", "#manager", "info"
                ))
        }
        let items = cards.map { card -> HTMLFragment in
            let tone = card.value == 0 ? "quiet" : card.tone
            return "<li class=\"card tone-\(tone)\"><a href=\"\(card.href)\"><span class=\"value\">"
                + "\(ReportWords.number(card.value))</span> <span class=\"label\">\(card.label)</span> "
                + "<span class=\"detail\">\(card.detail)</span></a></li>"
        }
        return "<ul class=\"cards\">\(items)</ul>\n"
    }
}
