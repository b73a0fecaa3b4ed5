/// How an `uncovered-vulnerability` finding names its package in `report.xml` and `report.json`.
extension VulnerablePackage {
    /// `advisory`, `aliases` (separated by spaces), `ecosystem`, `package`, `version`, `fixed`,
    /// in writing order; `fixed` is left out when no fixed version is known.
    var attributes: [(name: String, value: String?)] {
        [
            ("advisory", advisoryID), ("aliases", aliases.isEmpty ? nil : aliases.joined(separator: " ")),
            ("ecosystem", ecosystem.rawValue), ("package", name), ("version", version), ("fixed", fixed),
        ]
    }

    /// The package a finding element's attributes name; `nil` when it names none.
    /// - Parameter value: the element's attribute of a name.
    init?(reportAttribute value: (String) -> String?) {
        guard let advisoryID = value("advisory"), let name = value("package"),
            let ecosystem = value("ecosystem").flatMap(Ecosystem.init(rawValue:))
        else { return nil }
        self.init(
            ecosystem: ecosystem, name: name, version: value("version") ?? "", fixed: value("fixed"),
            advisoryID: advisoryID, aliases: value("aliases")?.split(separator: " ").map(String.init) ?? [])
    }
}
