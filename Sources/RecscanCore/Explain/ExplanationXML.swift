/// `recscan explain --format xml`: an `<explain>` document in the report namespace
/// (`recscan schema report` describes it).
public enum ExplanationXML {
    /// The explanation as a complete XML document.
    /// - Throws: `OutputError` when libxml2 cannot serialize it.
    public static func render(_ explanation: RuleExplanation) throws -> String {
        let writer = try XMLStreamWriter(fragmentNamed: "explain")
        try writer.startElement("explain")
        try writer.attribute("xmlns", ReportXMLWriter.namespace)
        try writer.attribute("hostname", explanation.hostname)
        try writer.attribute("policy", explanation.policyID)
        try writer.attribute("status", explanation.status.rawValue)
        try writer.attribute("rule", explanation.ruleID)
        if let rule = explanation.rule {
            try writer.attribute("name", rule.name)
            try writer.attribute("module", rule.module.rawValue)
            try writer.attribute("severity", rule.severity.rawValue)
        }
        try writer.attribute("answer", explanation.answer.rawValue)
        try writer.attribute("outcome", explanation.result?.outcome.rawValue)
        try writer.attribute("apply", explanation.result?.apply?.rawValue)
        try writer.attribute("reason", explanation.result?.reason?.rawValue)
        try writer.element("text", text: explanation.summary)
        for check in explanation.criteria {
            try writer.startElement("criterion")
            try writer.attribute("kind", check.kind.rawValue)
            try writer.attribute("state", check.state.rawValue)
            try writer.element("text", text: check.text)
            for fact in check.facts {
                try writer.element(
                    "fact", [("met", fact.met ? "true" : "false")] + fact.attributes.map { ($0.name, $0.value) },
                    text: fact.text)
            }
            try writer.endElement()
        }
        if let neededBy = explanation.neededBy { try writer.element("neededBy", [("rule", neededBy)]) }
        for check in explanation.exclusions {
            try writer.element(
                "exclusion",
                [
                    ("level", check.level.kind.rawValue), ("id", check.level.id),
                    ("excluded", check.excluded ? "true" : "false"), ("reason", check.reason), ("by", check.by),
                    ("expires", check.expires), ("state", check.state.rawValue),
                ])
        }
        for level in explanation.assignedAt {
            try writer.element("assignedAt", [("level", level.kind.rawValue), ("id", level.id)])
        }
        if let blocking = explanation.blocking {
            try writer.element(
                "blocking",
                [
                    ("blocks", blocking.blocks ? "true" : "false"), ("engineMode", blocking.engineMode.rawValue),
                    ("engineModeLevel", blocking.engineModeSetAt?.kind.rawValue),
                    ("engineModeId", blocking.engineModeSetAt?.id), ("behavior", blocking.behavior.rawValue),
                    ("behaviorLevel", blocking.behaviorSetAt?.kind.rawValue),
                    ("behaviorId", blocking.behaviorSetAt?.id),
                    ("detectOnly", blocking.detectOnly ? "true" : "false"),
                ], text: blocking.text(assigned: !explanation.assignedAt.isEmpty))
        }
        if let auto = explanation.autoApplication {
            try writer.element(
                "autoApplication",
                [
                    ("value", auto.moduleAutoApply ? "yes" : "no"), ("level", auto.setAt?.kind.rawValue),
                    ("id", auto.setAt?.id), ("wouldAdd", auto.wouldAdd ? "true" : "false"),
                ], text: auto.text)
        }
        for finding in explanation.findings {
            try writer.element(
                "finding",
                [
                    ("kind", finding.kind.rawValue), ("severity", finding.severity.rawValue), ("rule", finding.ruleID),
                    ("level", finding.level?.kind.rawValue), ("id", finding.level?.id),
                ], text: finding.message)
        }
        try writer.endElement()
        let body = try writer.finishFragment()
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + String(decoding: body, as: UTF8.self) + "\n"
    }
}

extension ScanInputs {
    /// The input of the host named `hostname` (case-insensitively), if the inventories or the fleet know it.
    public func host(named hostname: String) -> HostInput? {
        let key = hostname.lowercased()
        return hosts.first { $0.hostname.lowercased() == key }
    }
}
