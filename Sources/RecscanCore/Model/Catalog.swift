/// The three protection modules a rule can belong to.
public enum Module: String, Sendable, CaseIterable, Comparable {
    case intrusionPrevention = "intrusion-prevention"
    case integrityMonitoring = "integrity-monitoring"
    case logInspection = "log-inspection"

    /// Orders modules by their report name, alphabetically.
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

    /// Orders severities from low up to critical.
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
    /// One sign that a host runs the application type: a listening port or an installed package.
    public enum Detection: Sendable, Equatable {
        case listen(protocol: String, port: Int)
        case software(ecosystem: Ecosystem, name: String)
    }

    /// The identifier rules refer to in `applicationType`, e.g. "web-server-common".
    public var id: String
    /// The display name, e.g. "Web Server Common".
    public var name: String
    /// Which traffic its rules inspect: "incoming" or "outgoing".
    public var direction: String
    /// The traffic's protocol (the catalog's `protocol` attribute), e.g. "tcp".
    public var transport: String
    /// The ports its rules inspect, as written, e.g. "80,443,8080"; not used for detection.
    public var ports: String
    /// The `<detect>` children; any one of them found on a host detects the application type.
    public var detections: [Detection]
}

/// One affected range of one package, as a rule lists it.
public struct AffectedSoftware: Sendable, Equatable {
    /// The package ecosystem, which decides the version scheme and how names compare.
    public var ecosystem: Ecosystem
    /// The affected package's name in its ecosystem, e.g. "openssl".
    public var name: String
    /// The first affected version (inclusive); `nil` means affected from the lowest version.
    public var introduced: String?
    /// The first patched version (exclusive upper bound); installed at or past it means patched.
    public var fixed: String?
    /// The last affected version (inclusive upper bound); installed past it means patched.
    public var lastAffected: String?
    /// Where the alternative comes from when an advisory gave it (see `Catalog.joining`); `nil`
    /// for the catalog's own `<software>`.
    public var advisory: AdvisorySource? = nil
}

/// An alternative a rule got from an OSV advisory: which advisory, and how it places a version.
///
/// A class, immutable and compared by value: every alternative carries one optional reference,
/// and the catalog's own `<software>` (nearly all of them) leave it `nil`, so a rule's
/// alternatives and their compiled criteria do not hold the advisory's fields inline.
public final class AdvisorySource: Sendable, Equatable {
    /// How the alternative decides on an installed version.
    public enum Check: Sendable, Equatable {
        /// The interval `introduced`, `fixed`, `lastAffected` of the alternative, in `scheme`.
        case interval
        /// Affected exactly when the installed version is one of these (OSV's `versions`).
        case listed([String])
        /// Cannot be decided (a git range, an invalid event version): uncertain, with the reason.
        case undecidable(String)
    }

    /// The advisory's id, e.g. "PYSEC-2021-19".
    public let advisoryID: String
    /// The ecosystem as the advisory writes it, e.g. "PyPI" or "Debian:12".
    public let osvEcosystem: String
    /// The scheme the interval compares in: semver for a SEMVER range, else the ecosystem's.
    public let scheme: VersionSchemeKind
    /// How a version is placed.
    public let check: Check
    /// The operating system the alternative is limited to (`Debian:12`), if any.
    public let operatingSystem: OSConstraint?
    /// The OSV range the interval comes from, as written: "ECOSYSTEM introduced 0, fixed 1.1".
    public let rangeText: String
    /// Whether the name is a source package (Debian's and Ubuntu's advisories): it then matches
    /// every installed binary package built from it, by the source package's version.
    public let namesSourcePackage: Bool

    /// Creates the source of an alternative.
    /// - Parameters:
    ///   - advisoryID: the advisory's id.
    ///   - osvEcosystem: the ecosystem as the advisory writes it.
    ///   - scheme: the scheme the interval compares in.
    ///   - check: how a version is placed.
    ///   - operatingSystem: the operating system the alternative is limited to, if any.
    ///   - rangeText: the OSV range the interval comes from, as written.
    ///   - namesSourcePackage: whether the name is a source package.
    public init(
        advisoryID: String, osvEcosystem: String, scheme: VersionSchemeKind, check: Check,
        operatingSystem: OSConstraint?, rangeText: String, namesSourcePackage: Bool = false
    ) {
        self.advisoryID = advisoryID
        self.osvEcosystem = osvEcosystem
        self.scheme = scheme
        self.check = check
        self.operatingSystem = operatingSystem
        self.rangeText = rangeText
        self.namesSourcePackage = namesSourcePackage
    }

    /// Two sources are equal when every field is.
    public static func == (lhs: AdvisorySource, rhs: AdvisorySource) -> Bool {
        lhs.advisoryID == rhs.advisoryID && lhs.osvEcosystem == rhs.osvEcosystem && lhs.scheme == rhs.scheme
            && lhs.check == rhs.check && lhs.operatingSystem == rhs.operatingSystem && lhs.rangeText == rhs.rangeText
            && lhs.namesSourcePackage == rhs.namesSourcePackage
    }
}

/// An operating-system constraint; every attribute that is set must hold.
public struct OSConstraint: Sendable, Hashable {
    /// The OS family the host must run, e.g. "linux" or "windows".
    public var family: String?
    /// The distribution id the host must run, e.g. "debian", "rhel" or "windows".
    public var name: String?
    /// Prefix match on the host's OS version ("12" matches "12.7").
    public var version: String?
    /// The lowest OS version accepted (inclusive).
    public var minVersion: String?
    /// The highest OS version accepted (inclusive).
    public var maxVersion: String?
}

