import Foundation

@testable import RecscanCore

/// The trimmed OSV advisories, SBOM and catalog of `Fixtures/osv` (see its README).
enum OSVFixtures {
    static let folder = SampleFleet.repository.appendingPathComponent("Tests/RecscanCoreTests/Fixtures/osv").path
    static var pypa: String { folder + "/pypa" }
    static var go: String { folder + "/go" }
    static var hosts: String { folder + "/hosts" }
    static var catalog: String { folder + "/catalog-cves.xml" }
    static var oracle: String { folder + "/osv_oracle.py" }

    /// Scan options over the fixtures: both advisory folders, the CVE-only catalog.
    static func options() -> ScanOptions {
        var options = ScanOptions()
        options.inventories = hosts
        options.catalogPath = catalog
        options.advisoryPaths = [pypa, go]
        options.referenceTime = Fixture.referenceTime
        return options
    }

    /// One advisory written as OSV YAML, with an affected entry built from `affected`.
    static func advisory(id: String = "TEST-1", aliases: [String] = ["CVE-2099-0001"], affected: String) -> String {
        "id: \(id)\naliases:\n" + aliases.map { "- \($0)\n" }.joined() + "affected:\n" + affected
    }

    /// The verdict of an advisory's alternatives on one installed version, as matching combines
    /// them: affected wins over uncertain, uncertain over patched.
    static func standing(_ yaml: String, installed: String, os: OperatingSystem? = nil) throws -> String {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("advisory.yaml", yaml)
        let decoded = try AdvisoryReader.read(file: path, limits: .standard)
        var verdicts: [RangeVerdict] = []
        for advisory in decoded.advisories {
            for package in advisory.affected {
                for alternative in package.alternatives(advisoryID: advisory.id) {
                    if let constraint = alternative.advisory?.operatingSystem,
                        !(os.map(constraint.holds(for:)) ?? false)
                    {
                        continue
                    }
                    verdicts.append(alternative.preparedRange.verdict(for: installed))
                }
            }
        }
        if verdicts.contains(.affected) { return "affected" }
        if verdicts.contains(where: { if case .uncertain = $0 { true } else { false } }) { return "uncertain" }
        if verdicts.contains(.patched) { return "patched" }
        return "not-affected"
    }
}
