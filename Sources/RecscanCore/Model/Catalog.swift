/// The three protection modules a rule can belong to.
public enum Module: String, Sendable, CaseIterable, Comparable {
    case intrusionPrevention = "intrusion-prevention"
    case integrityMonitoring = "integrity-monitoring"
    case logInspection = "log-inspection"

    public static func < (lhs: Module, rhs: Module) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How bad the threat a rule addresses is.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Why a rule may never be applied automatically.
public enum ManualReason: String, Sendable, CaseIterable {
    case falsePositiveProne = "false-positive-prone"
    case lowConfidence = "low-confidence"
    case requiresConfiguration = "requires-configuration"
    case mayAffectOperation = "may-affect-operation"
    case uncertainVersion = "uncertain-version"
    case autoApplyOff = "auto-apply-off"
}

/// A traffic family (intrusion prevention): detected on a host by its `<detect>` children.
public struct ApplicationType: Sendable, Equatable {
    public enum Detection: Sendable, Equatable {
        case listen(protocol: String, port: Int)
        case software(ecosystem: Ecosystem, name: String)
    }

    public var id: String
    public var name: String
    public var direction: String
    public var transport: String
    public var ports: String
    public var detections: [Detection]
}

/// One affected range of one package, as a rule lists it.
public struct AffectedSoftware: Sendable, Equatable {
    public var ecosystem: Ecosystem
    public var name: String
    public var introduced: String?
    public var fixed: String?
    public var lastAffected: String?
}

/// An operating-system constraint; every attribute that is set must hold.
public struct OSConstraint: Sendable, Equatable {
    public var family: String?
    public var name: String?
    /// Prefix match on the host's OS version ("12" matches "12.7").
    public var version: String?
    public var minVersion: String?
    public var maxVersion: String?
}

/// What a rule needs of a host to be recommended.
public struct Applicability: Sendable, Equatable {
    public var operatingSystems: [OSConstraint] = []
    public var software: [AffectedSoftware] = []
    public var ports: [ListeningPort] = []
    public var files: [String] = []
    public var services: [String] = []

    /// Ports, files and services form one list of alternatives.
    public var hasPresenceAlternatives: Bool { !ports.isEmpty || !files.isEmpty || !services.isEmpty }
}

/// A catalog rule with its flags and applicability criteria.
public struct Rule: Sendable, Equatable {
    public var id: String
    public var module: Module
    public var name: String
    public var severity: Severity
    public var cves: [String] = []
    public var applicationTypeID: String?
    public var dependsOn: [String] = []
    public var applies = Applicability()
    /// `nil` when automatic application is allowed.
    public var neverAutoReason: ManualReason?
    public var excludedInCatalog = false
    public var detectOnly = false
    public var custom = false
    public var description: String?
    /// Where the rule was declared, for diagnostics.
    public var line: Int = 0
}

/// The whole rule catalog, keyed for lookup.
public struct Catalog: Sendable {
    public var version: String
    public var applicationTypes: [String: ApplicationType]
    public var rules: [String: Rule]
    /// Rule identifiers, sorted, for deterministic iteration.
    public var sortedRuleIDs: [String]

    public init(version: String, applicationTypes: [String: ApplicationType], rules: [String: Rule]) {
        self.version = version
        self.applicationTypes = applicationTypes
        self.rules = rules
        self.sortedRuleIDs = rules.keys.sorted(by: RuleID.less)
    }
}

/// Rule identifiers sort numerically when both are numbers, else as text.
public enum RuleID {
    public static func less(_ lhs: String, _ rhs: String) -> Bool {
        if let left = Int(lhs), let right = Int(rhs), left != right { return left < right }
        if (Int(lhs) == nil) != (Int(rhs) == nil) { return Int(lhs) != nil }
        return lhs < rhs
    }
}
