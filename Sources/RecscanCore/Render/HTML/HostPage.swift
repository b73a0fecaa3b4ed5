/// `hosts/<file>.html`: one host, in the order an operator works through it.
///
/// At a glance (counts, status and settings notices, the host's facts), then the decisions
/// waiting for a person with the reason in words, what automatic application will do, what to
/// unassign and where, the exclusions in force and where they come from, the audit findings,
/// the false-positive triage plans, and last the rules already in place. Every rule comes with
/// its evidence.
struct HostPage: Sendable {
    var host: HostReport
    var triage: [TriagePlan]
    var catalog: Catalog
    var run: RunInfo
    /// Rule pages exist for every rule on this host.
    let links: PageLinks
    /// Each of the host's rules' ordinal in the run's catalog index, when known: the memo finds
    /// a rule's link by it without hashing the rule's id.
    let ordinals: [Int]?

    init(host: HostReport, triage: [TriagePlan] = [], catalog: Catalog, run: RunInfo, ordinals: [Int] = []) {
        self.ordinals = host.ruleOrdinals(ordinals)
        self.host = host
        self.triage = triage
        self.catalog = catalog
        self.run = run
        self.links = PageLinks(pagedRules: Set(host.rules.map(\.ruleID)))
    }

    /// The page, rendered afresh.
    func render() -> [UInt8] {
        var memo = HostPageMemo()
        return render(memo: &memo)
    }

    /// The page, with what earlier hosts' pages worked out in `memo`.
    func render(memo: inout HostPageMemo) -> [UInt8] {
        memo.startHost()
        let decisions = results(.toAssign, apply: .manual)
        let automatic = results(.toAssign, apply: .auto)
        let unassign = results(.toUnassign)
        let excluded = results(.excluded)
        let assigned = results(.assigned)
        var contents: [(id: String, title: String, count: Int)] = [
            ("decisions", "Decisions needed", decisions.count), ("automatic", "Automatic", automatic.count),
            ("unassign", "To unassign", unassign.count), ("exclusions", "Exclusions", excluded.count),
            ("findings", "Findings", host.findings.count), ("triage", "Triage", triage.count),
            ("assigned", "Assigned", assigned.count), ("host", "Host details", 0),
        ]
        if let manager = host.manager {
            contents.insert(("manager", "Manager's scan", manager.disagreements.count), at: 5)
        }
        let uncovered = host.findings.count { $0.vulnerability != nil }
        if uncovered > 0 { contents.insert(("uncovered", "Unprotected vulnerabilities", uncovered), at: 4) }
        let tableOfContents = HTMLBlocks.list(
            contents.map { entry -> HTMLFragment in
                let count: HTMLFragment =
                    entry.id == "host" ? .empty : " <span class=\"count\">(\(entry.count))</span>"
                return "<a href=\"#\(entry.id)\">\(entry.title)</a>\(count)"
            }
        )
        let status = HTMLBlocks.badge(ReportWords.status(host.status), kind: host.status.rawValue)
        let page = HTMLPage(
            title: host.hostname,
            location: .subfolder,
            run: run,
            breadcrumb: [(label: "Fleet", href: "../index.html"), (label: "Hosts", href: "../index.html#hosts")],
            heading: "\(host.hostname) \(status)",
            subtitle: "<p class=\"lede\">Policy \(host.policyID ?? "none") · \(ReportWords.operatingSystem(host.os)) · "
                + "inventory collected \(host.collected ?? "unknown")</p>\n<nav class=\"toc\" aria-label=\"On this page\">\(tableOfContents)</nav>\n",
            sections: [
                glanceSection(decisions: decisions, automatic: automatic, unassign: unassign, excluded: excluded),
                ChangesSection.host(host.changes, links: links) ?? .empty,
                decisionsSection(decisions, memo: &memo), automaticSection(automatic, memo: &memo),
                unassignSection(unassign, memo: &memo), exclusionsSection(excluded, memo: &memo),
                VulnerabilitySection.host(host) ?? .empty, findingsSection(),
                ManagerSection.host(host.manager, links: links) ?? .empty,
                triageSection(), assignedSection(assigned, memo: &memo),
                hostSection(),
            ]
        )
        return page.render()
    }

