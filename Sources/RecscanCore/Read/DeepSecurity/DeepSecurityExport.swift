/// A Deep Security / Workload Security API export in the API's own terms: numeric internal IDs,
/// levels that state only what they set themselves (`overrides=true`). `DeepSecurityFleet`
/// translates it into recscan's fleet, which speaks rule identifiers and level names.
struct DeepSecurityExport: Sendable {
    /// A policy or a computer, as `GET /api/policies` or `GET /api/computers` returns it.
    struct Level: Sendable {
        /// The internal ID (`ID`).
        var id: Int
        /// The policy's `name`, or the computer's `hostName`.
        var name: String
        /// The computer's `displayName`, when set.
        var displayName: String?
        /// The parent policy (`parentID`) of a policy, the policy (`policyID`) of a computer.
        var parentID: Int?
        /// Automatic application of recommendations this level sets, per module.
        var autoApply: [Module: AutoApplySetting] = [:]
        /// The network engine mode this level sets.
        var engineMode: EngineModeSetting = .inherited
        /// The intrusion prevention module's `state` this level sets (`prevent`, `detect`, `off`).
        var intrusionPreventionState: String?
        /// Internal rule IDs assigned on this level itself, per module.
        var assigned: [Module: [Int]] = [:]
        /// Rule overrides of `…/{module}/rules?overrides=true`: internal rule ID → recommendationsMode.
        var recommendationModes: [RuleKey: ModeOverride] = [:]
        /// Where the level was read.
        var file: String
        var line: Int
    }

    /// A rule's `recommendationsMode` set on one level, and where.
    struct ModeOverride: Sendable {
        var mode: String
        var file: String
        var line: Int
    }

    /// A rule by module and internal ID: each module numbers its rules on its own.
    struct RuleKey: Sendable, Hashable, Comparable {
        var module: Module
        var id: Int
        static func < (lhs: RuleKey, rhs: RuleKey) -> Bool { (lhs.module, lhs.id) < (rhs.module, rhs.id) }
    }

    /// A rule of `GET /api/{module}rules`.
    struct Rule: Sendable {
        var key: RuleKey
        /// The identifier reports speak, e.g. "1000763".
        var identifier: String
        var name: String?
        var severity: Severity?
        var detectOnly: Bool?
        var cves: [String]?
        /// Internal IDs of the rules this one depends on (same module).
        var dependsOn: [Int]?
        /// `enabled`, `ignored` (excluded from recommendations catalog-wide), ...
        var recommendationsMode: String?
        var file: String
        var line: Int
    }

    /// The manager's own recommendation scan of one computer and module (`…/assignments`).
    struct ManagerScan: Sendable {
        var module: Module
        /// `valid`, `out-of-date`, `unknown` or `none`.
        var status: String?
        /// `lastRecommendationScanDate`, milliseconds since 1970.
        var scannedMilliseconds: Int64?
        var recommendedToAssign: [Int]
        var recommendedToUnassign: [Int]
        var assigned: [Int]
        var file: String
    }

    /// The folder the API responses were read from, as messages name it (`export/api`).
    var folder = "api"
    var policies: [Level] = []
    var computers: [Level] = []
    var rules: [RuleKey: Rule] = [:]
    /// Modules whose rule list the export holds.
    var ruleLists: Set<Module> = []
    /// The manager's recommendation scans by computer ID.
    var managerScans: [Int: [ManagerScan]] = [:]

    init() {}
}

extension Module {
    /// The module's segment in API paths: `intrusionprevention`, ...
    var apiPathName: String {
        switch self {
        case .intrusionPrevention: "intrusionprevention"
        case .integrityMonitoring: "integritymonitoring"
        case .logInspection: "loginspection"
        }
    }

    /// The module's key in policy and computer objects: `intrusionPrevention`, ...
    var apiKey: String {
        switch self {
        case .intrusionPrevention: "intrusionPrevention"
        case .integrityMonitoring: "integrityMonitoring"
        case .logInspection: "logInspection"
        }
    }
}
