/// `index.html`: the fleet at a glance, and the way into every host and rule page.
struct IndexPage: Sendable {
    var run: RunInfo
    var summary: ScanSummary
    var hosts: [HostDigest]
    /// Sorted by rule id.
    var rules: [RuleDigest]
    var catalog: Catalog
    var rejected: [RejectedInput]
    var exclusions: [FleetExclusion]
    var triage: [TriagePlan]
    var links: PageLinks
    var changes: RunChanges? = nil

    func render() -> String {
        let facts = HTMLBlocks.facts([
            (term: "Run", value: "\(run.runID)"), (term: "Catalog version", value: "\(run.catalogVersion)"),
            (term: "Reference time", value: "\(run.referenceTime)"),
        ])
        let page = HTMLPage(
            title: "Fleet report",
            location: .root,
            run: run,
            heading: "Fleet report",
            subtitle: facts,
            sections: [
                HTMLBlocks.section(id: "summary", title: "Summary", summaryTable()),
                ChangesSection.fleet(changes, links: links),
                HTMLBlocks.section(id: "hosts", title: "Hosts", count: hosts.count, hostsTable()),
                HTMLBlocks.section(
                    id: "rejected",
                    title: "Rejected inputs",
                    count: rejected.count,
                    intro: "Input files, or parts of them, that could not be used. The rest of the batch went on.",
                    rejectedTable()
                ),
                HTMLBlocks.section(
                    id: "exclusions",
                    title: "Fleet exclusions",
                    count: exclusions.count,
                    intro: "Every \"exclude from recommendations\" override set on a policy or a computer, "
                        + "with the inventoried hosts under it that would get the rule. Broad: fewer than half "
                        + "of a policy's hosts need it.",
                    exclusionsTable()
                ),
                HTMLBlocks.section(
                    id: "triage",
                    title: "False-positive triage",
                    count: triage.count,
                    intro: "A remediation plan per computer and rule that fired; follow the steps in order.",
                    triageTable()
                ),
                HTMLBlocks.section(
                    id: "rules",
                    title: "Rules",
                    count: rules.count,
                    intro: "Every rule that appears on at least one host.",
                    ruleList()
                ),
            ]
        )
        return page.render()
    }

    private func summaryTable() -> HTMLFragment {
        let counts: [(String, Int)] = [
            ("Hosts", summary.hosts), ("To assign", summary.toAssign), ("To assign automatically", summary.auto),
            ("To assign after a decision (manual)", summary.manual), ("Assigned", summary.assigned),
            ("To unassign", summary.toUnassign), ("Excluded", summary.excluded), ("Findings", summary.findings),
            ("Rejected inputs", summary.rejectedInputs),
        ]
        return HTMLTable(
            caption: "Counts over the whole fleet",
            columns: [TableColumn("Measure"), TableColumn("Count", numeric: true)],
            rows: counts.map { label, count in ["\(label)", "\(count)"] },
            className: "summary"
        )
        .render()
    }

    private func hostsTable() -> HTMLFragment {
        HTMLTable(
            caption: "Hosts, by hostname",
            columns: [
                TableColumn("Host"), TableColumn("Policy"), TableColumn("Status"), TableColumn("Operating system"),
                TableColumn("To assign (auto)", numeric: true), TableColumn("Decisions waiting", numeric: true),
                TableColumn("Assigned", numeric: true), TableColumn("To unassign", numeric: true),
                TableColumn("Excluded", numeric: true), TableColumn("Findings by severity"),
            ],
            rows: hosts.map { host in
                let findings: HTMLFragment =
                    host.highestSeverity.map {
                        HTMLBlocks.badge(ReportWords.severityCounts(host.findingsBySeverity), kind: $0.rawValue)
                    } ?? "none"
                return [
                    HTMLBlocks.link("hosts/\(host.fileName).html", "\(host.hostname)"), "\(host.policyID ?? "none")",
                    HTMLBlocks.badge(ReportWords.status(host.status), kind: host.status.rawValue),
                    "\(host.operatingSystem)", "\(host.toAssignAuto)", "\(host.toAssignManual)", "\(host.assigned)",
                    "\(host.toUnassign)", "\(host.excluded)", findings,
                ]
            },
            emptyText: "No host was scanned."
        )
        .render()
    }

