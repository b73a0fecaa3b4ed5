/// What recscan concludes for one rule on one host.
public enum Outcome: String, Sendable, CaseIterable {
    case toAssign = "to-assign"
    case assigned
    case toUnassign = "to-unassign"
    case excluded
}

/// Whether a to-assign rule may be applied without a person.
public enum ApplyClass: String, Sendable, CaseIterable {
    case auto, manual
}

/// A level of the fleet where a rule is assigned or an exclusion is set.
public struct Level: Sendable, Hashable {
    /// Where the level sits: the catalog, a policy or the computer itself.
    public enum Kind: String, Sendable, CaseIterable { case catalog, policy, computer }
    /// Whether this is the catalog, a policy or the computer itself.
    public var kind: Kind
    /// The policy id; `nil` for the catalog and the computer itself.
    public var id: String?

    /// The catalog level, where the catalog-wide exclude flag is set.
    public static let catalog = Level(kind: .catalog, id: nil)
    /// The computer itself, the nearest level of a host.
    public static let computer = Level(kind: .computer, id: nil)
    /// The policy with identifier `id`.
    public static func policy(_ id: String) -> Level { Level(kind: .policy, id: id) }
}

/// One fact that supports (or, for `patched`, defeats) a recommendation.
public struct Evidence: Sendable, Hashable {
    /// What the fact is, written as the `kind` attribute of `<evidence>`.
    public enum Kind: String, Sendable, CaseIterable {
        case package, patched, uncertain, dependency, os
        case applicationType = "application-type"
        case port, file, service, always
    }
    /// What sort of fact this is, e.g. an affected package or a dependency.
    public var kind: Kind
    /// Attributes in the order they are written.
    public var attributes: [(name: String, value: String)]

    /// Creates evidence of `kind` whose attributes are written in the given order.
    public init(_ kind: Kind, _ attributes: [(name: String, value: String)]) {
        self.kind = kind
        self.attributes = attributes
    }

    /// Equal when the kinds and the attribute names and values, in order, are equal.
    public static func == (lhs: Evidence, rhs: Evidence) -> Bool {
        lhs.kind == rhs.kind && lhs.attributes.count == rhs.attributes.count
            && zip(lhs.attributes, rhs.attributes).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Hashes the kind and the attribute values; the names nearly always follow from the kind.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        for attribute in attributes { hasher.combine(attribute.value) }
    }

