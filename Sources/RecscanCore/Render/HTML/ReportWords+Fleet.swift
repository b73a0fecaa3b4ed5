/// Words for the fleet pages: short labels for charts and tables, and what each finding means.
extension ReportWords {
    /// A manual reason as a short label, e.g. "auto-apply off".
    static func shortReason(_ reason: ManualReason) -> String {
        switch reason {
        case .requiresConfiguration: "needs configuring"
        case .falsePositiveProne: "false-positive prone"
        case .lowConfidence: "low confidence"
        case .mayAffectOperation: "may affect operation"
        case .uncertainVersion: "version uncertain"
        case .autoApplyOff: "auto-apply off"
        }
    }

    /// Why decisions wait, said of the fleet: "automatic application is off for the module".
    static func fleetReason(_ reason: ManualReason) -> String {
        switch reason {
        case .requiresConfiguration: "the rule needs configuring first"
        case .falsePositiveProne: "the rule is prone to false positives"
        case .lowConfidence: "the rule detects with low confidence"
        case .mayAffectOperation: "the rule may disturb normal operation"
        case .uncertainVersion: "an installed version could not be compared with the affected range"
        case .autoApplyOff: "automatic application is off for the rule's module on the host"
        }
    }

    /// Reasons in the order the SPEC ranks them: the rule's own reasons, then the host's.
    static let reasonOrder: [ManualReason] = [
        .requiresConfiguration, .falsePositiveProne, .lowConfidence, .mayAffectOperation, .uncertainVersion,
        .autoApplyOff,
    ]

    /// Reasons with a count, most frequent first, ties in ``reasonOrder``.
    static func ranked(_ counts: [ManualReason: Int]) -> [(reason: ManualReason, count: Int)] {
        reasonOrder.enumerated().compactMap { index, reason in counts[reason].map { (index, reason, $0) } }
            .sorted { ($1.2, $0.0) < ($0.2, $1.0) }.map { (reason: $0.1, count: $0.2) }
    }

    /// What a kind of finding means and what to do about it, for a reader new to the tool.
    static func findingMeaning(_ kind: FindingKind) -> String {
        switch kind {
        case .manualAssignment:
            "A rule that is never applied automatically is assigned, so somebody assigned it by hand: "
                + "review why, first where it blocks traffic."
        case .multiLevelAssignment: "Assigned on more than one level: removing it needs every level, policies first."
        case .assignedButExcluded: "Assigned although an exclusion hides it from recommendations."
        case .expiredExclusion: "An exclusion is past its date, so a rule it used to hide is recommended again."
        case .unusedExclusion: "An exclusion set on the computer for a rule it would not get anyway."
        case .engineTapOverride: "The network engine is in tap mode: no rule blocks traffic on the host."
        case .unknownRule: "A rule is assigned that the catalog does not know."
        case .missingDependency: "An assigned rule needs another rule that nothing assigns."
        case .staleInventory: "The inventory is older than the maximum age: results may be out of date."
        case .inventoryError: "The inventory could not be read: the host was not analysed."
        case .notInFleet:
            "No computer of the fleet export is this host: its policy, settings and assignments are unknown."
        case .packagesNotCovered:
            "No catalog rule can match any package the host lists: its software can never lead to a "
                + "recommendation, however old it is. Check that the catalog covers it."
        case .collectionTimeUnknown:
            "Nothing tells when the inventory was collected, so its age cannot be judged."
        case .uncoveredVulnerability:
            "An installed package is affected by a published vulnerability and no rule of the catalog protects "
                + "against it: no virtual patch exists, so patch the package."
        }
    }

    /// `12345` as "12,345": counts read at a glance.
    static func number(_ value: Int) -> String {
        var bytes: [UInt8] = []
        DecimalDigits.append(value, to: &bytes, separator: UInt8(ascii: ","))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// "1 host", "3 hosts".
    static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number(count)) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
