/// The advisories that no catalog rule names by any of their identifiers, indexed by the
/// packages they affect: a host's installed package that one of them affects is a vulnerability
/// no rule protects, to be patched. Finding them costs one lookup per installed package.
public struct UncoveredAdvisories: Sendable {
    /// The uncovered advisories, in id order.
    private let advisories: [Advisory]
    /// The index's own id of each package an uncovered advisory affects.
    private let softwareIDs: [SoftwareKey: SoftwareID]
    /// The alternatives of each package, by software id, in advisory order.
    private let alternatives: [[(advisory: Int, criterion: SoftwareCriterion)]]

    /// No advisory: no host has an uncovered vulnerability.
    public init() {
        advisories = []
        softwareIDs = [:]
        alternatives = []
    }

    /// Indexes the advisories of `advisories` that no rule of `catalog` names.
    public init(_ advisories: [Advisory], catalog: Catalog) {
        let named = catalog.namedVulnerabilities
        let uncovered = advisories.filter { advisory in
            !advisory.identifiers.contains { named.contains(AdvisoryIdentifiers.normalized($0)) }
        }
        var ids = CatalogIDs()
        var lists: [[(advisory: Int, criterion: SoftwareCriterion)]] = []
        for (position, advisory) in uncovered.enumerated() {
            for package in advisory.affected {
                for alternative in package.alternatives(advisoryID: advisory.id) {
                    let id = ids.softwareID(SoftwareKey(alternative.ecosystem, alternative.name))
                    if id.position == lists.count { lists.append([]) }
                    lists[id.position].append((position, SoftwareCriterion(alternative, softwareID: id)))
                }
            }
        }
        self.advisories = uncovered
        softwareIDs = ids.software
        alternatives = lists
    }

    /// How many advisories no rule names.
    public var count: Int { advisories.count }

    /// Every package an uncovered advisory affects: inventory readers keep these.
    var packages: Set<SoftwareKey> { Set(softwareIDs.keys) }

    /// An `uncovered-vulnerability` finding for each uncovered advisory and installed package it
    /// affects (an uncertain verdict is not a finding: only a certain one says "patch this").
    func findings(for inventory: HostInventory) -> [Finding] {
        guard !softwareIDs.isEmpty else { return [] }
        var findings: [Finding] = []
        for package in inventory.packages {
            guard let id = softwareIDs[SoftwareKey(package.ecosystem, package.name)] else { continue }
            var affected: [Int: [SoftwareCriterion]] = [:]
            var fixes: [Int: [String]] = [:]
            for (advisory, criterion) in alternatives[id.position] where criterion.holds(on: inventory.os) {
                let range = package.epochUnknown ? criterion.rangeWithoutEpochs : criterion.range
                if let fixed = range.range.fixed, criterion.advisory?.check == .interval {
                    fixes[advisory, default: []].append(fixed)
                }
                if range.verdict(for: package.version) == .affected {
                    affected[advisory, default: []].append(criterion)
                }
            }
            for (advisory, criteria) in affected.sorted(by: { $0.key < $1.key }) {
                let fixed = Self.fixedVersion(criteria, candidates: fixes[advisory] ?? [], installed: package)
                findings.append(finding(advisories[advisory], package: package, fixed: fixed))
            }
        }
        return findings
    }

    /// The version that fixes the package: the `fixed` bound of the interval it is in, else the
    /// lowest `fixed` bound above the installed version.
    private static func fixedVersion(
        _ criteria: [SoftwareCriterion], candidates: [String], installed: InstalledPackage
    ) -> String? {
        if let fixed = criteria.lazy.compactMap({ $0.range.range.fixed }).first { return fixed }
        let scheme = criteria.first?.range.range.scheme ?? installed.ecosystem.scheme
        return candidates.filter { (scheme.compare(installed.version, $0) ?? 1) < 0 }
            .min { (scheme.compare($0, $1) ?? 0) < 0 }
    }

    private func finding(_ advisory: Advisory, package: InstalledPackage, fixed: String?) -> Finding {
        let aliases = advisory.aliases.isEmpty ? "" : " (\(advisory.aliases.joined(separator: ", ")))"
        let remedy =
            fixed.map { "update it to \($0) or later" } ?? "no fixed version is published: remove or isolate it"
        return Finding(
            kind: .uncoveredVulnerability, severity: advisory.severity ?? .medium, ruleID: nil, level: nil,
            message:
                "\(package.name) \(package.version) is affected by \(advisory.id)\(aliases) and no rule protects it: \(remedy).",
            vulnerability: VulnerablePackage(
                ecosystem: package.ecosystem, name: package.name, version: package.version, fixed: fixed,
                advisoryID: advisory.id, aliases: advisory.aliases))
    }
}
