/// `rules/<file>.html`: one rule, its flags, and every host that needs, has, should drop or excludes it.
///
/// The rule's facts come first (severity, CVEs, whether it can block, whether it may be applied
/// automatically), then a count per policy, then a section per outcome. A section lists every
/// host in a table; past ``rowLimit`` hosts it groups them by policy and detail instead, with
/// every host still linked, so the page stays light for a large fleet.
struct RulePage: Sendable {
    var rule: RuleDigest
    /// One row per host that has the rule, in host order.
    var rows: [RuleHostRow]
    /// Every host of the run, in written order; rows point into it.
    var hosts: [HostDigest]
    var catalog: Catalog
    var run: RunInfo
    var links: PageLinks
    /// Where the list of every rule is, from a rule page: the dashboard, or its own page.
    var rulesHref = "../index.html#rules"
    /// Hosts listed one per row in a section; more are grouped.
    var rowLimit = 500

    /// The page, rendered afresh.
    func render() -> [UInt8] {
        var memo = RulePageMemo(hosts: hosts)
        return render(memo: &memo)
    }

    /// The page, with the cells other rule pages of the run share in `memo`.
    func render(memo: inout RulePageMemo) -> [UInt8] {
        let entry = catalog.rules[rule.id]
        let name = entry?.name ?? rule.name
        let counts = rule.counts
        let hosts = { (count: Int) in count == 1 ? "host" : "hosts" }
        let stats: [(value: Int, label: String, href: String, tone: String)] = [
            (counts.manual, "\(hosts(counts.manual)) waiting for a decision", "#to-assign", "warn"),
            (counts.auto, "\(hosts(counts.auto)) getting it automatically", "#to-assign", "ok"),
            (counts.assigned, "\(hosts(counts.assigned)) with it assigned", "#assigned", "info"),
            (counts.toUnassign, "\(hosts(counts.toUnassign)) to unassign it from", "#to-unassign", "info"),
            (counts.excluded, "\(hosts(counts.excluded)) excluding it", "#excluded", "info"),
        ]
        // Appended in place: a fragment per card cost an allocation each, on every rule page.
        var cards = HTMLFragment.empty
        cards.reserve(stats.count * 160)
        for stat in stats {
            HTMLBlocks.appendCard(value: stat.value, label: stat.label, href: stat.href, tone: stat.tone, to: &cards)
        }
        let badges: [HTMLFragment] = [
            HTMLBlocks.severity(entry?.severity ?? rule.severity),
            HTMLBlocks.badge(ReportWords.module(rule.module), kind: "module"),
            entry.map {
                $0.detectOnly
                    ? HTMLBlocks.badge("detect only", kind: "ok") : HTMLBlocks.badge("can block", kind: "blocks")
            }
                ?? .empty,
            entry.map { rule in
                rule.neverAutoReason == nil
                    ? HTMLBlocks.badge("automatic allowed", kind: "auto")
                    : HTMLBlocks.badge("never automatic", kind: "manual")
            } ?? HTMLBlocks.badge("not in catalog", kind: "error"),
        ]
        let page = HTMLPage(
            title: "Rule \(rule.id)",
            location: .subfolder,
            run: run,
            breadcrumb: [(label: "Fleet", href: "../index.html"), (label: "Rules", href: rulesHref)],
            heading: "<span class=\"rule-id\">\(rule.id)</span> <span class=\"rule-name\">\(name)</span>",
            subtitle: "<p class=\"lede\">\(HTMLFragment.joined(badges, separator: " "))</p>\n",
            sections: [
                HTMLBlocks.section(
                    id: "rule",
                    title: "The rule",
                    "<ul class=\"cards compact\">\(cards)</ul>\n" + facts(entry)
                ),
                HTMLBlocks.section(
                    id: "by-policy",
                    title: "By policy",
                    intro: "Hosts per outcome under each policy: a rule assigned on a policy reaches all its hosts.",
                    byPolicy(memo)
                ),
                section(.toAssign, memo: &memo), section(.assigned, memo: &memo),
                section(.toUnassign, memo: &memo), section(.excluded, memo: &memo),
            ]
        )
        return page.render()
    }

