/// The manager's own recommendation scan of a host set against recscan's: does the manager
/// recommend what the host really runs?
public struct ManagerComparison: Sendable, Equatable {
    /// The manager's scan status, per module scanned (`valid`, `out-of-date`, ...), as it says.
    public var scans: [Scan]
    /// Recommendations both make (to assign and to unassign).
    public var agreements: Int
    /// Each rule on which they differ, sorted by rule.
    public var disagreements: [Disagreement]

    /// One module's scan by the manager.
    public struct Scan: Sendable, Equatable {
        /// The module scanned.
        public var module: Module
        /// The manager's `recommendationScanStatus`, when it says.
        public var status: String?
        /// When the manager last scanned (ISO 8601), when it says.
        public var scanned: String?
    }

    /// A rule one side recommends and the other does not.
    public struct Disagreement: Sendable, Equatable {
        /// Which side recommends what.
        public enum Direction: String, Sendable, CaseIterable {
            /// The manager recommends assigning it; recscan does not.
            case managerAssigns = "manager-assigns"
            /// recscan recommends assigning it; the manager does not.
            case recscanAssigns = "recscan-assigns"
            /// The manager recommends unassigning it; recscan does not.
            case managerUnassigns = "manager-unassigns"
            /// recscan recommends unassigning it; the manager does not.
            case recscanUnassigns = "recscan-unassigns"
        }

        /// The likeliest reason, most telling first.
        public enum Cause: String, Sendable, CaseIterable {
            /// recscan's catalog has no such rule, so it cannot recommend it.
            case notInCatalog = "not-in-catalog"
            /// recscan holds the rule back because it is excluded from recommendations.
            case excluded
            /// The manager's scan is out of date, or older than the inventory.
            case managerScanOutdated = "manager-scan-outdated"
            /// The inventory lacks what the rule protects (package, port) that the manager saw.
            case inventoryLacks = "inventory-lacks"
            /// The inventory shows what the rule protects, which the manager's scan did not find.
            case managerMissed = "manager-missed"
            /// The rule is assigned already, so recscan has nothing to add.
            case alreadyAssigned = "already-assigned"
        }

        /// The rule identifier.
        public var ruleID: String
        /// The rule's module.
        public var module: Module
        /// Which side recommends what.
        public var direction: Direction
        /// The likeliest reason.
        public var cause: Cause
        /// The reason in words, for the operator.
        public var message: String
    }
}
