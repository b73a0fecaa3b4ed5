/// What recscan concludes for one rule on one host.
public enum Outcome: String, Sendable, CaseIterable {
    case toAssign = "to-assign"
    case assigned
    case toUnassign = "to-unassign"
    case excluded
}

/// Whether a to-assign rule may be applied without a person.
public enum ApplyClass: String, Sendable {
    case auto, manual
}

/// A level of the fleet where a rule is assigned or an exclusion is set.
public struct Level: Sendable, Hashable {
    public enum Kind: String, Sendable { case catalog, policy, computer }
    public var kind: Kind
    /// The policy id; `nil` for the catalog and the computer itself.
    public var id: String?

    public static let catalog = Level(kind: .catalog, id: nil)
    public static let computer = Level(kind: .computer, id: nil)
    public static func policy(_ id: String) -> Level { Level(kind: .policy, id: id) }
}

/// One fact that supports (or, for `patched`, defeats) a recommendation.
public struct Evidence: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case package, patched, uncertain, dependency, os, applicationType = "application-type"
        case port, file, service, always
    }
    public var kind: Kind
    /// Attributes in the order they are written.
    public var attributes: [(name: String, value: String)]

    public init(_ kind: Kind, _ attributes: [(name: String, value: String)]) {
        self.kind = kind
        self.attributes = attributes
    }

    public static func == (lhs: Evidence, rhs: Evidence) -> Bool {
        lhs.kind == rhs.kind && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }

    /// The value of one attribute, if present.
    public func value(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
}

/// The exclusion that hid a recommended rule.
public struct ExclusionReference: Sendable, Equatable {
    public var level: Level
    public var reason: String?
    public var by: String?
    public var expires: String?
}

/// The result for one rule on one host.
public struct RuleResult: Sendable, Equatable {
    public var ruleID: String
    public var module: Module
    public var name: String
    public var severity: Severity
    public var outcome: Outcome
    /// Set for `to-assign` only.
    public var apply: ApplyClass?
    /// Set when `apply` is manual.
    public var reason: ManualReason?
    public var blocks: Bool
    public var evidence: [Evidence] = []
    /// Levels where the rule is assigned, root policy first, computer last.
    public var assignedAt: [Level] = []
    public var excludedBy: ExclusionReference?
}

/// The kinds of audit finding, each with its default severity.
public enum FindingKind: String, Sendable, CaseIterable {
    case manualAssignment = "manual-assignment"
    case multiLevelAssignment = "multi-level-assignment"
    case assignedButExcluded = "assigned-but-excluded"
    case expiredExclusion = "expired-exclusion"
    case unusedExclusion = "unused-exclusion"
    case engineTapOverride = "engine-tap-override"
    case unknownRule = "unknown-rule"
    case missingDependency = "missing-dependency"
    case staleInventory = "stale-inventory"
    case inventoryError = "inventory-error"
}

/// An audit finding: data, not an error.
public struct Finding: Sendable, Equatable {
    public var kind: FindingKind
    public var severity: Severity
    public var ruleID: String?
    /// The level the finding is about, when there is one.
    public var level: Level?
    public var message: String
}

/// How far a host could be analysed.
public enum HostStatus: String, Sendable {
    case ok, stale, error
    case noInventory = "no-inventory"
}

/// The settings in force on a host and where each came from.
public struct EffectiveSettings: Sendable, Equatable {
    public var engineMode: EngineModeSetting
    public var engineModeSetAt: Level?
    public var behavior: BehaviorSetting
    public var behaviorSetAt: Level?
    public var autoApply: [Module: Bool]
}

/// Everything recscan reports about one host.
public struct HostReport: Sendable, Equatable {
    public var hostname: String
    public var policyID: String?
    public var status: HostStatus
    public var os: OperatingSystem?
    public var collected: String?
    public var settings: EffectiveSettings?
    /// Sorted by rule id.
    public var rules: [RuleResult] = []
    /// Sorted by severity (highest first), kind, rule.
    public var findings: [Finding] = []
    public var inventorySources: [String] = []
}

/// An input file (or part of one) that could not be used.
public struct RejectedInput: Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var reason: String
}

/// One exclusion override of the fleet, with its state.
public struct FleetExclusion: Sendable, Equatable {
    public enum State: String, Sendable { case active, expired, unused }
    public var level: Level
    /// Policy id or hostname.
    public var ownerID: String
    public var ruleID: String
    public var reason: String?
    public var by: String?
    public var expires: String?
    public var state: State
}

/// One step of a false-positive remediation plan.
public struct TriageStep: Sendable, Equatable {
    public var order: Int
    /// A short machine-readable action, e.g. `unassign`, `set-engine-mode`.
    public var action: String
    public var optional: Bool = false
    /// Attributes such as `level`, `id`, `mode`, in writing order.
    public var attributes: [(name: String, value: String)] = []
    public var text: String

    public static func == (lhs: TriageStep, rhs: TriageStep) -> Bool {
        lhs.order == rhs.order && lhs.action == rhs.action && lhs.optional == rhs.optional && lhs.text == rhs.text
            && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }
}

/// A remediation plan for one (computer, rule) false-positive.
public struct TriagePlan: Sendable, Equatable {
    public var hostname: String
    public var ruleID: String
    public var events: Int
    public var blocked: Bool
    public var steps: [TriageStep]
}

/// Fleet-wide counts.
public struct ScanSummary: Sendable, Equatable {
    public var hosts = 0
    public var toAssign = 0
    public var auto = 0
    public var manual = 0
    public var assigned = 0
    public var toUnassign = 0
    public var excluded = 0
    public var findings = 0
    public var rejectedInputs = 0

    public init() {}

    /// Adds one host's counts.
    public mutating func add(_ host: HostReport) {
        hosts += 1
        for rule in host.rules {
            switch rule.outcome {
            case .toAssign:
                toAssign += 1
                if rule.apply == .auto { auto += 1 } else { manual += 1 }
            case .assigned: assigned += 1
            case .toUnassign: toUnassign += 1
            case .excluded: excluded += 1
            }
        }
        findings += host.findings.count
    }
}

/// The header facts of a run, known before any host is written.
public struct RunInfo: Sendable, Equatable {
    public var runID: String
    public var catalogVersion: String
    /// Reference time, ISO 8601 UTC.
    public var referenceTime: String

    public init(runID: String, catalogVersion: String, referenceTime: String) {
        self.runID = runID
        self.catalogVersion = catalogVersion
        self.referenceTime = referenceTime
    }
}
