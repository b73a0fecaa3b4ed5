/// `recscan triage`: the remediation plans of every computer with events, without writing a report.
public enum TriageRun {
    /// One plan per (computer, rule) with events, sorted by host then rule.
    /// - Parameters:
    ///   - inputs: the run's inputs; only hosts with events are analysed.
    ///   - referenceTime: seconds since 1970, for expiry and staleness.
    ///   - maxAgeDays: inventories older than this are stale.
    ///   - hostname: only this computer's plans (case-insensitive), when given.
    ///   - ruleID: only this rule's plans, when given.
    public static func plans(
        _ inputs: ScanInputs, referenceTime: Int64, maxAgeDays: Int, hostname: String? = nil, ruleID: String? = nil
    ) -> [TriagePlan] {
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: inputs.catalog)), fleet: inputs.fleet,
            referenceTime: referenceTime, maxAgeDays: maxAgeDays, events: inputs.events)
        var plans: [TriagePlan] = []
        for var input in inputs.hosts where !input.events.isEmpty {
            if let hostname, input.hostname.lowercased() != hostname.lowercased() { continue }
            if let ruleID { input.events = input.events.filter { $0.ruleID == ruleID } }
            guard !input.events.isEmpty else { continue }
            plans += analyzer.analyze(input).triage
        }
        return plans
    }

    /// The plans as an XML `<plans>` document in the report namespace.
    /// - Throws: `OutputError` when libxml2 cannot serialize them.
    public static func xml(_ plans: [TriagePlan], catalogVersion: String, referenceTime: Int64) throws -> String {
        let writer = try XMLStreamWriter(fragmentNamed: "plans")
        try writer.startElement("plans")
        try writer.attribute("xmlns", ReportXMLWriter.namespace)
        try writer.attribute("catalogVersion", catalogVersion)
        try writer.attribute("referenceTime", Timestamps.iso8601(epochSeconds: referenceTime))
        for plan in plans { try HostXML.write(plan, to: writer) }
        try writer.endElement()
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + String(decoding: try writer.finishFragment(), as: UTF8.self)
            + "\n"
    }

    /// The plans' changes as Deep Security API requests (the `api-plan.json` shape): tap mode
    /// first, unassignments root policy first, exclusions, restorations last. `nil` when the
    /// fleet did not come from the manager's API export.
    public static func apiRequests(_ plans: [TriagePlan], fleet: Fleet) -> String? {
        guard let directory = fleet.manager else { return nil }
        var builder = APIPlanBuilder(fleet: fleet, manager: directory, approvals: [])
        for plan in plans { builder.add(plan) }
        return APIPlanJSON.document(builder.requests())
    }

    /// The plans as plain text: a heading per plan, then its steps numbered, optional ones marked.
    public static func text(_ plans: [TriagePlan]) -> String {
        var lines: [String] = []
        for plan in plans {
            if !lines.isEmpty { lines.append("") }
            lines.append(
                "\(plan.hostname) / rule \(plan.ruleID): \(TriagePlanner.count(plan.events, "hit")), "
                    + (plan.blocked ? "blocked traffic" : "detect-only, nothing blocked"))
            for step in plan.steps {
                let number = "\(step.order).".padding(toLength: 4, withPad: " ", startingAt: 0)
                lines.append("  \(number)\(step.text)")
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
