/// The host page's comparison of the manager's own recommendation scan with this report: does
/// the manager recommend what the host really runs?
enum ManagerSection {
    /// The section, or `nil` when the fleet came without a scan of the host by the manager.
    static func host(_ comparison: ManagerComparison?, links: PageLinks) -> HTMLFragment? {
        guard let comparison else { return nil }
        let scans = comparison.scans.map { scan -> String in
            let status = scan.status.map { ReportWords.managerScanStatus($0) } ?? "status not given"
            return "\(ReportWords.module(scan.module)): \(status)\(scan.scanned.map { ", scanned \($0)" } ?? "")"
        }
        let differing = comparison.disagreements.count
        let summary =
            "The manager and recscan agree on \(ReportWords.number(comparison.agreements)) recommendation"
            + "\(comparison.agreements == 1 ? "" : "s") and differ on \(ReportWords.number(differing)). "
            + "The manager's scan: \(scans.joined(separator: "; "))."
        let table = HTMLTable(
            caption: "Rules the manager and recscan recommend differently",
            columns: [
                TableColumn("Rule"), TableColumn("Module"), TableColumn("Who recommends what"),
                TableColumn("Likeliest cause"),
            ],
            rows: comparison.disagreements.map { item in
                [
                    links.rule(item.ruleID, toRoot: "../"), "\(ReportWords.module(item.module))",
                    "\(ReportWords.direction(item.direction))", "\(item.message)",
                ]
            },
            emptyText: "None: the manager recommends what recscan does.")
        return HTMLBlocks.section(
            id: "manager", title: "The manager's recommendation scan", count: differing,
            intro: summary, table.render())
    }
}

extension ManagerSection {
    /// The dashboard's section: how the manager's scans compare across the fleet, by cause, and
    /// the hosts where they differ. `nil` when the manager scanned none of the hosts.
    static func fleet(_ tally: FleetDigest.ManagerTally, links: PageLinks) -> HTMLFragment? {
        guard tally.hosts > 0 else { return nil }
        let causes = ManagerComparison.Disagreement.Cause.allCases.compactMap { cause -> [HTMLFragment]? in
            guard let count = tally.causes[cause] else { return nil }
            return [
                "\(ReportWords.cause(cause))", HTMLBlocks.count(count.items), HTMLBlocks.count(count.hosts),
            ]
        }
        let byCause = HTMLTable(
            caption: "Differences by likeliest cause",
            columns: [TableColumn("Cause"), TableColumn("Rules", numeric: true), TableColumn("Hosts", numeric: true)],
            rows: causes, emptyText: "None: the manager recommends what recscan does on every host it scanned.")
        let hosts = HTMLTable(
            caption: "Hosts where they differ",
            columns: [TableColumn("Host"), TableColumn("Differences", numeric: true)],
            rows: tally.differing.map { [links.host($0.hostname, toRoot: ""), HTMLBlocks.count($0.count)] },
            emptyText: "None.")
        let more = tally.differingHosts - tally.differing.count
        let rest: HTMLFragment = more > 0 ? "<p>And \(ReportWords.plural(more, "more host")).</p>\n" : .empty
        return HTMLBlocks.section(
            id: "manager", title: "The manager's recommendation scans", count: tally.disagreements,
            intro: "Does the manager recommend what the hosts really run? Its own scans agree with this report on "
                + "\(ReportWords.plural(tally.agreements, "recommendation")) over \(ReportWords.plural(tally.hosts, "host")); "
                + "each difference is on the host's page with its cause.",
            byCause.render() + hosts.render() + rest)
    }
}

extension ReportWords {
    /// A cause of a difference with the manager, in words.
    static func cause(_ cause: ManagerComparison.Disagreement.Cause) -> String {
        switch cause {
        case .notInCatalog: "recscan's catalog lacks the rule"
        case .excluded: "an exclusion holds the rule back"
        case .managerScanOutdated: "the manager's scan is out of date or older than the inventory"
        case .inventoryLacks: "the inventory lacks what the rule protects"
        case .managerMissed: "the manager's scan missed what the inventory shows"
        case .alreadyAssigned: "the rule is assigned already"
        }
    }

    /// "The manager recommends assigning it; recscan does not", shortly.
    static func direction(_ direction: ManagerComparison.Disagreement.Direction) -> String {
        switch direction {
        case .managerAssigns: "manager: assign · recscan: no"
        case .recscanAssigns: "recscan: assign · manager: no"
        case .managerUnassigns: "manager: unassign · recscan: keep"
        case .recscanUnassigns: "recscan: unassign · manager: keep"
        }
    }

    /// The manager's `recommendationScanStatus` in words.
    static func managerScanStatus(_ status: String) -> String {
        switch status {
        case "valid": "up to date"
        case "out-of-date": "out of date"
        case "none": "never scanned"
        default: status
        }
    }
}
