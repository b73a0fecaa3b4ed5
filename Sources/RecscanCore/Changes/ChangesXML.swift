/// The `<changes>` elements of `report.xml`: one inside each host that changed, and the
/// fleet-wide one right after `<summary>`.
enum ChangesXML {
    /// Writes a host's `<changes>` (last child of `<host>`).
    static func write(_ changes: HostChanges, to writer: XMLStreamWriter) throws {
        try writer.startElement("changes")
        try writer.attribute("added", changes.added ? "true" : nil)
        try writer.attribute("previousStatus", changes.previousStatus)
        for rule in changes.rules {
            try writer.element(
                "rule",
                [
                    ("id", rule.ruleID), ("change", rule.kind.rawValue), ("was", rule.was?.outcome.rawValue),
                    ("wasApply", rule.was?.apply?.rawValue), ("now", rule.now?.outcome.rawValue),
                    ("nowApply", rule.now?.apply?.rawValue),
                ])
        }
        for finding in changes.findings {
            try writer.element(
                "finding",
                [("change", finding.kind.rawValue)] + attributes(finding.finding))
        }
        try writer.endElement()
    }

    /// Writes the fleet-wide `<changes>`.
    static func write(_ changes: RunChanges, to writer: XMLStreamWriter) throws {
        try writer.startElement("changes")
        try writer.attribute("previousRun", changes.previousRun)
        try writer.attribute("previousCatalogVersion", changes.previousCatalogVersion)
        try writer.attribute("previousReferenceTime", changes.previousReferenceTime)
        if let reason = changes.unavailable {
            try writer.attribute("unavailable", reason)
            try writer.endElement()
            return
        }
        let counts: [(String, Int)] = [
            ("hostsAdded", changes.hostsAdded.count), ("hostsGone", changes.hostsGone.count),
            ("hostsChanged", changes.hostsChanged.count), ("newRecommendations", changes.newRecommendations),
            ("resolvedRecommendations", changes.resolvedRecommendations), ("newFindings", changes.newFindings),
            ("resolvedFindings", changes.resolvedFindings),
        ]
        for (name, value) in counts { try writer.attribute(name, String(value)) }
        for host in changes.hostsAdded { try writer.element("hostAdded", [("hostname", host)]) }
        for host in changes.hostsGone { try writer.element("hostGone", [("hostname", host)]) }
        for host in changes.hostsChanged {
            try writer.element(
                "hostChanged",
                [
                    ("hostname", host.hostname), ("previousStatus", host.previousStatus),
                    ("newRecommendations", String(host.newRecommendations)),
                    ("resolvedRecommendations", String(host.resolvedRecommendations)),
                    ("newFindings", String(host.newFindings)), ("resolvedFindings", String(host.resolvedFindings)),
                    ("otherRuleChanges", String(host.otherRuleChanges)),
                ])
        }
        for rule in changes.rules {
            try writer.element(
                "rule", [("id", rule.ruleID), ("new", String(rule.new)), ("resolved", String(rule.resolved))])
        }
        try writer.endElement()
    }

    private static func attributes(_ key: FindingKey) -> [(String, String?)] {
        [
            ("kind", key.kind), ("severity", key.severity), ("rule", key.ruleID), ("level", key.level),
            ("id", key.levelID),
        ]
    }
}