    private func facts(_ entry: Rule?) -> HTMLFragment {
        guard let entry else {
            let notice = HTMLBlocks.alert("This rule is not in catalog version \(run.catalogVersion).")
            return notice
                + HTMLBlocks.facts([
                    (term: "ID", value: "\(rule.id)"), (term: "Name", value: "\(rule.name)"),
                    (term: "Module", value: "\(ReportWords.module(rule.module))"),
                    (term: "Severity", value: HTMLBlocks.severity(rule.severity)),
                ])
        }
        let cves: HTMLFragment =
            entry.cves.isEmpty ? "none" : HTMLFragment.joined(entry.cves.map { "\($0)" }, separator: ", ")
        let blocking: HTMLFragment =
            entry.detectOnly
            ? "no: detect only, it never blocks whatever the engine mode"
            : "yes: it blocks on hosts whose engine mode is inline and behavior is prevent"
        let autoApply: HTMLFragment =
            entry.neverAutoReason.map {
                "never: \(ReportWords.neverAutoReason($0)) <span class=\"detail\">(\($0.rawValue))</span>"
            } ?? "allowed, on hosts whose policy applies recommendations automatically"
        let exclusion: HTMLFragment = entry.excludedInCatalog ? "excluded from recommendations in the catalog" : "none"
        var items: [(term: String, value: HTMLFragment)] = [
            (term: "ID", value: "\(entry.id)"), (term: "Name", value: "\(entry.name)"),
            (term: "Module", value: "\(ReportWords.module(entry.module))"),
            (term: "Severity", value: HTMLBlocks.severity(entry.severity)), (term: "CVEs", value: cves),
        ]
        if let typeID = entry.applicationTypeID {
            let type = catalog.applicationTypes[typeID]
            let detail = type.map { "\($0.name) (\($0.direction) \($0.transport) \($0.ports))" } ?? typeID
            items.append((term: "Application type", value: "\(detail)"))
        }
        if !entry.dependsOn.isEmpty {
            let rules = entry.dependsOn.map { links.rule($0, toRoot: "../") }
            items.append((term: "Depends on", value: HTMLFragment.joined(rules, separator: ", ")))
        }
        items += [
            (term: "Can block", value: blocking), (term: "Automatic application", value: autoApply),
            (term: "Catalog exclusion", value: exclusion),
        ]
        if entry.custom { items.append((term: "Custom", value: "yes: custom rules are never recommended")) }
        if let description = entry.description, !description.isEmpty {
            items.append((term: "Description", value: "\(description)"))
        }
        return HTMLBlocks.facts(items)
    }

    private func byPolicy(_ memo: RulePageMemo) -> HTMLFragment {
        var tallies = [OutcomeCounts?](repeating: nil, count: memo.policyCells.count)
        for row in rows {
            let rank = memo.policyRank[row.host]
            var counts = tallies[rank] ?? OutcomeCounts()
            switch row.outcome {
            case .toAssign: if row.apply == .auto { counts.auto += 1 } else { counts.manual += 1 }
            case .assigned: counts.assigned += 1
            case .toUnassign: counts.toUnassign += 1
            case .excluded: counts.excluded += 1
            }
            tallies[rank] = counts
        }
        let columns = [
            TableColumn("Policy"), TableColumn("Need a decision", numeric: true),
            TableColumn("Automatic", numeric: true), TableColumn("Have it", numeric: true),
            TableColumn("Should drop it", numeric: true), TableColumn("Exclude it", numeric: true),
        ]
        var body = HTMLTableRows(columns: columns)
        for (rank, counts) in tallies.enumerated() {
            guard let counts else { continue }
            body.row { row in
                row.cell(memo.policyCells[rank])
                // Cell by cell, not over an array of the counts: an allocation per row.
                row.cell(writing: { HTMLBlocks.appendCount(counts.manual, to: &$0) })
                row.cell(writing: { HTMLBlocks.appendCount(counts.auto, to: &$0) })
                row.cell(writing: { HTMLBlocks.appendCount(counts.assigned, to: &$0) })
                row.cell(writing: { HTMLBlocks.appendCount(counts.toUnassign, to: &$0) })
                row.cell(writing: { HTMLBlocks.appendCount(counts.excluded, to: &$0) })
            }
        }
        return HTMLTable(
            caption: "Hosts per outcome, by policy", columns: columns, body: body, emptyText: "No host.",
            behavior: .sortable
        )
        .render()
    }
}
