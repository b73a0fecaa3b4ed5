/// Joining advisories to the catalog by name: a rule says which vulnerabilities it protects
/// against (`<cve>`), an advisory says which package versions a vulnerability affects.
extension Catalog {
    /// The catalog where every rule that lists CVEs and no `<software>` of its own gets, for each
    /// advisory whose id or aliases name one of them, the advisory's affected packages as
    /// software alternatives (advisories in id order). A rule's own `<software>` wins: it is left
    /// as it is, and so is a rule no advisory names.
    /// - Returns: the joined catalog and the ids of the rules that got alternatives, in rule order.
    public func joining(_ advisories: [Advisory]) -> (catalog: Catalog, fedRuleIDs: [String]) {
        let byIdentifier = AdvisoryIdentifiers(advisories)
        var rules = self.rules
        var fed: [String] = []
        for id in sortedRuleIDs {
            guard var rule = rules[id], rule.applies.software.isEmpty, !rule.cves.isEmpty else { continue }
            let named = byIdentifier.advisories(namedBy: rule.cves)
            let alternatives = named.flatMap { advisory in
                advisory.affected.flatMap { $0.alternatives(advisoryID: advisory.id) }
            }
            guard !alternatives.isEmpty else { continue }
            rule.applies.software = alternatives
            rules[id] = rule
            fed.append(id)
        }
        return (Catalog(version: version, applicationTypes: applicationTypes, rules: rules), fed)
    }

    /// Every identifier some rule names in `<cve>`, normalized as `AdvisoryIdentifiers` compares them.
    var namedVulnerabilities: Set<String> {
        Set(rules.values.lazy.flatMap(\.cves).map(AdvisoryIdentifiers.normalized))
    }
}

/// Advisories by every identifier they carry (id and aliases), compared without case.
struct AdvisoryIdentifiers {
    private var positions: [String: [Int]] = [:]
    private let advisories: [Advisory]

    init(_ advisories: [Advisory]) {
        self.advisories = advisories
        for (position, advisory) in advisories.enumerated() {
            for identifier in Set(advisory.identifiers.map(Self.normalized)) {
                positions[identifier, default: []].append(position)
            }
        }
    }

    /// The advisories any of `identifiers` names, each once, in the order given at creation.
    func advisories(namedBy identifiers: [String]) -> [Advisory] {
        Set(identifiers.flatMap { positions[Self.normalized($0)] ?? [] }).sorted().map { advisories[$0] }
    }

    static func normalized(_ identifier: String) -> String { identifier.trimmingWhitespace.uppercased() }
}
