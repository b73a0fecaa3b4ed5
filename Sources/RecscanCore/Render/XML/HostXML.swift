/// The XML vocabulary of hosts, rules, findings and triage plans in `report.xml`.
enum HostXML {
    /// Writes `<host>`; its rule elements go straight to `lines`, after what `writer` held.
    static func write(
        _ host: HostReport, to writer: XMLStreamWriter, lines: inout WrappedLines, memo: inout ReportFragmentMemo
    ) throws {
        try writer.startElement("host")
        try writer.attribute("hostname", host.hostname)
        try writer.attribute("policy", host.policyID)
        try writer.attribute("status", host.status.rawValue)
        try writer.attribute("collected", host.collected)
        if let os = host.os {
            try writer.element(
                "os", [("family", os.family), ("name", os.name), ("version", os.version), ("arch", os.arch)])
        }
        for source in host.inventorySources { try writer.element("source", [("file", source)]) }
        if let settings = host.settings { try write(settings, to: writer) }
        try write(host.rules, to: writer, lines: &lines, memo: &memo)
        for finding in host.findings {
            try writer.element(
                "finding",
                [
                    ("kind", finding.kind.rawValue), ("severity", finding.severity.rawValue), ("rule", finding.ruleID),
                    ("level", finding.level?.kind.rawValue), ("id", finding.level?.id),
                ], text: finding.message)
        }
        if let changes = host.changes { try ChangesXML.write(changes, to: writer) }
        try writer.endElement()
    }

    private static func write(_ settings: EffectiveSettings, to writer: XMLStreamWriter) throws {
        try writer.startElement("settings")
        try writer.attribute("engineMode", settings.engineMode.rawValue)
        try writer.attribute("behavior", settings.behavior.rawValue)
        if let level = settings.engineModeSetAt {
            try writer.element("setAt", [("setting", "engineMode"), ("level", level.kind.rawValue), ("id", level.id)])
        }
        if let level = settings.behaviorSetAt {
            try writer.element("setAt", [("setting", "behavior"), ("level", level.kind.rawValue), ("id", level.id)])
        }
        for module in Module.allCases.sorted() {
            try writer.element(
                "autoApply",
                [("module", module.rawValue), ("value", settings.autoApply[module] == true ? "yes" : "no")])
        }
        try writer.endElement()
    }

    /// Writes every `<rule>` element from serialized pieces kept in `memo` (rules and their
    /// evidence repeat from host to host), appended to `lines` after what `writer` held.
    private static func write(
        _ rules: [RuleResult], to writer: XMLStreamWriter, lines: inout WrappedLines, memo: inout ReportFragmentMemo
    ) throws {
        guard !rules.isEmpty else { return }
        let depth = writer.depth
        let serializer = ElementSerializer()
        try writer.rawElements(to: &lines) { lines in
            for rule in rules { try append(rule, depth: depth, to: &lines.bytes, memo: &memo, serializer: serializer) }
        }
    }

    private static func append(
        _ rule: RuleResult, depth: Int, to bytes: inout [UInt8], memo: inout ReportFragmentMemo,
        serializer: ElementSerializer
    ) throws {
        let hasChildren = !rule.evidence.isEmpty || !rule.assignedAt.isEmpty || rule.excludedBy != nil
        bytes += try memo.head(of: rule, depth: depth, serializer: serializer)
        bytes += try memo.tail(of: rule, hasChildren: hasChildren, serializer: serializer)
        guard hasChildren else { return }
        for evidence in rule.evidence {
            bytes += try memo.child(.evidence(evidence), depth: depth + 1, serializer: serializer) { writer in
                try writer.element(
                    "evidence", [("kind", evidence.kind.rawValue)] + evidence.attributes.map { ($0.name, $0.value) })
            }
        }
        for level in rule.assignedAt {
            bytes += try memo.child(.assignedAt(level), depth: depth + 1, serializer: serializer) { writer in
                try writer.element("assignedAt", [("level", level.kind.rawValue), ("id", level.id)])
            }
        }
        if let exclusion = rule.excludedBy {
            bytes += try memo.child(.excludedBy(exclusion), depth: depth + 1, serializer: serializer) { writer in
                try writer.element(
                    "excludedBy",
                    [
                        ("level", exclusion.level.kind.rawValue), ("id", exclusion.level.id),
                        ("reason", exclusion.reason), ("by", exclusion.by), ("expires", exclusion.expires),
                    ])
            }
        }
        bytes += try memo.end(depth: depth, serializer: serializer)
    }

    /// Writes the attributes of `<rule>` that follow from the rule itself.
    static func writeIdentity(of rule: RuleResult, to writer: XMLStreamWriter) throws {
        try writer.attribute("id", rule.ruleID)
        try writer.attribute("module", rule.module.rawValue)
        try writer.attribute("name", rule.name)
        try writer.attribute("severity", rule.severity.rawValue)
    }

    /// Writes the attributes of `<rule>` that say what happens to it on the host.
    static func writeOutcome(of rule: RuleResult, to writer: XMLStreamWriter) throws {
        try writer.attribute("outcome", rule.outcome.rawValue)
        try writer.attribute("apply", rule.apply?.rawValue)
        try writer.attribute("reason", rule.reason?.rawValue)
        try writer.attribute("blocks", rule.blocks ? "true" : "false")
    }

    static func write(_ plan: TriagePlan, to writer: XMLStreamWriter) throws {
        try writer.startElement("triage")
        try writer.attribute("hostname", plan.hostname)
        try writer.attribute("rule", plan.ruleID)
        try writer.attribute("events", String(plan.events))
        try writer.attribute("blocked", plan.blocked ? "true" : "false")
        for step in plan.steps {
            try writer.element(
                "step",
                [("order", String(step.order)), ("action", step.action), ("optional", step.optional ? "true" : nil)]
                    + step.attributes.map { ($0.name, $0.value) },
                text: step.text)
        }
        try writer.endElement()
    }
}