    /// The value of one attribute, if present.
    public func value(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
}

/// The exclusion that hid a recommended rule.
public struct ExclusionReference: Sendable, Hashable {
    /// The level where the exclusion is set: computer, policy or catalog.
    public var level: Level
    /// Why the exclusion was set, as the override says.
    public var reason: String?
    /// Who set the exclusion, as the override says.
    public var by: String?
    /// Last day the exclusion is in force (inclusive), as `YYYY-MM-DD`.
    public var expires: String?
}

/// The result for one rule on one host.
public struct RuleResult: Sendable, Equatable {
    /// The rule's identifier, e.g. "1000763".
    public var ruleID: String
    /// The protection module the rule belongs to.
    public var module: Module
    /// The rule's display name from the catalog.
    public var name: String
    /// The rule's severity from the catalog.
    public var severity: Severity
    /// What recscan concludes for the rule on this host.
    public var outcome: Outcome
    /// Set for `to-assign` only.
    public var apply: ApplyClass?
    /// Set when `apply` is manual.
    public var reason: ManualReason?
    /// Whether the rule blocks traffic here: engine inline, behavior prevent and not detect-only.
    public var blocks: Bool
    /// Facts behind the outcome, e.g. the affected package, or the patched one for a to-unassign rule.
    public var evidence: [Evidence] = []
    /// Levels where the rule is assigned, root policy first, computer last.
    public var assignedAt: [Level] = []
    /// The exclusion that hides the rule; set for the `excluded` outcome.
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
    /// An inventoried host that no computer of the fleet export is (or that several could be).
    case notInFleet = "not-in-fleet"
    /// The host lists packages and no catalog rule can match a package of any of their ecosystems.
    case packagesNotCovered = "packages-not-covered"
    /// Nothing tells when the host's inventory was collected, so its age cannot be judged.
    case collectionTimeUnknown = "collection-time-unknown"
    /// An installed package that an advisory affects while no catalog rule names the advisory:
    /// no virtual patch exists, the package must be patched.
    case uncoveredVulnerability = "uncovered-vulnerability"
}

/// An audit finding: data, not an error.
public struct Finding: Sendable, Equatable {
    /// What the finding is about.
    public var kind: FindingKind
    /// How urgent the finding is: the kind's default, high for a manual assignment that blocks.
    public var severity: Severity
    /// The rule the finding is about, when there is one.
    public var ruleID: String?
    /// The level the finding is about, when there is one.
    public var level: Level?
    /// The plain-language explanation shown to the operator.
    public var message: String
    /// The vulnerable package of an `uncovered-vulnerability` finding; `nil` for other kinds.
    public var vulnerability: VulnerablePackage? = nil
}

/// An installed package an advisory affects, as an `uncovered-vulnerability` finding names it.
public struct VulnerablePackage: Sendable, Equatable {
    /// The package's ecosystem.
    public var ecosystem: Ecosystem
    /// The package's name, as the inventory spells it.
    public var name: String
    /// The installed version.
    public var version: String
    /// The version that fixes it, when the advisory gives one above the installed version.
    public var fixed: String?
    /// The advisory's id, e.g. "PYSEC-2021-19".
    public var advisoryID: String
    /// The advisory's other identifiers, e.g. "CVE-2021-33203".
    public var aliases: [String]
}

/// How far a host could be analysed.
public enum HostStatus: String, Sendable, CaseIterable {
    case ok, stale, error
    case noInventory = "no-inventory"
}

/// The settings in force on a host and where each came from.
public struct EffectiveSettings: Sendable, Equatable {
    /// The network engine mode in force; `inline` unless a level sets it.
    public var engineMode: EngineModeSetting
    /// The level that set the engine mode; `nil` when the default applies.
    public var engineModeSetAt: Level?
    /// The intrusion prevention behavior in force; `prevent` unless a level sets it.
    public var behavior: BehaviorSetting
    /// The level that set the behavior; `nil` when the default applies.
    public var behaviorSetAt: Level?
    /// Whether recommendations are applied automatically, per module; off unless a level says `yes`.
    public var autoApply: [Module: Bool]
}

/// Everything recscan reports about one host.
public struct HostReport: Sendable, Equatable {
    /// The host's name, as its inventory or the fleet spells it.
    public var hostname: String
    /// The identifier of the computer's policy; `nil` when the fleet names none.
    public var policyID: String?
    /// How far the host could be analysed.
    public var status: HostStatus
    /// The operating system from the inventory, when known.
    public var os: OperatingSystem?
    /// When the inventory was collected (ISO 8601), as written in it.
    public var collected: String?
    /// What was read against what the catalog can match; `nil` when the host was not analysed.
    public var inventory: InventoryDetails?
    /// The engine mode, behavior and auto-apply settings in force on the host.
    public var settings: EffectiveSettings?
    /// Sorted by rule id.
    public var rules: [RuleResult] = []
    /// Sorted by severity (highest first), kind, rule.
    public var findings: [Finding] = []
    /// Inventory files the host was read from, or that could not be read.
    public var inventorySources: [String] = []
    /// What changed since the previous run; `nil` when nothing did or there is no previous run.
    public var changes: HostChanges?
    /// The manager's own recommendation scan set against this report's; `nil` when the fleet came
    /// without one for the host.
    public var manager: ManagerComparison?
}

/// An input file (or part of one) that could not be used.
public struct RejectedInput: Sendable, Equatable {
    /// The input file as reports name it, e.g. "Inventories/broken.xml".
    public var file: String
    /// The line of the problem, when known.
    public var line: Int?
    /// The column of the problem, when known.
    public var column: Int?
    /// Why the input could not be used.
    public var reason: String
}

/// One step of a false-positive remediation plan.
public struct TriageStep: Sendable, Equatable {
    /// The step's position in the plan, starting at 1.
    public var order: Int
    /// A short machine-readable action, e.g. `unassign`, `set-engine-mode`.
    public var action: String
    /// Whether the operator may skip the step, e.g. the emergency switch to tap mode.
    public var optional: Bool = false
    /// Attributes such as `level`, `id`, `mode`, in writing order.
    public var attributes: [(name: String, value: String)] = []
    /// The step explained for the operator.
    public var text: String

