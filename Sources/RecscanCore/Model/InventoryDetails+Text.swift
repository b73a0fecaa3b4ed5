/// One line per host for `--verbose` and `recscan validate`: what was read and what the
/// catalog can match of it.
extension InventoryDetails {
    /// "read as dpkg status file; os debian 12 (inferred from base-files 12.4); collected
    /// 2026-11-28T00:00:00Z (file modification time); packages: deb 38 (21 rules)".
    public func describe(os: OperatingSystem?, collected: String?) -> String {
        let formats = Set(self.formats.map(\.format)).sorted().joined(separator: ", ")
        let system =
            os.map { os in
                let name = [os.family, os.name, os.version].filter { !$0.isEmpty }.joined(separator: " ")
                return "\(name) (\(os.inferredFrom.map { "inferred from \($0)" } ?? "stated"))"
            } ?? "unknown"
        let origin =
            switch collectedFrom {
            case .inventory: "stated"
            case .fileModified: "file modification time"
            case .given: "--collected"
            case .unknown: "unknown"
            }
        let time = collected.map { "\($0) (\(origin))" } ?? "unknown"
        let packages =
            ecosystems.isEmpty
            ? "none"
            : ecosystems.map {
                "\($0.ecosystem.rawValue) \($0.packages) (\($0.rules == 0 ? "no rule" : "\($0.rules) rules"))"
            }
            .joined(separator: ", ")
        let flag = noRuleMatchesPackages ? "; no catalog rule can match any of its packages" : ""
        return "read as \(formats); os \(system); collected \(time); packages: \(packages)\(flag)"
    }

    /// The details of a host as read, against `rules` (catalog rules per ecosystem).
    public init(_ inventory: HostInventory, rules: EcosystemCounts) {
        self.init(
            formats: inventory.formats.sorted { $0.key < $1.key }.map { (file: $0.key, format: $0.value) },
            collectedFrom: inventory.collectedFrom,
            ecosystems: inventory.packageCounts.nonZero.map {
                EcosystemCoverage(ecosystem: $0.ecosystem, packages: $0.packages, rules: rules[$0.ecosystem])
            })
    }
}
