/// The "Changes since the previous run" sections of the fleet page and the host pages.
enum ChangesSection {
    /// The fleet page's section: counts, hosts added and gone, changed hosts with their counts.
    static func fleet(_ changes: RunChanges?, links: PageLinks) -> HTMLFragment {
        guard let changes else {
            return section("<p class=\"none\">This is the first run in this output folder.</p>\n")
        }
        let since =
            "Compared with run \(changes.previousRun)"
            + (changes.previousCatalogVersion.map { " (catalog \($0))" } ?? "") + "."
        if let reason = changes.unavailable {
            return section(HTMLBlocks.alert("Not compared with run \(changes.previousRun): \(reason)"))
        }
        let counts = HTMLTable(
            caption: "Changes over the hosts present in both runs",
            columns: [TableColumn("Measure"), TableColumn("Count", numeric: true)],
            rows: [
                ["New recommendations", "\(changes.newRecommendations)"],
                ["Resolved recommendations", "\(changes.resolvedRecommendations)"],
                ["New findings", "\(changes.newFindings)"], ["Resolved findings", "\(changes.resolvedFindings)"],
                ["Hosts added", "\(changes.hostsAdded.count)"], ["Hosts gone", "\(changes.hostsGone.count)"],
            ],
            className: "summary"
        )
        .render()
        let added: HTMLFragment =
            changes.hostsAdded.isEmpty
            ? .empty
            : "<p>Added: \(HTMLFragment.joined(changes.hostsAdded.map { links.host($0, toRoot: "") }, separator: ", ")).</p>\n"
        let gone: HTMLFragment =
            changes.hostsGone.isEmpty ? .empty : "<p>Gone: \(changes.hostsGone.joined(separator: ", ")).</p>\n"
        let hosts = HTMLTable(
            caption: "Hosts with changes",
            columns: [
                TableColumn("Host"), TableColumn("New recommendations", numeric: true),
                TableColumn("Resolved recommendations", numeric: true), TableColumn("New findings", numeric: true),
                TableColumn("Resolved findings", numeric: true), TableColumn("Other"),
            ],
            rows: changes.hostsChanged.map { host in
                let other = [
                    host.previousStatus.map { "status was \($0)" },
                    host.otherRuleChanges > 0 ? "\(host.otherRuleChanges) other rule change(s)" : nil,
                ].compactMap { $0 }.joined(separator: "; ")
                return [
                    links.host(host.hostname, toRoot: ""), "\(host.newRecommendations)",
                    "\(host.resolvedRecommendations)", "\(host.newFindings)", "\(host.resolvedFindings)", "\(other)",
                ]
            },
            emptyText: "No host present in both runs changed."
        )
        .render()
        return section("<p class=\"intro\">\(since)</p>\n" + counts + added + gone + hosts)
    }

    /// A host page's section: each rule and finding that changed; `nil` when nothing did.
    static func host(_ changes: HostChanges?, links: PageLinks) -> HTMLFragment? {
        guard let changes else { return nil }
        if changes.added { return section("<p>This host was not in the previous run.</p>\n") }
        let status: HTMLFragment =
            changes.previousStatus.map { "<p>Status in the previous run: \($0).</p>\n" } ?? .empty
        let rules = HTMLTable(
            caption: "Rules whose result changed",
            columns: [TableColumn("Rule"), TableColumn("Change"), TableColumn("Was"), TableColumn("Now")],
            rows: changes.rules.map { rule in
                [
                    links.rule(rule.ruleID, toRoot: "../"), "\(rule.kind.rawValue)", "\(words(rule.was))",
                    "\(words(rule.now))",
                ]
            },
            emptyText: "No rule changed."
        )
        .render()
        let findings = HTMLTable(
            caption: "Findings that appeared or disappeared",
            columns: [TableColumn("Finding"), TableColumn("Change"), TableColumn("Severity"), TableColumn("Rule")],
            rows: changes.findings.map { change in
                [
                    "\(change.finding.kind)", "\(change.kind.rawValue)", "\(change.finding.severity)",
                    "\(change.finding.ruleID ?? "")",
                ]
            },
            emptyText: "No finding changed."
        )
        .render()
        return section(status + rules + findings)
    }

    private static func words(_ state: RuleState?) -> String {
        guard let state else { return "not recommended, not assigned" }
        return state.outcome.rawValue + (state.apply.map { " (\($0.rawValue))" } ?? "")
    }

    private static func section(_ content: HTMLFragment) -> HTMLFragment {
        HTMLBlocks.section(id: "changes", title: "Changes since the previous run", content)
    }
}