    /// Equal when every field, including the attribute names and values in order, is equal.
    public static func == (lhs: TriageStep, rhs: TriageStep) -> Bool {
        lhs.order == rhs.order && lhs.action == rhs.action && lhs.optional == rhs.optional && lhs.text == rhs.text
            && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }
}

/// A remediation plan for one (computer, rule) false-positive.
public struct TriagePlan: Sendable, Equatable {
    /// The computer the false-positive events came from.
    public var hostname: String
    /// The rule that fired, e.g. "1000763".
    public var ruleID: String
    /// How many hits the computer's events for this rule stand for.
    public var events: Int
    /// Whether any of the events blocked traffic (its action was not detect-only).
    public var blocked: Bool
    /// The remediation steps, in the order to perform them.
    public var steps: [TriageStep]
}

/// Fleet-wide counts.
public struct ScanSummary: Sendable, Equatable {
    /// Hosts reported, whatever their status.
    public var hosts = 0
    /// Rules recommended but not yet assigned, over all hosts.
    public var toAssign = 0
    /// To-assign rules that may be applied automatically.
    public var auto = 0
    /// To-assign rules that need a person's decision.
    public var manual = 0
    /// Rules recommended and already assigned.
    public var assigned = 0
    /// Rules assigned but no longer recommended.
    public var toUnassign = 0
    /// Recommended rules hidden by an exclusion.
    public var excluded = 0
    /// Audit findings over all hosts.
    public var findings = 0
    /// Input files, or parts of them, that could not be used.
    public var rejectedInputs = 0

    /// Creates a summary with every count at zero.
    public init() {}

    /// Adds another summary's counts (hosts, outcomes, findings; not rejected inputs).
    public mutating func add(_ other: ScanSummary) {
        hosts += other.hosts
        toAssign += other.toAssign
        auto += other.auto
        manual += other.manual
        assigned += other.assigned
        toUnassign += other.toUnassign
        excluded += other.excluded
        findings += other.findings
    }

    /// Adds one host's counts.
    public mutating func add(_ host: HostReport) {
        hosts += 1
        // By position, reading the fields in place: `for rule in host.rules` copied each result.
        for index in host.rules.indices {
            switch host.rules[index].outcome {
            case .toAssign:
                toAssign += 1
                if host.rules[index].apply == .auto { auto += 1 } else { manual += 1 }
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
    /// The run's identifier, also the name of its folder under the output directory.
    public var runID: String
    /// The catalog's `version` attribute, e.g. "2026.11.28".
    public var catalogVersion: String
    /// Reference time, ISO 8601 UTC.
    public var referenceTime: String

    /// Creates the header facts of a run.
    public init(runID: String, catalogVersion: String, referenceTime: String) {
        self.runID = runID
        self.catalogVersion = catalogVersion
        self.referenceTime = referenceTime
    }
}

/// The fleet-wide parts of a report, known once every host is done.
public struct FleetResults: Sendable, Equatable {
    /// Fleet-wide counts.
    public var summary: ScanSummary
    /// Inputs that could not be used, in discovery order.
    public var rejected: [RejectedInput]
    /// Every exclusion override of the fleet with its state.
    public var exclusions: [FleetExclusion]
    /// False-positive remediation plans, by host then rule.
    public var triage: [TriagePlan]
    /// What changed since the previous run in the same output folder; `nil` for the first run.
    public var changes: RunChanges?

    /// Bundles the fleet-wide sections.
    public init(
        summary: ScanSummary, rejected: [RejectedInput], exclusions: [FleetExclusion], triage: [TriagePlan],
        changes: RunChanges? = nil
    ) {
        self.summary = summary
        self.rejected = rejected
        self.exclusions = exclusions
        self.triage = triage
        self.changes = changes
    }
}
