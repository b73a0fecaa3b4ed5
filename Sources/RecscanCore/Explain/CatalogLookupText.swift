/// `recscan rules` as text: a heading with the catalog and the question, then each rule with the
/// criteria a host must meet; when nothing matches, what the catalog does cover.
public enum RulesText {
    /// The answer to `question`: `rules` with their criteria, or what the catalog covers.
    public static func render(
        _ rules: [Rule], catalog: Catalog, question: CatalogLookup.Question,
        coverage: [(ecosystem: Ecosystem, rules: Int)]
    ) -> String {
        let asked = describe(question)
        var lines: [String] = []
        let count = rules.count == 1 ? "1 rule" : "\(rules.count) rules"
        lines.append("catalog \(catalog.version): \(count)\(asked.isEmpty ? "" : " \(asked)")")
        for rule in rules { lines += describe(rule) }
        if rules.isEmpty {
            let covered = coverage.map { "\($0.ecosystem.rawValue) \($0.rules)" }.joined(separator: ", ")
            lines.append(
                "No rule \(asked): a host that runs it gets no recommendation for it. Rules that match packages, "
                    + "by ecosystem: \(covered.isEmpty ? "none" : covered).")
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ question: CatalogLookup.Question) -> String {
        var parts: [String] = []
        if let package = question.package { parts.append("package \(package)") }
        if let ecosystem = question.ecosystem { parts.append("in \(ecosystem.rawValue)") }
        if let cve = question.cve { parts.append("protecting against \(cve)") }
        return parts.isEmpty ? "" : "for " + parts.joined(separator: " ")
    }

    static func describe(_ rule: Rule) -> [String] {
        var lines = ["", "\(rule.id)  \(rule.module.rawValue)  \(rule.severity.rawValue)  \(rule.name)"]
        let applies = rule.applies
        if !applies.operatingSystems.isEmpty {
            lines.append("  os (any of): " + applies.operatingSystems.map(describe).joined(separator: "; "))
        }
        for software in applies.software { lines.append("  software: " + describe(software)) }
        let presence =
            applies.ports.map { "port \($0.port)/\($0.transport)" } + applies.files.map { "file \($0)" }
            + applies.services.map { "service \($0)" }
        if !presence.isEmpty { lines.append("  present (any of): " + presence.joined(separator: ", ")) }
        if let type = rule.applicationTypeID { lines.append("  application type: \(type)") }
        if !rule.cves.isEmpty { lines.append("  CVEs: " + rule.cves.joined(separator: ", ")) }
        if !rule.dependsOn.isEmpty { lines.append("  depends on: " + rule.dependsOn.joined(separator: ", ")) }
        if applies.operatingSystems.isEmpty && applies.software.isEmpty && !applies.hasPresenceAlternatives
            && rule.applicationTypeID == nil
        {
            lines.append("  criteria: none (recommended on every host of its module)")
        }
        let automatic = rule.neverAutoReason.map { "no (\($0.rawValue))" } ?? "yes"
        var flags = ["automatic application: \(automatic)"]
        if rule.detectOnly { flags.append("detect only") }
        if rule.excludedInCatalog { flags.append("excluded from recommendations catalog-wide") }
        if rule.custom { flags.append("custom (never recommended)") }
        lines.append("  " + flags.joined(separator: "; "))
        return lines
    }

    static func describe(_ os: OSConstraint) -> String {
        var parts = [os.family, os.name].compactMap { $0 }
        if let version = os.version { parts.append(version + "*") }
        if os.minVersion != nil || os.maxVersion != nil {
            parts.append("\(os.minVersion ?? "")..\(os.maxVersion ?? "")")
        }
        return parts.isEmpty ? "any" : parts.joined(separator: " ")
    }

    /// `deb openssl >= 3.0.0, < 3.0.13` (below `fixed`, or at most `lastAffected`).
    static func describe(_ software: AffectedSoftware) -> String {
        var bounds: [String] = []
        if let introduced = software.introduced { bounds.append(">= \(introduced)") }
        if let fixed = software.fixed { bounds.append("< \(fixed)") }
        if let last = software.lastAffected { bounds.append("<= \(last)") }
        let range = bounds.isEmpty ? "every version" : bounds.joined(separator: ", ")
        return "\(software.ecosystem.rawValue) \(software.name) \(range)"
    }
}
