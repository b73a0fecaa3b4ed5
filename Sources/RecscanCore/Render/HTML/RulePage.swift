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
        // Whole literals, not interpolated: five new strings a page, on thousands of pages.
        let hosts = { (count: Int, one: String, many: String) in count == 1 ? one : many }
        let stats: [(value: Int, label: String, href: String, tone: String)] = [
            (
                counts.manual, hosts(counts.manual, "host waiting for a decision", "hosts waiting for a decision"),
                "#to-assign", "warn"
            ),
            (
                counts.auto, hosts(counts.auto, "host getting it automatically", "hosts getting it automatically"),
                "#to-assign", "ok"
            ),
            (
                counts.assigned, hosts(counts.assigned, "host with it assigned", "hosts with it assigned"),
                "#assigned", "info"
            ),
            (
                counts.toUnassign, hosts(counts.toUnassign, "host to unassign it from", "hosts to unassign it from"),
                "#to-unassign", "info"
            ),
            (
                counts.excluded, hosts(counts.excluded, "host excluding it", "hosts excluding it"),
                "#excluded", "info"
            ),
        ]
        // Appended in place: a fragment per card cost an allocation each, on every rule page.
        var cards = HTMLFragment.empty
        cards.reserve(stats.count * 160)
        for stat in stats {
            HTMLBlocks.appendCard(value: stat.value, label: stat.label, href: stat.href, tone: stat.tone, to: &cards)
        }
        let badges: [HTMLFragment] = [
            HTMLBlocks.severity(entry?.severity ?? rule.severity),
            Fixed.moduleBadge(rule.module),
            entry.map { $0.detectOnly ? Fixed.detectOnlyBadge : Fixed.canBlockBadge } ?? .empty,
            entry.map { $0.neverAutoReason == nil ? Fixed.automaticAllowedBadge : Fixed.neverAutomaticBadge }
                ?? Fixed.notInCatalogBadge,
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

    /// The markup every rule page repeats (badges, the facts' fixed values), made once: a run
    /// writes thousands of rule pages.
    private enum Fixed {
        // `allCases` is computed: a new array at every use.
        private static let modules = Module.allCases
        private static let moduleBadges = modules.map { HTMLBlocks.badge(ReportWords.module($0), kind: "module") }
        private static let moduleNames = modules.map { HTMLFragment(text: ReportWords.module($0)) }
        static func moduleBadge(_ module: Module) -> HTMLFragment { moduleBadges[modules.firstIndex(of: module) ?? 0] }
        static func moduleName(_ module: Module) -> HTMLFragment { moduleNames[modules.firstIndex(of: module) ?? 0] }
        static let detectOnlyBadge = HTMLBlocks.badge("detect only", kind: "ok")
        static let canBlockBadge = HTMLBlocks.badge("can block", kind: "blocks")
        static let automaticAllowedBadge = HTMLBlocks.badge("automatic allowed", kind: "auto")
        static let neverAutomaticBadge = HTMLBlocks.badge("never automatic", kind: "manual")
        static let notInCatalogBadge = HTMLBlocks.badge("not in catalog", kind: "error")
        static let none: HTMLFragment = "none"
        static let neverBlocks: HTMLFragment = "no: detect only, it never blocks whatever the engine mode"
        static let blocks: HTMLFragment =
            "yes: it blocks on hosts whose engine mode is inline and behavior is prevent"
        static let automaticAllowed: HTMLFragment =
            "allowed, on hosts whose policy applies recommendations automatically"
        static let excludedInCatalog: HTMLFragment = "excluded from recommendations in the catalog"
        static let custom: HTMLFragment = "yes: custom rules are never recommended"
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
            entry.cves.isEmpty ? Fixed.none : HTMLFragment.joined(entry.cves.map { "\($0)" }, separator: ", ")
        let blocking = entry.detectOnly ? Fixed.neverBlocks : Fixed.blocks
        let autoApply: HTMLFragment =
            entry.neverAutoReason.map {
                "never: \(ReportWords.neverAutoReason($0)) <span class=\"detail\">(\($0.rawValue))</span>"
            } ?? Fixed.automaticAllowed
        let exclusion = entry.excludedInCatalog ? Fixed.excludedInCatalog : Fixed.none
        var items: [(term: String, value: HTMLFragment)] = [
            (term: "ID", value: "\(entry.id)"), (term: "Name", value: "\(entry.name)"),
            (term: "Module", value: Fixed.moduleName(entry.module)),
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
        if entry.custom { items.append((term: "Custom", value: Fixed.custom)) }
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
