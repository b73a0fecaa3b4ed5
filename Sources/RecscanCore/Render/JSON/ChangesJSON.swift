/// The `changes` members of `report.json`: one in each host that changed, and the fleet-wide
/// one after `summary`, with the names `<changes>` has in `report.xml`.
enum ChangesJSON {
    /// `,"changes":{...}` of a host: `added` is always present (a boolean), the rule and
    /// finding changes are arrays.
    static func write(_ changes: HostChanges, to json: inout JSONBytes) {
        json.key("changes")
        json.open("added")
        json.bool(changes.added)
        json.optional("previousStatus", changes.previousStatus)
        json.array("rules", changes.rules) { json, rule in
            json.open("id")
            json.string(rule.ruleID)
            json.field("change", word: rule.kind.rawValue)
            json.optional("was", word: rule.was?.outcome.rawValue)
            json.optional("wasApply", word: rule.was?.apply?.rawValue)
            json.optional("now", word: rule.now?.outcome.rawValue)
            json.optional("nowApply", word: rule.now?.apply?.rawValue)
            json.close()
        }
        json.array("findings", changes.findings) { json, finding in
            json.open("change")
            json.plainString(finding.kind.rawValue)
            json.field("kind", finding.finding.kind)
            json.field("severity", finding.finding.severity)
            json.optional("rule", finding.finding.ruleID)
            json.optional("level", finding.finding.level)
            json.optional("id", finding.finding.levelID)
            json.close()
        }
        json.close()
    }

    /// `,\n"changes":{...}` of the fleet, on a line of its own. When the runs were compared, `hostsAdded`, `hostsGone`
    /// and `hostsChanged` are the lists themselves (XML's counts of the same names are their
    /// lengths); when they could not be, only `unavailable` follows the previous run's facts.
    static func write(_ changes: RunChanges, to json: inout JSONBytes) {
        json.lineKey("changes")
        json.open("previousRun")
        json.string(changes.previousRun)
        json.optional("previousCatalogVersion", changes.previousCatalogVersion)
        json.optional("previousReferenceTime", changes.previousReferenceTime)
        if let reason = changes.unavailable {
            json.field("unavailable", reason)
            json.close()
            return
        }
        json.field("newRecommendations", changes.newRecommendations)
        json.field("resolvedRecommendations", changes.resolvedRecommendations)
        json.field("newFindings", changes.newFindings)
        json.field("resolvedFindings", changes.resolvedFindings)
        json.strings("hostsAdded", changes.hostsAdded)
        json.strings("hostsGone", changes.hostsGone)
        json.array("hostsChanged", changes.hostsChanged) { json, host in
            json.open("hostname")
            json.string(host.hostname)
            json.optional("previousStatus", host.previousStatus)
            json.field("newRecommendations", host.newRecommendations)
            json.field("resolvedRecommendations", host.resolvedRecommendations)
            json.field("newFindings", host.newFindings)
            json.field("resolvedFindings", host.resolvedFindings)
            json.field("otherRuleChanges", host.otherRuleChanges)
            json.close()
        }
        json.array("rules", changes.rules) { json, rule in
            json.open("id")
            json.string(rule.ruleID)
            json.field("new", rule.new)
            json.field("resolved", rule.resolved)
            json.close()
        }
        json.close()
    }
}