    private func rejectedTable() -> HTMLFragment {
        HTMLTable(
            caption: "Rejected inputs",
            columns: [TableColumn("File"), TableColumn("Line"), TableColumn("Reason")],
            rows: rejected.map { input in
                let position = [input.line, input.column].compactMap { $0 }.map(String.init).joined(separator: ":")
                return ["\(input.file)", "\(position)", "\(input.reason)"]
            },
            emptyText: "Every input was used."
        )
        .render()
    }

    private func exclusionsTable() -> HTMLFragment {
        HTMLTable(
            caption: "Exclusion overrides in the fleet",
            columns: [
                TableColumn("Level"), TableColumn("Owner"), TableColumn("Rule"), TableColumn("Reason"),
                TableColumn("By"), TableColumn("Expires"), TableColumn("State"), TableColumn("Hosts needing it"),
                TableColumn("Hygiene"),
            ],
            rows: exclusions.map { exclusion in
                let owner: HTMLFragment =
                    exclusion.level.kind == .computer
                    ? links.host(exclusion.ownerID, toRoot: "") : "\(exclusion.ownerID)"
                return [
                    "\(exclusion.level.kind.rawValue)", owner, links.rule(exclusion.ruleID, toRoot: ""),
                    "\(exclusion.reason ?? "")", "\(exclusion.by ?? "")", "\(exclusion.expires ?? "no expiry")",
                    HTMLBlocks.badge(exclusion.state.rawValue, kind: exclusion.state.rawValue),
                    "\(exclusion.needing) of \(exclusion.hosts)",
                    "\(exclusion.issues.isEmpty ? "fine" : exclusion.issues.map(\.rawValue).joined(separator: ", "))",
                ]
            },
            emptyText: "No exclusion is set on a policy or a computer."
        )
        .render()
    }

    private func triageTable() -> HTMLFragment {
        HTMLTable(
            caption: "Remediation plans per computer and rule",
            columns: [
                TableColumn("Host"), TableColumn("Rule"), TableColumn("Events", numeric: true),
                TableColumn("Blocked traffic"), TableColumn("Steps, in order"),
            ],
            rows: triage.map { plan in
                [
                    links.host(plan.hostname, toRoot: ""), links.rule(plan.ruleID, toRoot: ""), "\(plan.events)",
                    "\(ReportWords.yesNo(plan.blocked))", TriageText.steps(plan.steps),
                ]
            },
            emptyText: "No events were given, or none needs triage.",
            className: "triage"
        )
        .render()
    }

    private func ruleList() -> HTMLFragment {
        let items = rules.map { rule -> HTMLFragment in
            let name = catalog.rules[rule.id]?.name ?? rule.name
            let counts = [
                (Outcome.toAssign, "to assign"), (.assigned, "assigned"), (.toUnassign, "to unassign"),
                (.excluded, "excluded"),
            ]
            .map { outcome, label in "\(rule.rows(outcome).count) \(label)" }.joined(separator: ", ")
            let label: HTMLFragment = "<span class=\"rule-id\">\(rule.id)</span> \(name)"
            return HTMLBlocks.link("rules/\(rule.fileName).html", label)
                + " <span class=\"detail\">\(ReportWords.module(rule.module)), \(rule.severity.rawValue): \(counts)</span>"
        }
        guard !items.isEmpty else { return "<p class=\"none\">No rule appears on any host.</p>\n" }
        return HTMLBlocks.list(items, className: "rule-index")
    }
}

/// Triage steps in words, numbered as the plan numbers them.
enum TriageText {
    static func steps(_ steps: [TriageStep]) -> HTMLFragment {
        let sorted = steps.enumerated()
            .sorted { lhs, rhs in (lhs.element.order, lhs.offset) < (rhs.element.order, rhs.offset) }.map(\.element)
        return HTMLBlocks.orderedList(
            sorted.map { step in
                let optional: HTMLFragment =
                    step.optional ? " " + HTMLBlocks.badge("optional", kind: "optional") : .empty
                let attributes = step.attributes.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
                let detail: HTMLFragment =
                    attributes.isEmpty
                    ? " <span class=\"detail\">(\(step.action))</span>"
                    : " <span class=\"detail\">(\(step.action): \(attributes))</span>"
                return (number: step.order, content: "\(step.text)\(optional)\(detail)")
            }
        )
    }
}
