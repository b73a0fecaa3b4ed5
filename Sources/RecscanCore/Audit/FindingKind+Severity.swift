extension FindingKind {
    /// The SPEC's default severity; `manual-assignment` is raised to high when the rule blocks.
    public var defaultSeverity: Severity {
        switch self {
        case .engineTapOverride, .inventoryError: .high
        case .expiredExclusion, .unusedExclusion, .collectionTimeUnknown: .low
        default: .medium
        }
    }
}

extension Level {
    /// "policy linux-web", "the computer", "the catalog".
    public var phrase: String {
        switch kind {
        case .catalog: "the catalog"
        case .computer: "the computer"
        case .policy: "policy \(id ?? "?")"
        }
    }
}

extension Finding {
    /// Orders findings: highest severity first, then kind, then rule.
    static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        if lhs.kind.rawValue != rhs.kind.rawValue { return lhs.kind.rawValue < rhs.kind.rawValue }
        if (lhs.ruleID ?? "") != (rhs.ruleID ?? "") { return RuleID.less(lhs.ruleID ?? "", rhs.ruleID ?? "") }
        return lhs.message < rhs.message
    }
}
