/// The dashboard's fleet-wide lists: in full while short, else a summary and a link to the
/// list's own page (``FleetListPages``).
extension IndexPage {
    static let rulesIntro = "Every rule that appears on at least one host, with the number of hosts per outcome."
    static let rejectedIntro =
        "Input files, or parts of them, that could not be used. The rest of the batch went on."
    static let exclusionsIntro =
        "Every \"exclude from recommendations\" override set on a policy or a computer: active (it hides a rule "
        + "some host would get), expired (past its date) or unused."
    static let triageIntro = "A remediation plan per computer and rule that fired; follow the steps in order."

    func rulesSection(_ tables: DashboardTables) -> HTMLFragment {
        let content =
            FleetListPages.isSplit(rules.count)
            ? FleetListPages.link(
                "rules.html", "All \(ReportWords.plural(rules.count, "rule")), with hosts per outcome")
            : tables.rulesTable()
        return HTMLBlocks.section(id: "rules", title: "Rules", count: rules.count, intro: Self.rulesIntro, content)
    }

    func rejectedSection() -> HTMLFragment {
        let rejected = results.rejected
        let content =
            FleetListPages.isSplit(rejected.count)
            ? FleetTables.rejected(Array(rejected.prefix(20)))
                + FleetListPages.link("rejected.html", "All \(ReportWords.plural(rejected.count, "rejected input"))")
            : FleetTables.rejected(rejected)
        return HTMLBlocks.section(
            id: "rejected",
            title: "Rejected inputs",
            count: rejected.count,
            intro: Self.rejectedIntro,
            content
        )
    }

    func exclusionsSection() -> HTMLFragment {
        let exclusions = results.exclusions
        let content =
            FleetListPages.isSplit(exclusions.count)
            ? exclusionSummary()
                + FleetListPages.link("exclusions.html", "All \(ReportWords.plural(exclusions.count, "exclusion"))")
            : FleetTables.exclusions(exclusions, links: links)
        return HTMLBlocks.section(
            id: "exclusions",
            title: "Exclusion overrides",
            count: exclusions.count,
            intro: Self.exclusionsIntro,
            content
        )
    }

    func triageSection() -> HTMLFragment {
        let plans = results.triage
        let content =
            FleetListPages.isSplit(plans.count)
            ? triageSummary() + FleetListPages.link("triage.html", "All \(ReportWords.plural(plans.count, "plan"))")
            : FleetTables.triage(plans, links: links, toRoot: "", showHost: true)
        return HTMLBlocks.section(
            id: "triage",
            title: "False-positive triage",
            count: plans.count,
            intro: Self.triageIntro,
            content
        )
    }

    /// Exclusions per rule: each policy that sets one, and computers counted by state.
    private func exclusionSummary() -> HTMLFragment {
        var order: [String] = []
        var byRule: [String: [FleetExclusion]] = [:]
        for exclusion in results.exclusions {
            if byRule[exclusion.ruleID] == nil { order.append(exclusion.ruleID) }
            byRule[exclusion.ruleID, default: []].append(exclusion)
        }
        let states: [FleetExclusion.State] = [.active, .expired, .unused]
        return HTMLTable(
            caption: "Exclusion overrides by rule",
            columns: [TableColumn("Rule"), TableColumn("On policies")]
                + states.map { TableColumn("On computers, \($0.rawValue)", numeric: true) },
            rows: order.sorted(by: RuleID.less).map { rule in
                let entries = byRule[rule] ?? []
                let policies = entries.filter { $0.level.kind != .computer }
                    .map { "policy \($0.ownerID) " + HTMLBlocks.badge($0.state.rawValue, kind: $0.state.rawValue) }
                let computers = entries.filter { $0.level.kind == .computer }
                return [links.rule(rule, toRoot: ""), HTMLFragment.joined(policies, separator: ", ")]
                    + states.map { state in HTMLBlocks.count(computers.filter { $0.state == state }.count) }
            },
            behavior: .interactive
        )
        .render()
    }

    /// Triage plans per rule: how many, how many blocked, on which hosts.
    private func triageSummary() -> HTMLFragment {
        var order: [String] = []
        var byRule: [String: [TriagePlan]] = [:]
        for plan in results.triage {
            if byRule[plan.ruleID] == nil { order.append(plan.ruleID) }
            byRule[plan.ruleID, default: []].append(plan)
        }
        return HTMLTable(
            caption: "Triage plans by rule",
            columns: [
                TableColumn("Rule"), TableColumn("Plans", numeric: true), TableColumn("Blocked traffic", numeric: true),
                TableColumn("Hosts"),
            ],
            rows: order.sorted(by: RuleID.less).map { rule in
                let plans = byRule[rule] ?? []
                let hosts = plans.prefix(8).map { links.host($0.hostname, toRoot: "") }
                let more: HTMLFragment =
                    plans.count > 8
                    ? " <span class=\"detail\">and \(ReportWords.number(plans.count - 8)) more</span>" : .empty
                return [
                    links.rule(rule, toRoot: ""), "\(plans.count)", HTMLBlocks.count(plans.filter(\.blocked).count),
                    HTMLFragment.joined(hosts, separator: ", ") + more,
                ]
            },
            behavior: .interactive
        )
        .render()
    }
}
