/// The fleet-wide lists of a report as tables: rejected inputs, exclusion overrides, triage plans.
enum FleetTables {
    static func rejected(_ rejected: [RejectedInput]) -> HTMLFragment {
        HTMLTable(
            caption: "Input files, or parts of them, that could not be used",
            columns: [TableColumn("File"), TableColumn("Line"), TableColumn("Reason")],
            rows: rejected.map { input in
                let position = [input.line, input.column].compactMap { $0 }.map(String.init).joined(separator: ":")
                return ["\(input.file)", "\(position)", "\(input.reason)"]
            },
            emptyText: "Every input was used.",
            behavior: .interactive
        )
        .render()
    }

    static func exclusions(_ exclusions: [FleetExclusion], links: PageLinks) -> HTMLFragment {
        HTMLTable(
            caption: "Exclusion overrides in the fleet",
            columns: [
                TableColumn("Rule"), TableColumn("Set on"), TableColumn("State"), TableColumn("Reason"),
                TableColumn("By"), TableColumn("Expires"),
            ],
            rows: exclusions.map { exclusion in
                let owner: HTMLFragment =
                    exclusion.level.kind == .computer
                    ? "computer " + links.host(exclusion.ownerID, toRoot: "") : "policy \(exclusion.ownerID)"
                return [
                    links.rule(exclusion.ruleID, toRoot: ""), owner,
                    HTMLBlocks.badge(exclusion.state.rawValue, kind: exclusion.state.rawValue),
                    "\(exclusion.reason ?? "")", "\(exclusion.by ?? "")", "\(exclusion.expires ?? "no expiry")",
                ]
            },
            emptyText: "No exclusion is set on a policy or a computer.",
            behavior: .interactive
        )
        .render()
    }

    /// Plans as a table; `toRoot` leads to the run folder, `showHost` adds the host column.
    static func triage(_ plans: [TriagePlan], links: PageLinks, toRoot: String, showHost: Bool) -> HTMLFragment {
        let host: [TableColumn] = showHost ? [TableColumn("Host")] : []
        return HTMLTable(
            caption: "Remediation plans per computer and rule, steps in order",
            columns: host + [
                TableColumn("Rule"), TableColumn("Events", numeric: true), TableColumn("Blocked traffic"),
                TableColumn("Steps, in order"),
            ],
            rows: plans.map { plan in
                let hostCell: [HTMLFragment] = showHost ? [links.host(plan.hostname, toRoot: toRoot)] : []
                let blocked =
                    plan.blocked
                    ? HTMLBlocks.badge("blocked", kind: "blocks") : "no: detect-only events" as HTMLFragment
                return hostCell + [
                    links.rule(plan.ruleID, toRoot: toRoot), "\(plan.events)", blocked, TriageText.steps(plan.steps),
                ]
            },
            emptyText: "No events were given, or none needs triage.",
            className: "triage"
        )
        .render()
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
