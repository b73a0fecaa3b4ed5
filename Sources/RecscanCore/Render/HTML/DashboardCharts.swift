/// The dashboard's charts, built from the fleet tallies: where the work is, at a glance.
struct DashboardCharts: Sendable {
    var hosts: [HostDigest]
    var rules: [RuleDigest]
    var fleet: FleetDigest
    var catalog: Catalog

    /// The ten entries charts and top lists show.
    private static let top = 10

    private static let pending = [
        BarChart.Series(name: "decision", kind: "manual"), BarChart.Series(name: "automatic", kind: "auto"),
    ]

    func render() -> HTMLFragment {
        let charts = [outcomesByModule(), pendingBySeverity(), reasons(), topRules(), topHostsChart(), findings()]
        return "<div class=\"charts\">\n\(charts.map { $0.render() })</div>\n"
    }

    func outcomesByModule() -> BarChart {
        BarChart(
            id: "chart-modules",
            title: "Rules per module and outcome",
            series: Self.pending + [
                BarChart.Series(name: "assigned", kind: "assigned"),
                BarChart.Series(name: "to unassign", kind: "to-unassign"),
                BarChart.Series(name: "excluded", kind: "excluded"),
            ],
            bars: Module.allCases.map { module in
                let counts = fleet.modules[module] ?? OutcomeCounts()
                return BarChart.Bar(
                    label: ReportWords.module(module),
                    values: [counts.manual, counts.auto, counts.assigned, counts.toUnassign, counts.excluded]
                )
            },
            emptyText: "No rule applies to any host.",
            note: "Host and rule pairs, summed over every host."
        )
    }

    func pendingBySeverity() -> BarChart {
        BarChart(
            id: "chart-severity",
            title: "Rules to assign, by severity",
            series: Self.pending,
            bars: Severity.allCases.reversed().map { severity in
                let counts = fleet.pendingBySeverity[severity] ?? OutcomeCounts()
                return BarChart.Bar(label: severity.rawValue, values: [counts.manual, counts.auto])
            },
            emptyText: "Nothing to assign."
        )
    }

    func reasons() -> BarChart {
        BarChart(
            id: "chart-reasons",
            title: "Why decisions wait",
            series: [BarChart.Series(name: "decisions", kind: "manual")],
            bars: ReportWords.reasonOrder.compactMap { reason in
                fleet.reasons[reason].map { BarChart.Bar(label: ReportWords.shortReason(reason), values: [$0.items]) }
            },
            emptyText: "No decision is waiting.",
            note: "Each decision counts once, under its first reason: the rule's own before the host's."
        )
    }

    func topRules() -> BarChart {
        let ranked = rules.rankedPositions(where: { $0.counts.toAssign > 0 }, by: { $0.counts.toAssign })
            .prefix(Self.top).map { rules[$0] }
        return BarChart(
            id: "chart-rules",
            title: "Rules most hosts need",
            series: Self.pending,
            bars: ranked.map { rule in
                let name = catalog.rules[rule.id]?.name ?? rule.name
                return BarChart.Bar(label: "\(rule.id) \(name)", values: [rule.counts.manual, rule.counts.auto])
            },
            emptyText: "No host needs a rule.",
            note: "Hosts the rule is recommended for but not assigned to, top \(Self.top)."
        )
    }

    func topHostsChart() -> BarChart {
        BarChart(
            id: "chart-hosts",
            title: "Hosts with the most decisions waiting",
            series: [BarChart.Series(name: "decisions", kind: "manual")],
            bars: Self.topHosts(hosts, limit: Self.top).map {
                BarChart.Bar(label: $0.hostname, values: [$0.counts.manual])
            },
            emptyText: "No host has a decision waiting.",
            note: "Top \(Self.top), ties in hostname order."
        )
    }

    func findings() -> BarChart {
        let severities = Array(Severity.allCases.reversed())
        return BarChart(
            id: "chart-findings",
            title: "Audit findings by kind and severity",
            series: severities.map { BarChart.Series(name: $0.rawValue, kind: $0.rawValue) },
            bars: FindingKind.allCases.compactMap { kind in
                fleet.findingKinds[kind].map { tally in
                    BarChart.Bar(label: kind.rawValue, values: severities.map { tally.bySeverity[$0] ?? 0 })
                }
            },
            emptyText: "The audit found nothing."
        )
    }

    /// Hosts with decisions waiting, most first, ties in hostname order.
    static func topHosts(_ hosts: [HostDigest], limit: Int) -> [HostDigest] {
        hosts.rankedPositions(where: { $0.counts.manual > 0 }, by: { $0.counts.manual }).prefix(limit).map { hosts[$0] }
    }
}

extension Array {
    /// The elements by `key`, largest first; equal keys keep their order (hosts and rules come sorted).
    func ranked(by key: (Element) -> Int) -> [Element] {
        rankedPositions(where: { _ in true }, by: key).map { self[$0] }
    }

    /// The positions of the elements `include` keeps, by `key` as ``ranked(by:)`` orders them:
    /// only numbers are sorted, so a list of large elements is not copied to rank it.
    func rankedPositions(where include: (Element) -> Bool, by key: (Element) -> Int) -> [Int] {
        let kept = indices.filter { include(self[$0]) }
        let keys = kept.map { key(self[$0]) }
        return kept.indices.sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1 }.map { kept[$0] }
    }
}
