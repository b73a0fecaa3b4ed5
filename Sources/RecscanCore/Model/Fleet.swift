/// A setting that may be left to the level above.
public enum AutoApplySetting: String, Sendable { case yes, no, inherited }
/// What intrusion prevention does on a match.
public enum BehaviorSetting: String, Sendable { case prevent, detect, inherited }
/// Whether the network engine sits in the traffic path.
public enum EngineModeSetting: String, Sendable { case inline, tap, inherited }

/// An override of a rule's catalog-wide `recommendations` flag at one level.
public struct RecommendationOverride: Sendable, Equatable {
    public var ruleID: String
    public var excluded: Bool
    public var reason: String?
    public var by: String?
    /// Last day the override is in force (inclusive), as `YYYY-MM-DD`.
    public var expires: String?
    public var line: Int = 0
}

/// Settings, assignments and overrides that a policy or a computer carries.
public struct LevelConfiguration: Sendable, Equatable {
    public var engineMode: EngineModeSetting = .inherited
    public var autoApply: [Module: AutoApplySetting] = [:]
    public var behavior: BehaviorSetting = .inherited
    public var assignedRules: [String] = []
    public var overrides: [RecommendationOverride] = []
}

/// A policy in the tree.
public struct Policy: Sendable, Equatable {
    public var id: String
    public var name: String
    public var parentID: String?
    public var configuration = LevelConfiguration()
    public var line: Int = 0
}

/// A managed computer.
public struct Computer: Sendable, Equatable {
    public var hostname: String
    public var policyID: String?
    public var configuration = LevelConfiguration()
    public var line: Int = 0
}

/// The exported fleet: the policy tree and its computers.
public struct Fleet: Sendable {
    public var exported: String?
    public var policies: [String: Policy]
    /// Keyed by lowercased hostname.
    public var computers: [String: Computer]

    public init(exported: String? = nil, policies: [String: Policy] = [:], computers: [String: Computer] = [:]) {
        self.exported = exported
        self.policies = policies
        self.computers = computers
    }
}

/// A false-positive candidate: a rule fired on a computer.
public struct SecurityEvent: Sendable, Equatable {
    public var time: String
    public var hostname: String
    public var ruleID: String
    public var action: String
    /// How many hits the event stands for (the console folds repeats).
    public var count: Int = 1

    /// Events blocked traffic unless the action starts with `detect-only`.
    public var blocked: Bool { !action.lowercased().hasPrefix("detect-only") }
}