    /// The positions in `host.rules` of the rules with this outcome (and apply class): tables
    /// read the rules in place, where copies of them cost a retain of every string each.
    private func results(_ outcome: Outcome, apply: ApplyClass? = nil) -> [Int] {
        host.rules.indices.filter { position in
            guard host.rules[position].outcome == outcome else { return false }
            guard let apply else { return true }
            // A to-assign rule without an apply class is treated as needing a decision.
            return (host.rules[position].apply ?? .manual) == apply
        }
    }

    // MARK: At a glance

    private func glanceSection(
        decisions: [Int],
        automatic: [Int],
        unassign: [Int],
        excluded: [Int]
    ) -> HTMLFragment {
        let urgent = host.findings.filter { $0.severity >= .high }.count
        let stats: [(value: Int, label: String, href: String, tone: String)] = [
            (decisions.count, "decisions needed", "#decisions", "warn"),
            (automatic.count, "assigned automatically", "#automatic", "ok"),
            (unassign.count, "to unassign", "#unassign", "info"),
            (excluded.count, "excluded", "#exclusions", "info"),
            (
                host.findings.count, urgent > 0 ? "findings, \(urgent) high" : "findings", "#findings",
                urgent > 0 ? "danger" : "info"
            ),
            (triage.count, "triage plans", "#triage", "danger"),
        ]
        let cards = stats.map { stat -> HTMLFragment in
            "<li class=\"card tone-\(stat.value == 0 ? "quiet" : stat.tone)\"><a href=\"\(stat.href)\">"
                + "<span class=\"value\">\(stat.value)</span> <span class=\"label\">\(stat.label)</span></a></li>"
        }
        return HTMLBlocks.section(
            id: "glance",
            title: "At a glance",
            notices() + "<ul class=\"cards compact\">\(cards)</ul>\n"
        )
    }

    /// What a reader must not miss before the tables: status, tap mode, detect-only behavior.
    private func notices() -> HTMLFragment {
        var notices = ReportWords.statusNotice(host.status).map(HTMLBlocks.alert) ?? .empty
        guard let settings = host.settings else { return notices }
        if settings.engineMode == .tap {
            notices =
                notices
                + HTMLBlocks.alert(
                    "The network engine is in tap mode (\(ReportWords.setAt(settings.engineModeSetAt))): "
                        + "blocking is off for every rule on this host."
                )
        }
        if settings.behavior == .detect {
            notices =
                notices
                + HTMLBlocks.alert(
                    "Intrusion prevention behavior is detect (\(ReportWords.setAt(settings.behaviorSetAt))): "
                        + "rules log but do not block."
                )
        }
        return notices
    }

    // MARK: Host details

    private func hostSection() -> HTMLFragment {
        var facts: [(term: String, value: HTMLFragment)] = [
            (term: "Status", value: HTMLBlocks.badge(ReportWords.status(host.status), kind: host.status.rawValue)),
            (term: "Policy", value: "\(host.policyID ?? "none")"),
            (term: "Operating system", value: operatingSystemFact),
            (term: "Inventory collected", value: collectedFact),
            (term: "Inventory sources", value: sourcesFact),
        ]
        if let settings = host.settings {
            facts += [
                (
                    term: "Engine mode",
                    value: "\(settings.engineMode.rawValue) "
                        + "<span class=\"detail\">(\(ReportWords.setAt(settings.engineModeSetAt)))</span>"
                ),
                (
                    term: "Behavior",
                    value: "\(settings.behavior.rawValue) "
                        + "<span class=\"detail\">(\(ReportWords.setAt(settings.behaviorSetAt)))</span>"
                ),
            ]
            for module in Module.allCases {
                let value = settings.autoApply[module].map(ReportWords.yesNo) ?? "no (default)"
                facts.append((term: "Auto-apply, \(ReportWords.module(module).lowercased())", value: "\(value)"))
            }
        } else {
            facts.append((term: "Effective settings", value: "not resolved for this host"))
        }
        return HTMLBlocks.section(
            id: "host",
            title: "Host details",
            intro: "Where the host's results come from, what the catalog can match of it, and the settings in force.",
            HTMLBlocks.facts(facts) + coverage
        )
    }
}
