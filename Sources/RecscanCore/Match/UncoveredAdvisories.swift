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
    /// Whether some advisory names a deb source package: a host's deb packages are then looked
    /// up by their source package too.
    private let namesSourcePackages: Bool

    /// No advisory: no host has an uncovered vulnerability.
    public init() {
        advisories = []
        softwareIDs = [:]
        alternatives = []
        namesSourcePackages = false
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
                    let id = ids.softwareID(alternative.key)
                    if id.position == lists.count { lists.append([]) }
                    lists[id.position].append((position, SoftwareCriterion(alternative, softwareID: id)))
                }
            }
        }
        self.advisories = uncovered
        softwareIDs = ids.software
        alternatives = lists
        namesSourcePackages = ids.software.keys.contains { $0.binaryOfSameName != nil }
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
            if let id = softwareIDs[SoftwareKey(package.ecosystem, package.name)] {
                findings += self.findings(for: package, alternatives: alternatives[id.position], os: inventory.os)
            }
            if namesSourcePackages, package.ecosystem == .deb, let id = softwareIDs[.sourcePackage(of: package)] {
                findings += self.findings(for: package, alternatives: alternatives[id.position], os: inventory.os)
            }
        }
        return findings
    }

    /// The findings of one installed package against the alternatives of its software id.
    private func findings(
        for package: InstalledPackage, alternatives: [(advisory: Int, criterion: SoftwareCriterion)],
        os: OperatingSystem?
    ) -> [Finding] {
        var affected: [Int: [SoftwareCriterion]] = [:]
        var fixes: [Int: [String]] = [:]
        for (advisory, criterion) in alternatives where criterion.holds(on: os) {
            let range = package.epochUnknown ? criterion.rangeWithoutEpochs : criterion.range
            if let fixed = range.range.fixed, criterion.advisory?.check == .interval {
                fixes[advisory, default: []].append(fixed)
            }
            if range.verdict(for: criterion.version(of: package)) == .affected {
                affected[advisory, default: []].append(criterion)
            }
        }
        return affected.sorted(by: { $0.key < $1.key }).map { advisory, criteria in
            let installed = criteria[0].version(of: package)
            let fixed = Self.fixedVersion(criteria, candidates: fixes[advisory] ?? [], installed: installed)
            return finding(advisories[advisory], package: package, version: installed, fixed: fixed)
        }
    }

    /// The version that fixes the package: the `fixed` bound of the interval it is in, else the
    /// lowest `fixed` bound above the installed version.
    private static func fixedVersion(_ criteria: [SoftwareCriterion], candidates: [String], installed: String)
        -> String?
    {
        if let fixed = criteria.lazy.compactMap({ $0.range.range.fixed }).first { return fixed }
        guard let scheme = criteria.first?.range.range.scheme else { return nil }
        return candidates.filter { (scheme.compare(installed, $0) ?? 1) < 0 }
            .min { (scheme.compare($0, $1) ?? 0) < 0 }
    }

    private func finding(_ advisory: Advisory, package: InstalledPackage, version: String, fixed: String?) -> Finding {
        let aliases = advisory.aliases.isEmpty ? "" : " (\(advisory.aliases.joined(separator: ", ")))"
        let remedy =
            fixed.map { "update it to \($0) or later" } ?? "no fixed version is published: remove or isolate it"
        return Finding(
            kind: .uncoveredVulnerability, severity: advisory.severity ?? .medium, ruleID: nil, level: nil,
            message:
                "\(package.name) \(version) is affected by \(advisory.id)\(aliases) and no rule protects it: \(remedy).",
            vulnerability: VulnerablePackage(
                ecosystem: package.ecosystem, name: package.name, version: version, fixed: fixed,
                advisoryID: advisory.id, aliases: advisory.aliases))
    }
}
