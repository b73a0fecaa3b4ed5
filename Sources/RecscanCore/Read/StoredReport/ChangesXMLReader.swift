/// Reads the `<changes>` elements `ChangesXML` writes: a host's, and the fleet-wide one.
enum ChangesXMLReader {
    /// A host's `<changes>` start tag.
    static func hostChanges(_ element: SAXElement) -> HostChanges {
        HostChanges(added: element.value("added") == "true", previousStatus: element.value("previousStatus"))
    }

    /// A child of a host's `<changes>`.
    static func add(_ element: SAXElement, to changes: inout HostChanges?) {
        guard element.kind == .start else { return }
        if element.isNamed("rule"), let id = element.value("id"),
            let kind = element.value("change").flatMap(RuleChange.Kind.init(rawValue:))
        {
            changes?.rules.append(
                RuleChange(
                    ruleID: id, kind: kind, was: state(element.value("was"), apply: element.value("wasApply")),
                    now: state(element.value("now"), apply: element.value("nowApply"))))
        } else if element.isNamed("finding"), let kind = element.value("change").flatMap(FindingChange.Kind.init) {
            changes?.findings.append(
                FindingChange(
                    kind: kind,
                    finding: FindingKey(
                        kind: element.value("kind") ?? "", severity: element.value("severity") ?? "",
                        ruleID: element.value("rule"), level: element.value("level"), levelID: element.value("id"))))
        }
    }

    private static func state(_ outcome: String?, apply: String?) -> RuleState? {
        guard let outcome = outcome.flatMap(Outcome.init(rawValue:)) else { return nil }
        return RuleState(outcome: outcome, apply: apply.flatMap(ApplyClass.init(rawValue:)))
    }

    /// The fleet-wide `<changes>` start tag.
    static func runChanges(_ element: SAXElement) -> RunChanges {
        RunChanges(
            previousRun: element.value("previousRun") ?? "",
            previousCatalogVersion: element.value("previousCatalogVersion"),
            previousReferenceTime: element.value("previousReferenceTime"), unavailable: element.value("unavailable"))
    }

    /// A child of the fleet-wide `<changes>`.
    static func add(_ element: SAXElement, to changes: inout RunChanges?) {
        guard element.kind == .start else { return }
        func count(_ name: String) -> Int { element.value(named: name).flatMap(Int.init) ?? 0 }
        if element.isNamed("hostAdded"), let name = element.value("hostname") {
            changes?.hostsAdded.append(name)
        } else if element.isNamed("hostGone"), let name = element.value("hostname") {
            changes?.hostsGone.append(name)
        } else if element.isNamed("hostChanged"), let name = element.value("hostname") {
            changes?.hostsChanged.append(
                HostChangeSummary(
                    hostname: name, previousStatus: element.value("previousStatus"),
                    newRecommendations: count("newRecommendations"),
                    resolvedRecommendations: count("resolvedRecommendations"), newFindings: count("newFindings"),
                    resolvedFindings: count("resolvedFindings"), otherRuleChanges: count("otherRuleChanges")))
        } else if element.isNamed("rule"), let id = element.value("id") {
            changes?.rules.append(RuleChangeCount(ruleID: id, new: count("new"), resolved: count("resolved")))
        }
    }
}
