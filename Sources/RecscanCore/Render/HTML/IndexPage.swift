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
    /// The rows per rule of the tables that name hosts, made with the rule pages.
    var ruleRows: DashboardRuleRows
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

    /// Writes the page to `path`, its long tables row by row as they are read back from where
    /// they waited since the rule pages were written (``DashboardRuleRows``).
    /// - Throws: ``HTMLWriteError`` when the file cannot be written or those rows cannot be read.
    func write(to path: String) throws {
        let tables = DashboardTables(
            hosts: hosts, rules: rules, ruleRows: ruleRows, fleet: fleet, catalog: catalog, links: links)
        let charts = DashboardCharts(hosts: hosts, rules: rules, fleet: fleet, catalog: catalog)
        let summary = results.summary
        var contents = Self.contents
        if fleet.manager.hosts > 0 { contents.insert(("manager", "Manager's scans"), at: 8) }
        if fleet.uncovered.findings > 0 { contents.insert(("uncovered", "Unprotected vulnerabilities"), at: 8) }
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
            sections: []
        )
        let file = try ReportFile(path: path)
        try page.write(to: file) { file in
            try file.append(HTMLBlocks.section(id: "attention", title: "Needs attention", lead() + cards()).bytes)
            try file.append(RunChangesSection.render(changes, links: links).bytes)
            try file.append(HTMLBlocks.section(id: "overview", title: "The fleet in charts", charts.render()).bytes)
            try writeSection(
                id: "decisions",
                title: "Decisions waiting",
                count: summary.manual,
                intro: "Recommended rules that are not applied automatically: a person decides, for the reason "
                    + "given. Grouped by rule and reason; each rule's page lists every host.",
                to: file
            ) {
                try tables.writeDecisionsByRule(to: $0)
                try $0.append(tables.topHosts().bytes)
            }
            try writeSection(
                id: "automatic",
                title: "What automatic application will do",
                count: summary.auto,
                intro: "Rules the next automatic application assigns without asking, because the host's "
                    + "policy applies recommendations automatically and the rule allows it.",
                to: file, tables.writeAutomaticByRule(to:)
            )
            try writeSection(
                id: "unassign",
                title: "Rules to unassign",
                count: summary.toUnassign,
                intro: "Assigned rules that hosts no longer need. Unassign at every level, policies first.",
                to: file, tables.writeUnassignByRule(to:)
            )
            try writeSection(
                id: "manual-assignments",
                title: "Rules assigned by hand",
                count: tables.manualAssignmentCount,
                intro: "Rules that are never applied automatically but are assigned, so somebody assigned them "
                    + "by hand. Those that block traffic come first: review why they are there.",
                to: file, tables.writeManualAssignmentsByRule(to:)
            )
            let rest = [
                HTMLBlocks.section(
                    id: "findings",
                    title: "Audit findings",
                    count: summary.findings,
                    intro: "What the audit of assignments, settings, exclusions and inventories found.",
                    tables.findingsByKind()
                ),
                VulnerabilitySection.fleet(fleet.uncovered) ?? .empty,
                ManagerSection.fleet(fleet.manager, links: links) ?? .empty,
                hostsSection(tables),
                rulesSection(tables), rejectedSection(), exclusionsSection(), triageSection(),
            ]
            for section in rest { try file.append(section.bytes) }
        }
    }

    /// Writes a section whose content `writeContent` writes.
    private func writeSection(
        id: String, title: String, count: Int, intro: String, to file: ReportFile,
        _ writeContent: (ReportFile) throws -> Void
    ) throws {
        try file.append(HTMLBlocks.sectionOpening(id: id, title: title, count: count, intro: intro).bytes)
        try writeContent(file)
        try file.append(HTMLBlocks.sectionClosing.bytes)
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
        if all > 0, fleet.policies.keys.allSatisfy({ $0 == nil }) {
            sentences.append(
                "<strong>No host is on a policy:</strong> no fleet export was found, or it names none of these "
                    + "hosts. Without one, automatic application counts as off everywhere, so every "
                    + "recommendation waits for a decision, and no assignment was audited.")
        }
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
            if let first = DashboardTables.rankedDecisions(ruleRows, rules: rules).first {
                let rule = rules[Int(first.entry.rule)]
                let name = catalog.rules[rule.id]?.name ?? rule.name
                let (count, blocking) = (Int(first.hosts), Int(first.blocking))
                let blockingText: HTMLFragment =
                    switch blocking {
                    case 0: .empty
                    case count: ", where it would block traffic"
                    default: ", where it would block traffic on \(ReportWords.number(blocking)) of them"
                    }
                sentences.append(
                    "The most severe: \(HTMLBlocks.link("rules/\(rule.fileName).html", "rule \(rule.id)")) "
                        + "(\(rule.severity.rawValue), \(name)) on \(ReportWords.plural(count, "host"))"
                        + "\(blockingText).")
            }
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
            (hostsWith.notAnalysed, "hosts not analysed", "unreadable or no inventory", "#hosts", "danger"),
            (hostsWith.stale, "stale inventories", "analysed, but collected too long ago to trust", "#hosts", "warn"),
        ]
        if fleet.manager.hosts > 0 {
            cards.append(
                (
                    fleet.manager.disagreements, "differences with the manager's scans",
                    "on \(ReportWords.number(fleet.manager.differingHosts)) of the \(ReportWords.number(fleet.manager.hosts)) "
                        + "hosts it scanned", "#manager", "info"
                ))
        }
        if fleet.uncovered.findings > 0 {
            cards.insert(
                (
                    fleet.uncovered.findings, "vulnerabilities no rule protects",
                    "\(ReportWords.plural(fleet.uncovered.packages.count, "package")) on "
                        + "\(ReportWords.plural(fleet.uncovered.hosts, "host")): patch them", "#uncovered", "danger"
                ), at: 4)
        }
        var items = HTMLFragment.empty
        for card in cards {
            HTMLBlocks.appendCard(
                value: card.value, label: card.label, detail: card.detail, href: card.href, tone: card.tone, to: &items)
        }
        return "<ul class=\"cards\">\(items)</ul>\n"
    }
}
