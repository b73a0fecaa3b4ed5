/// What matching and deciding read of a rule, twelve bytes by ordinal in one array
/// (`CatalogIndex.traits(of:)`): a host's 200 or so candidate rules are spread over the catalog's
/// 10 MB, and reading each rule object's flags, criteria and settings cost several cache misses
/// per rule and host. Most candidates (application-type and OS rules) are now decided from
/// these bytes alone; the object is read for a rule's packages, ports, files or services, and
/// for the id and name of a rule that is recommended.
struct RuleTraits: Sendable {
    private struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let custom = Flags(rawValue: 1)
        static let excludedInCatalog = Flags(rawValue: 2)
        static let detectOnly = Flags(rawValue: 4)
        static let hasDependencies = Flags(rawValue: 8)
        static let hasSoftware = Flags(rawValue: 16)
        static let hasPresence = Flags(rawValue: 32)
    }

    private let flags: Flags
    let module: Module
    let severity: Severity
    let neverAutoReason: ManualReason?
    private let applicationTypeOrdinal: Int32
    private let operatingSystemSetOrdinal: Int32

    /// - Parameter compiled: `rule` ready for matching.
    /// - Parameter operatingSystemSet: the position of the rule's OS constraints among the
    ///   catalog's distinct sets (`CatalogIndex.operatingSystems(inSet:)`); `nil` when it has none.
    init(_ rule: Rule, compiled: CompiledRule, operatingSystemSet: Int?) {
        var flags: Flags = []
        if rule.custom { flags.insert(.custom) }
        if rule.excludedInCatalog { flags.insert(.excludedInCatalog) }
        if rule.detectOnly { flags.insert(.detectOnly) }
        if !compiled.dependencies.isEmpty { flags.insert(.hasDependencies) }
        if !compiled.software.isEmpty { flags.insert(.hasSoftware) }
        if rule.applies.hasPresenceAlternatives { flags.insert(.hasPresence) }
        self.flags = flags
        module = rule.module
        severity = rule.severity
        neverAutoReason = rule.neverAutoReason
        // A catalog never comes near 2^31 application types or OS sets: its size is bounded.
        applicationTypeOrdinal = compiled.applicationType.map { Int32(truncatingIfNeeded: $0) } ?? -1
        operatingSystemSetOrdinal = operatingSystemSet.map { Int32(truncatingIfNeeded: $0) } ?? -1
    }

    var custom: Bool { flags.contains(.custom) }
    var excludedInCatalog: Bool { flags.contains(.excludedInCatalog) }
    var detectOnly: Bool { flags.contains(.detectOnly) }
    /// Whether `dependsOn` pulls in any rule (`CompiledRule.dependencies` is not empty).
    var hasDependencies: Bool { flags.contains(.hasDependencies) }
    /// Whether the rule lists packages (`CompiledRule.software` is not empty).
    var hasSoftware: Bool { flags.contains(.hasSoftware) }
    /// Whether the rule lists ports, files or services.
    var hasPresence: Bool { flags.contains(.hasPresence) }
    /// The ordinal of the application type the rule needs.
    var applicationType: Int? { applicationTypeOrdinal < 0 ? nil : Int(applicationTypeOrdinal) }
    /// The position of the rule's OS constraints among the catalog's distinct sets
    /// (`CatalogIndex.operatingSystems(inSet:)`).
    var operatingSystemSet: Int? { operatingSystemSetOrdinal < 0 ? nil : Int(operatingSystemSetOrdinal) }
}

/// A rule's id and name (`CatalogIndex.identity(of:)`): all that a rule's result
/// takes from the rule object besides its traits.
struct RuleIdentity: Sendable {
    let id: String
    let name: String
}

/// Whether the host's OS meets each of the catalog's distinct OS constraint sets, worked out the
/// first time a candidate rule asks: a catalog has few distinct sets and many rules share each.
struct OperatingSystemVerdicts {
    private enum Verdict: UInt8 { case unknown, holds, fails }
    private var verdicts: [Verdict]

    /// No verdict yet on any of the index's sets.
    init(_ index: CatalogIndex) { verdicts = [Verdict](repeating: .unknown, count: index.operatingSystemSetCount) }

    /// Whether some constraint of the index's set `position` holds for the host's OS.
    mutating func holds(_ position: Int, os: OperatingSystem?, index: CatalogIndex) -> Bool {
        switch verdicts[position] {
        case .holds: return true
        case .fails: return false
        case .unknown:
            let holds = os.map { os in index.operatingSystems(inSet: position).contains { $0.holds(for: os) } } ?? false
            verdicts[position] = holds ? .holds : .fails
            return holds
        }
    }
}
