/// "Does my catalog cover X at all?" answered without a scan: the catalog's rules that name a
/// package, a CVE or an ecosystem, with the criteria a host must meet (`recscan rules`).
public struct CatalogLookup: Sendable {
    /// What to look for; every question that is set must hold.
    public struct Question: Sendable {
        /// A package name, compared as each rule's ecosystem compares names.
        public var package: String?
        /// A CVE identifier, compared without regard to case.
        public var cve: String?
        /// Only software criteria of this ecosystem count.
        public var ecosystem: Ecosystem?

        /// A question; what is `nil` is not asked.
        public init(package: String? = nil, cve: String? = nil, ecosystem: Ecosystem? = nil) {
            self.package = package
            self.cve = cve
            self.ecosystem = ecosystem
        }
    }

    /// The catalog asked.
    public let catalog: Catalog

    /// A lookup in `catalog`.
    public init(catalog: Catalog) { self.catalog = catalog }

    /// The rules that answer `question`, in rule order.
    public func rules(answering question: Question) -> [Rule] {
        catalog.sortedRuleIDs.compactMap { catalog.rules[$0] }.filter { matches($0, question) }
    }

    /// Software rules per ecosystem: how many rules can match a package of each.
    public func rulesPerEcosystem() -> [(ecosystem: Ecosystem, rules: Int)] {
        catalog.softwareRulesPerEcosystem.nonZero.map { ($0.ecosystem, $0.packages) }
    }

    private func matches(_ rule: Rule, _ question: Question) -> Bool {
        if let cve = question.cve, !rule.cves.contains(where: { $0.caseInsensitiveCompare(cve) == .orderedSame }) {
            return false
        }
        let software = rule.applies.software.filter { affected in
            if let ecosystem = question.ecosystem, affected.ecosystem != ecosystem { return false }
            if let package = question.package {
                // The asked name is compared as the rule's ecosystem compares names.
                return affected.ecosystem.normalizedName(affected.name) == affected.ecosystem.normalizedName(package)
            }
            return true
        }
        if question.package != nil || question.ecosystem != nil { return !software.isEmpty }
        return true
    }
}

extension Ecosystem {
    /// The ecosystem an operator or a tool names: recscan's own names, OSV's (`PyPI`, `Go`,
    /// `crates.io`, `RubyGems`, `Debian`, `Red Hat`…) and purl types, case-insensitive.
    public init?(operatorName: String) {
        let key = operatorName.lowercased().split(separator: ":").first.map(String.init) ?? ""
        if let own = Ecosystem(rawValue: key) {
            self = own
            return
        }
        let aliases: [String: Ecosystem] = [
            "go": .golang, "crates.io": .cargo, "rubygems": .gem, "debian": .deb, "ubuntu": .deb,
            "red hat": .rpm, "redhat": .rpm, "almalinux": .rpm, "rocky linux": .rpm, "suse": .rpm,
            "opensuse": .rpm, "python": .pypi, "pip": .pypi, "java": .maven, "node": .npm,
        ]
        guard let ecosystem = aliases[key] else { return nil }
        self = ecosystem
    }
}

extension Catalog {
    /// How many rules have software criteria in each ecosystem: those that could ever match a
    /// package of it.
    public var softwareRulesPerEcosystem: EcosystemCounts {
        var counts = EcosystemCounts()
        // Each rule's ecosystems as bits, read in place: a set per rule, and a copy of each rule
        // (its every string retained), cost 15 M instructions on 10,000 rules, on the run's
        // serial start.
        for index in rules.values.indices {
            var seen: UInt32 = 0
            for entry in rules.values[index].applies.software { seen |= 1 << entry.ecosystem.position }
            for ecosystem in Ecosystem.allCases where seen & (1 << ecosystem.position) != 0 { counts[ecosystem] += 1 }
        }
        return counts
    }
}
