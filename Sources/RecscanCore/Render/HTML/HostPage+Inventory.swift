/// What was read for a host against what the catalog can match, for the host details: the OS
/// and where it came from, the collection time and where it came from, each file's format, and
/// packages per ecosystem beside the rules that could ever match them.
extension HostPage {
    var operatingSystemFact: HTMLFragment {
        guard let os = host.os else { return "unknown" }
        let origin = os.inferredFrom.map { "inferred from \($0)" } ?? "stated in the inventory"
        return "\(ReportWords.operatingSystem(os)) <span class=\"detail\">(\(origin))</span>"
    }

    var collectedFact: HTMLFragment {
        guard let collected = host.collected else {
            return host.inventory == nil ? "unknown" : "unknown <span class=\"detail\">(nothing tells)</span>"
        }
        guard let origin = host.inventory?.collectedFrom else { return "\(collected)" }
        let words =
            switch origin {
            case .inventory: "stated in the inventory"
            case .fileModified: "the file's modification time: the inventory does not say"
            case .given: "given for the batch: the inventory does not say"
            case .unknown: "nothing tells"
            }
        return "\(collected) <span class=\"detail\">(\(words))</span>"
    }

    var sourcesFact: HTMLFragment {
        guard !host.inventorySources.isEmpty else { return "none" }
        let formats = Dictionary((host.inventory?.formats ?? []).map { ($0.file, $0.format) }) { first, _ in first }
        return HTMLBlocks.list(
            host.inventorySources.map { file -> HTMLFragment in
                formats[file].map { "\(file) <span class=\"detail\">(read as \($0))</span>" } ?? "\(file)"
            }, className: "plain")
    }

    /// Packages per ecosystem and the catalog rules that could match each; an alert when none can.
    var coverage: HTMLFragment {
        guard let inventory = host.inventory else { return .empty }
        let table = HTMLTable(
            caption: "Packages read, by ecosystem, and the catalog rules that could match them",
            columns: [
                TableColumn("Ecosystem"), TableColumn("Packages", numeric: true),
                TableColumn("Rules that could match", numeric: true),
            ],
            rows: inventory.ecosystems.map { coverage in
                [
                    "\(coverage.ecosystem.rawValue)", "\(ReportWords.number(coverage.packages))",
                    coverage.rules == 0 ? "none" : "\(ReportWords.number(coverage.rules))",
                ]
            },
            emptyText: "The inventory lists no package.")
        let alert: HTMLFragment =
            inventory.noRuleMatchesPackages
            ? HTMLBlocks.alert(
                "No catalog rule can match any of this host's packages: its software can never lead to a "
                    + "recommendation, whatever its versions. A clean result here says nothing about it.")
            : .empty
        return alert + table.render()
    }
}
