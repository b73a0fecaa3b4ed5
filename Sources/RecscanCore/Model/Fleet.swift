/// A setting that may be left to the level above.
public enum AutoApplySetting: String, Sendable { case yes, no, inherited }
/// What intrusion prevention does on a match.
public enum BehaviorSetting: String, Sendable, CaseIterable { case prevent, detect, inherited }
/// Whether the network engine sits in the traffic path.
public enum EngineModeSetting: String, Sendable, CaseIterable { case inline, tap, inherited }

/// An override of a rule's catalog-wide `recommendations` flag at one level.
public struct RecommendationOverride: Sendable, Equatable {
    /// The rule whose `recommendations` flag is overridden.
    public var ruleID: String
    /// Whether the override excludes the rule from recommendations (`false` re-enables it).
    public var excluded: Bool
    /// Why the override was set, e.g. "noisy on file shares".
    public var reason: String?
    /// Who set the override, e.g. "ops".
    public var by: String?
    /// Last day the override is in force (inclusive), as `YYYY-MM-DD`.
    public var expires: String?
    /// Where the override was declared in the fleet file, for diagnostics.
    public var line: Int = 0
}

/// Settings, assignments and overrides that a policy or a computer carries.
public struct LevelConfiguration: Sendable, Equatable {
    /// The network engine mode this level sets, or `inherited`.
    public var engineMode: EngineModeSetting = .inherited
    /// Automatic application of recommendations per module; a missing module is inherited.
    public var autoApply: [Module: AutoApplySetting] = [:]
    /// The intrusion prevention behavior this level sets, or `inherited`.
    public var behavior: BehaviorSetting = .inherited
    /// Identifiers of the rules assigned on this level.
    public var assignedRules: [String] = []
    /// Overrides of rules' `recommendations` flag set on this level.
    public var overrides: [RecommendationOverride] = []
}

/// A policy in the tree.
public struct Policy: Sendable, Equatable {
    /// The policy's identifier, e.g. "linux-web".
    public var id: String
    /// The policy's display name, e.g. "Linux Web Servers".
    public var name: String
    /// The parent policy's identifier; `nil` for a root policy.
    public var parentID: String?
    /// The settings, assignments and overrides the policy sets.
    public var configuration = LevelConfiguration()
    /// Where the policy was declared in the fleet file, for diagnostics.
    public var line: Int = 0
}

/// A managed computer.
public struct Computer: Sendable, Equatable {
    /// The computer's hostname, as the fleet export spells it.
    public var hostname: String
    /// The identifier of the computer's policy; `nil` when it has none.
    public var policyID: String?
    /// The settings, assignments and overrides set on the computer itself.
    public var configuration = LevelConfiguration()
    /// Where the computer was declared in the fleet file, for diagnostics.
    public var line: Int = 0
}

/// The exported fleet: the policy tree and its computers.
public struct Fleet: Sendable {
    /// When the fleet was exported (ISO 8601), as the `exported` attribute says.
    public var exported: String?
    /// Policies by identifier.
    public var policies: [String: Policy]
    /// Keyed by lowercased hostname.
    public var computers: [String: Computer]
    /// Other names a computer answers to (lowercased display name, or the first DNS label of its
    /// names when no other computer shares it) → its key in `computers`.
    public var computerAliases: [String: String] = [:]
    /// Labels that more than one computer answers to (lowercased) → their keys: a host named so
    /// is paired with none of them.
    public var ambiguousNames: [String: [String]] = [:]
    /// The manager's IDs and recommendation scans, when the fleet comes from its API export.
    public var manager: ManagerDirectory?
    /// In a shard's cut of the fleet (`recscan partition` gives each shard folder the fleet with
    /// only the shard's own computers): how many computers of the whole fleet the cut leaves out.
    public var computersLeftOut = 0
    /// In a shard's cut of the fleet: the keys of the computers left out that a host in the
    /// shard's files answers to (a file of several shards' hosts goes whole to each), so that
    /// every host pairs with the computer it pairs with in the whole fleet.
    public var computersElsewhere: Set<String> = []

    /// Whether the fleet names any computer, here or, for a shard's cut, in another shard.
    public var hasComputers: Bool { !computers.isEmpty || computersLeftOut > 0 }

    /// Creates a fleet from its policies and computers (computers keyed by lowercased hostname).
    public init(exported: String? = nil, policies: [String: Policy] = [:], computers: [String: Computer] = [:]) {
        self.exported = exported
        self.policies = policies
        self.computers = computers
    }

    /// The name a host goes by in the run: its computer's key when the fleet knows it, else its
    /// own name, lowercased. Shards, events and the no-inventory check all key hosts by it, so that
    /// a host known to the manager by a longer name is still one host.
    public func hostKey(_ hostname: String) -> String { computerKey(for: hostname) ?? hostname.lowercased() }

    /// The key in `computers` of the computer an inventory host is: its hostname, else an alias,
    /// else the first DNS label of the hostname when that names one computer only.
    public func computerKey(for hostname: String) -> String? {
        let name = hostname.lowercased()
        if isComputer(name) { return name }
        if let key = computerAliases[name] { return key }
        guard let dot = name.firstIndex(of: "."), dot != name.startIndex else { return nil }
        let label = String(name[..<dot])
        if isComputer(label) { return label }
        return computerAliases[label]
    }

    private func isComputer(_ key: String) -> Bool {
        computers[key] != nil || (!computersElsewhere.isEmpty && computersElsewhere.contains(key))
    }
}

/// A false-positive candidate: a rule fired on a computer.
public struct SecurityEvent: Sendable, Equatable {
    /// When the event happened (ISO 8601), as exported.
    public var time: String
    /// The computer the rule fired on.
    public var hostname: String
    /// The rule that fired, e.g. "1000763".
    public var ruleID: String
    /// What the engine did, e.g. "reset" (blocked) or "detect-only: reset" (only logged).
    public var action: String
    /// How many hits the event stands for (the console folds repeats).
    public var count: Int = 1

    /// Events blocked traffic unless the action starts with `detect-only`.
    public var blocked: Bool { !action.lowercased().hasPrefix("detect-only") }
}
