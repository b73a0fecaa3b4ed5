/// Sets the manager's own recommendation scans of a host (from its API export) against recscan's
/// outcomes, and names the likeliest cause of every difference.
struct ManagerScanComparer {
    let catalog: Catalog

    /// The comparison, or `nil` when the manager has no scan of the host.
    func compare(_ scans: [ManagerScan], report: HostReport, collectedEpochSeconds: Int64?) -> ManagerComparison? {
        guard !scans.isEmpty, report.status == .ok || report.status == .stale else { return nil }
        let results = Dictionary(report.rules.map { ($0.ruleID, $0) }, uniquingKeysWith: { first, _ in first })
        var agreements = 0
        var disagreements: [ManagerComparison.Disagreement] = []
        for scan in scans {
            let outdated = Self.isOutdated(scan, collectedEpochSeconds: collectedEpochSeconds)
            let ours = report.rules.filter { $0.module == scan.module }
            let oursToAssign = Set(ours.filter { $0.outcome == .toAssign }.map(\.ruleID))
            let oursToUnassign = Set(ours.filter { $0.outcome == .toUnassign }.map(\.ruleID))
            let theirsToAssign = Set(scan.recommendedToAssign)
            let theirsToUnassign = Set(scan.recommendedToUnassign)
            agreements += oursToAssign.intersection(theirsToAssign).count
            agreements += oursToUnassign.intersection(theirsToUnassign).count
            let context = Context(results: results, outdated: outdated, scan: scan)
            for rule in theirsToAssign.subtracting(oursToAssign) {
                disagreements.append(context.disagreement(rule, .managerAssigns, catalog: catalog))
            }
            for rule in oursToAssign.subtracting(theirsToAssign) {
                disagreements.append(context.disagreement(rule, .recscanAssigns, catalog: catalog))
            }
            for rule in theirsToUnassign.subtracting(oursToUnassign) {
                disagreements.append(context.disagreement(rule, .managerUnassigns, catalog: catalog))
            }
            for rule in oursToUnassign.subtracting(theirsToUnassign) {
                disagreements.append(context.disagreement(rule, .recscanUnassigns, catalog: catalog))
            }
        }
        disagreements.sort { lhs, rhs in
            lhs.ruleID != rhs.ruleID
                ? RuleID.less(lhs.ruleID, rhs.ruleID) : lhs.direction.rawValue < rhs.direction.rawValue
        }
        return ManagerComparison(
            scans: scans.map { .init(module: $0.module, status: $0.status, scanned: $0.scanned) },
            agreements: agreements, disagreements: disagreements)
    }

    /// Whether the manager says its scan is out of date, or it scanned before the inventory was
    /// collected (so the host may have changed since).
    static func isOutdated(_ scan: ManagerScan, collectedEpochSeconds: Int64?) -> Bool {
        if scan.status == "out-of-date" { return true }
        guard let scanned = scan.scanned.flatMap({ Timestamps.epochSeconds(dateTime: $0) }),
            let collected = collectedEpochSeconds
        else {
            return false
        }
        return scanned < collected
    }

    private struct Context {
        let results: [String: RuleResult]
        let outdated: Bool
        let scan: ManagerScan

        func disagreement(
            _ rule: String, _ direction: ManagerComparison.Disagreement.Direction, catalog: Catalog
        ) -> ManagerComparison.Disagreement {
            let (cause, message) = explain(rule, direction, catalog: catalog)
            return .init(ruleID: rule, module: scan.module, direction: direction, cause: cause, message: message)
        }

        private func explain(
            _ rule: String, _ direction: ManagerComparison.Disagreement.Direction, catalog: Catalog
        ) -> (ManagerComparison.Disagreement.Cause, String) {
            let result = results[rule]
            let when = scan.scanned.map { " (scanned \($0))" } ?? ""
            let stale =
                scan.status == "out-of-date"
                ? "the manager's scan is out of date\(when)" : "the manager's scan is older than the inventory\(when)"
            switch direction {
            case .managerAssigns:
                if catalog.rules[rule] == nil {
                    return (
                        .notInCatalog,
                        "The manager recommends rule \(rule); recscan's catalog lacks it, so it cannot judge it."
                    )
                }
                if let by = result?.excludedBy {
                    return (
                        .excluded,
                        "The manager recommends rule \(rule); recscan holds it back because it is excluded from "
                            + "recommendations on \(by.level.phrase)."
                    )
                }
                if result?.outcome == .assigned {
                    return (.alreadyAssigned, "The manager recommends rule \(rule), which is assigned already.")
                }
                if outdated { return (.managerScanOutdated, "The manager recommends rule \(rule), but \(stale).") }
                return (
                    .inventoryLacks,
                    "The manager recommends rule \(rule); the inventory lacks what it protects (no matching package, "
                        + "port or file), so recscan does not."
                )
            case .recscanAssigns:
                if outdated { return (.managerScanOutdated, "recscan recommends rule \(rule); \(stale).") }
                return (
                    .managerMissed,
                    "recscan recommends rule \(rule) for what the inventory shows\(evidence(result)); the manager's "
                        + "scan did not find it."
                )
            case .managerUnassigns:
                if catalog.rules[rule] == nil {
                    return (.notInCatalog, "The manager would unassign rule \(rule); recscan's catalog lacks it.")
                }
                if outdated { return (.managerScanOutdated, "The manager would unassign rule \(rule), but \(stale).") }
                return (
                    .managerMissed,
                    "The manager would unassign rule \(rule); recscan keeps it for what the inventory "
                        + "shows\(evidence(result))."
                )
            case .recscanUnassigns:
                if outdated { return (.managerScanOutdated, "recscan would unassign rule \(rule); \(stale).") }
                return (
                    .inventoryLacks,
                    "recscan would unassign rule \(rule): the inventory lacks what it protects; the manager keeps it."
                )
            }
        }

        /// " (package openssl 1.0.1e)" from the first package evidence, or nothing.
        private func evidence(_ result: RuleResult?) -> String {
            guard let package = result?.evidence.first(where: { $0.kind == .package }) else { return "" }
            let attributes = Dictionary(package.attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            guard let name = attributes["name"] else { return "" }
            return " (package \(name)\(attributes["version"].map { " \($0)" } ?? ""))"
        }
    }
}
