/// What the manager's API calls things, for a fleet read from a Deep Security API export: the
/// internal IDs its requests take, and its own recommendation scans. Reports speak rule
/// identifiers and level names; the API plan speaks these IDs.
public struct ManagerDirectory: Sendable, Equatable {
    /// A rule's internal ID, with its module (each module numbers its rules on its own).
    public struct RuleRef: Sendable, Hashable {
        /// The module whose rule list holds the rule.
        public var module: Module
        /// The rule's internal ID in that list.
        public var id: Int
    }

    /// Policy name (recscan's policy id) → the policy's internal ID.
    public var policies: [String: Int] = [:]
    /// Computer key (lowercased hostname) → the computer's internal ID.
    public var computers: [String: Int] = [:]
    /// Rule identifier → its internal ID.
    public var rules: [String: RuleRef] = [:]
    /// The manager's own recommendation scans, by computer key.
    public var scans: [String: [ManagerScan]] = [:]

    /// An empty directory.
    public init() {}
}

/// The manager's recommendation scan of one computer and module, in rule identifiers.
public struct ManagerScan: Sendable, Equatable {
    /// The module scanned.
    public var module: Module
    /// `valid`, `out-of-date`, `unknown` or `none`, as the manager says.
    public var status: String?
    /// When the manager last scanned (ISO 8601, UTC), when it says.
    public var scanned: String?
    /// Rules the manager recommends assigning.
    public var recommendedToAssign: [String]
    /// Rules the manager recommends unassigning.
    public var recommendedToUnassign: [String]
    /// The file it was read from, for messages.
    public var file: String
}