/// What a rule needs of a host to be recommended.
public struct Applicability: Sendable, Equatable {
    /// OS constraints; the host must satisfy one of them when any are listed.
    public var operatingSystems: [OSConstraint] = []
    /// Affected package ranges; the host must have a package inside one of them when any are listed.
    public var software: [AffectedSoftware] = []
    /// Listening ports that, like files and services, each suffice as a presence alternative.
    public var ports: [ListeningPort] = []
    /// File paths that, like ports and services, each suffice as a presence alternative.
    public var files: [String] = []
    /// Service names that, present in any state, each suffice as a presence alternative.
    public var services: [String] = []

    /// Ports, files and services form one list of alternatives.
    public var hasPresenceAlternatives: Bool { !ports.isEmpty || !files.isEmpty || !services.isEmpty }
}

/// A catalog rule with its flags and applicability criteria.
public struct Rule: Sendable, Equatable {
    /// The rule's identifier; IPS rules use 7-digit numbers, e.g. "1000763".
    public var id: String
    /// The protection module the rule belongs to.
    public var module: Module
    /// The rule's display name, e.g. "URI Length And Depth Restriction".
    public var name: String
    /// How bad the threat the rule addresses is.
    public var severity: Severity
    /// CVE identifiers the rule protects against, e.g. "CVE-2014-0160".
    public var cves: [String] = []
    /// The application type that must be detected on a host (intrusion prevention only).
    public var applicationTypeID: String?
    /// Rules recommended along with this one, transitively, whenever it is recommended.
    public var dependsOn: [String] = []
    /// The criteria a host must meet for the rule to be recommended.
    public var applies = Applicability()
    /// `nil` when automatic application is allowed.
    public var neverAutoReason: ManualReason?
    /// Whether the catalog-wide `recommendations="excluded"` flag hides the rule.
    public var excludedInCatalog = false
    /// Whether the rule only logs and never blocks, whatever the engine mode.
    public var detectOnly = false
    /// Whether the rule is a custom rule, which is never recommended.
    public var custom = false
    /// The catalog's free-text explanation of the rule, when it has one.
    public var description: String?
    /// Where the rule was declared, for diagnostics.
    public var line: Int = 0
}

/// The whole rule catalog, keyed for lookup.
public struct Catalog: Sendable {
    /// The catalog's `version` attribute, e.g. "2026.11.28".
    public var version: String
    /// Application types by identifier.
    public var applicationTypes: [String: ApplicationType]
    /// Rules by identifier.
    public var rules: [String: Rule]
    /// Rule identifiers, sorted, for deterministic iteration.
    public var sortedRuleIDs: [String]
    /// What is wrong in the catalog without making it unusable (a `dependsOn` naming a rule the
    /// catalog lacks), each with its line; said once per run and by `validate`.
    public var warnings: [InputError] = []

    /// Creates a catalog and sorts its rule identifiers.
    public init(version: String, applicationTypes: [String: ApplicationType], rules: [String: Rule]) {
        self.init(
            version: version, applicationTypes: applicationTypes, rules: rules, inOrder: RuleID.sorted(rules.keys))
    }

    /// A catalog whose rules' ids are given in rule order (a compiled catalog's): checked in one
    /// pass instead of sorted. `nil` when they are not exactly the rules' ids in that order.
    init?(version: String, applicationTypes: [String: ApplicationType], rules: [String: Rule], sortedIDs: [String]) {
        guard sortedIDs.count == rules.count, sortedIDs.allSatisfy({ rules.index(forKey: $0) != nil }),
            zip(sortedIDs, sortedIDs.dropFirst()).allSatisfy({ RuleID.less($0, $1) })
        else { return nil }
        self.init(version: version, applicationTypes: applicationTypes, rules: rules, inOrder: sortedIDs)
    }

    private init(
        version: String, applicationTypes: [String: ApplicationType], rules: [String: Rule], inOrder ids: [String]
    ) {
        self.version = version
        self.applicationTypes = applicationTypes
        self.rules = rules
        self.sortedRuleIDs = ids
        var order: [String: Int] = [:]
        order.reserveCapacity(ids.count)
        for (position, id) in ids.enumerated() { order[id] = position }
        self.ruleOrder = order
    }

    /// Each rule's position in `sortedRuleIDs`, so that sorting rule ids compares integers.
    public let ruleOrder: [String: Int]

    /// `ids` in rule order; ids not in the catalog come last, in `RuleID` order.
    public func sortedInRuleOrder<S: Sequence>(_ ids: S) -> [String] where S.Element == String {
        ids.map { (ruleOrder[$0] ?? Int.max, $0) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : RuleID.less($0.1, $1.1) }
            .map(\.1)
    }
}

/// Rule identifiers sort numerically when both are numbers, else as text.
public enum RuleID {
    /// `ids` sorted as `less` orders them, parsing each id once instead of per comparison.
    public static func sorted<S: Sequence>(_ ids: S) -> [String] where S.Element == String {
        ids.map { (number: Int($0), id: $0) }
            .sorted { lhs, rhs in
                switch (lhs.number, rhs.number) {
                case let (left?, right?) where left != right: return left < right
                case (.some, nil): return true
                case (nil, .some): return false
                default: return lhs.id < rhs.id
                }
            }
            .map(\.id)
    }

    /// Whether rule `lhs` sorts before rule `rhs`: numbers numerically and before other identifiers.
    public static func less(_ lhs: String, _ rhs: String) -> Bool {
        if let left = Int(lhs), let right = Int(rhs), left != right { return left < right }
        if (Int(lhs) == nil) != (Int(rhs) == nil) { return Int(lhs) != nil }
        return lhs < rhs
    }
}
