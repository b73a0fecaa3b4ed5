/// `recscan explain` as plain text: the answer first, then every criterion with every
/// alternative checked, the exclusion walk, assignments, blocking and automatic application.
public enum ExplanationText {
    /// The explanation as lines of text, ending with a newline.
    public static func render(_ explanation: RuleExplanation) -> String {
        var lines: [String] = []
        let name = explanation.rule.map { ": \($0.name)" } ?? ""
        lines.append("\(explanation.hostname) / rule \(explanation.ruleID)\(name)")
        var about: [String] = []
        if let rule = explanation.rule {
            about.append("\(rule.module.rawValue), severity \(rule.severity.rawValue)")
            if !rule.cves.isEmpty { about.append(rule.cves.joined(separator: ", ")) }
            let flags = [
                rule.neverAutoReason.map { "never applied automatically (\($0.rawValue))" },
                rule.detectOnly ? "detect-only" : nil, rule.custom ? "custom" : nil,
                rule.excludedInCatalog ? "excluded in the catalog" : nil,
            ].compactMap { $0 }
            about += flags
        }
        about.append(
            "host \(explanation.hostname): policy \(explanation.policyID ?? "none"), status \(explanation.status.rawValue)"
        )
        lines.append(about.joined(separator: "; "))
        lines.append("")
        lines.append("Answer: \(explanation.answer.rawValue)")
        lines.append(explanation.summary)
        if !explanation.criteria.isEmpty {
            lines.append("")
            lines.append("Criteria (every one must hold):")
            for check in explanation.criteria {
                lines.append("  \(pad("[\(check.state.rawValue)]", 12))\(check.text)")
                for fact in check.facts { lines.append("  \(pad("", 12))\(fact.met ? "[+]" : "[-]") \(fact.text)") }
            }
        }
        if let neededBy = explanation.neededBy {
            lines.append("")
            lines.append("Dependency: recommended rule \(neededBy) depends on it (dependsOn).")
        }
        lines.append("")
        lines += exclusionLines(explanation)
        lines.append("")
        lines.append(
            explanation.assignedAt.isEmpty
                ? "Assigned: nowhere in the computer's policy chain or on the computer."
                : "Assigned on: \(explanation.assignedAt.map(\.phrase).joined(separator: ", ")) (root policy first)."
        )
        if let blocking = explanation.blocking {
            lines.append("Blocking: \(blocking.text(assigned: !explanation.assignedAt.isEmpty))")
        }
        if let auto = explanation.autoApplication { lines.append("Automatic application: \(auto.text)") }
        if !explanation.findings.isEmpty {
            lines.append("")
            lines.append("Findings about this rule:")
            for finding in explanation.findings {
                lines.append("  \(finding.severity.rawValue) \(finding.kind.rawValue): \(finding.message)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func exclusionLines(_ explanation: RuleExplanation) -> [String] {
        guard !explanation.exclusions.isEmpty else {
            let policies = explanation.policyChain.reversed().map { "policy \($0)" }
            return ["Exclusions: none (\((["the computer"] + policies + ["the catalog"]).joined(separator: ", ")))."]
        }
        var lines = ["Exclusions, nearest level first (the first one in force decides):"]
        for check in explanation.exclusions {
            let what = check.excluded ? "excluded" : "enabled"
            let details = [
                check.reason.map { "\"\($0)\"" }, check.by.map { "by \($0)" }, check.expires.map { "expires \($0)" },
            ]
            .compactMap { $0 }.joined(separator: ", ")
            let level = check.level == .catalog ? "the catalog flag" : check.level.phrase
            lines.append(
                "  \(pad("[\(check.state.rawValue)]", 14))\(level): \(what)\(details.isEmpty ? "" : " (\(details))")")
        }
        return lines
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

extension BlockingExplanation {
    /// Whether the rule blocks and which settings decide it, e.g. "does not block: the engine
    /// mode is tap (set on the computer)".
    public func text(assigned: Bool) -> String {
        func at(_ level: Level?) -> String { level.map { "set on \($0.phrase)" } ?? "the default" }
        guard actsOnTraffic else { return "no; only intrusion-prevention rules act on traffic." }
        let settings =
            "Engine mode \(engineMode.rawValue), \(at(engineModeSetAt)); behavior \(behavior.rawValue), \(at(behaviorSetAt))"
            + (detectOnly ? "; the rule is detect-only." : "; the rule is not detect-only.")
        if blocks {
            return (assigned ? "yes, it blocks traffic. " : "it would block traffic once assigned. ") + settings
        }
        var reasons: [String] = []
        if engineMode == .tap { reasons.append("the engine is in tap mode, so nothing blocks") }
        if behavior == .detect { reasons.append("the behavior is detect, so matches are only logged") }
        if detectOnly { reasons.append("the rule only detects") }
        return "no; \(reasons.joined(separator: " and ")). \(settings)"
    }
}
