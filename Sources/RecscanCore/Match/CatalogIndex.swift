/// Lookup tables over the catalog so that matching a host costs per package, port or file
/// it has, not per rule in the catalog.
public struct CatalogIndex: Sendable {
    /// The catalog the tables index.
    public let catalog: Catalog
    /// Rules in id order; an ordinal is a position in this array, so that candidate sets are
    /// small integer sets that sort without string comparisons.
    let rulesByOrdinal: [CompiledRule]
    /// Rules that list a package, by ecosystem and normalized name.
    let rulesBySoftware: [SoftwareKey: [Int]]
    /// Rules of an application type, by type id.
    let rulesByApplicationType: [String: [Int]]
    /// Application types detected by a listening socket.
    let applicationTypesByListen: [ListeningPort: [String]]
    /// Application types detected by installed software.
    let applicationTypesBySoftware: [SoftwareKey: [String]]
    /// Rules that list a listening port.
    let rulesByPort: [ListeningPort: [Int]]
    /// Rules that list a file path.
    let rulesByFile: [String: [Int]]
    /// Rules that list a service, by lowercased name.
    let rulesByService: [String: [Int]]
    /// Rules with no package, application type, port, file or service criterion: checked on every host.
    let unconditionalRules: [Int]
    /// Every package some rule or application type names.
    let namedSoftware: Set<SoftwareKey>
    /// Each rule's ordinal, by rule id.
    let ordinalsByID: [String: Int]

    /// Builds the index once per run.
    public init(catalog: Catalog) {
        self.catalog = catalog
        var ordered: [CompiledRule] = []
        var bySoftware: [SoftwareKey: [Int]] = [:]
        var byType: [String: [Int]] = [:]
        var byPort: [ListeningPort: [Int]] = [:]
        var byFile: [String: [Int]] = [:]
        var byService: [String: [Int]] = [:]
        var unconditional: [Int] = []
        var ordinals: [String: Int] = [:]
        for id in catalog.sortedRuleIDs where catalog.rules[id] != nil { ordinals[id] = ordinals.count }
        for id in catalog.sortedRuleIDs {
            guard let rule = catalog.rules[id] else { continue }
            let ordinal = ordered.count
            ordered.append(CompiledRule(rule, catalog: catalog, ordinals: ordinals))
            let applies = rule.applies
            for software in applies.software {
                bySoftware[SoftwareKey(software.ecosystem, software.name), default: []].append(ordinal)
            }
            if let type = rule.applicationTypeID { byType[type, default: []].append(ordinal) }
            for port in applies.ports { byPort[port, default: []].append(ordinal) }
            for file in applies.files { byFile[file, default: []].append(ordinal) }
            for service in applies.services { byService[service.lowercased(), default: []].append(ordinal) }
            if applies.software.isEmpty && rule.applicationTypeID == nil && !applies.hasPresenceAlternatives {
                unconditional.append(ordinal)
            }
        }
        var typesByListen: [ListeningPort: [String]] = [:]
        var typesBySoftware: [SoftwareKey: [String]] = [:]
        for id in catalog.applicationTypes.keys.sorted() {
            for detection in catalog.applicationTypes[id]?.detections ?? [] {
                switch detection {
                case .listen(let transport, let port):
                    typesByListen[ListeningPort(transport: transport, port: port), default: []].append(id)
                case .software(let ecosystem, let name):
                    typesBySoftware[SoftwareKey(ecosystem, name), default: []].append(id)
                }
            }
        }
        rulesByOrdinal = ordered
        rulesBySoftware = bySoftware.mapValues { Array(Set($0)).sorted() }
        rulesByApplicationType = byType
        applicationTypesByListen = typesByListen
        applicationTypesBySoftware = typesBySoftware
        rulesByPort = byPort.mapValues { Array(Set($0)).sorted() }
        rulesByFile = byFile.mapValues { Array(Set($0)).sorted() }
        rulesByService = byService.mapValues { Array(Set($0)).sorted() }
        unconditionalRules = unconditional
        namedSoftware = Set(bySoftware.keys).union(typesBySoftware.keys)
        ordinalsByID = ordinals
    }
}

/// A rule ready for matching: shared by reference (no copy per host), with its version ranges
/// parsed once and the criteria checked on every candidate host at hand.
final class CompiledRule: Sendable {
    let rule: Rule
    /// The rule's affected packages, keyed as the host's packages are.
    let software: [SoftwareCriterion]
    let operatingSystems: [OSConstraint]
    let ports: [ListeningPort]
    let files: [String]
    /// Each service as the catalog names it, with its lowercased name for lookups.
    let services: [(name: String, lowercased: String)]
    /// The ordinals of the rules `dependsOn` pulls in, in the catalog's order: custom rules and
    /// rules missing from the catalog are left out, as they are never recommended.
    let dependencies: [Int]

    init(_ rule: Rule, catalog: Catalog, ordinals: [String: Int]) {
        self.rule = rule
        software = rule.applies.software.map(SoftwareCriterion.init)
        operatingSystems = rule.applies.operatingSystems
        ports = rule.applies.ports
        files = rule.applies.files
        services = rule.applies.services.map { ($0, $0.lowercased()) }
        dependencies = rule.dependsOn.compactMap { id in
            catalog.rules[id]?.custom == false ? ordinals[id] : nil
        }
    }
}

/// One affected package of a rule, with its range prepared for both ways a version may be listed.
/// A class: matching walks these for every candidate rule, and a struct copy would retain each field.
final class SoftwareCriterion: Sendable {
    let key: SoftwareKey
    let range: PreparedRange
    /// For a version listed without its epoch (`rpm -qa`'s default output): the bounds without
    /// theirs, so that version and release decide.
    let rangeWithoutEpochs: PreparedRange
    /// The evidence attributes that describe the range: `range`, then `fixed` and `lastAffected` when set.
    let boundAttributes: [(name: String, value: String)]

    init(_ entry: AffectedSoftware) {
        key = SoftwareKey(entry.ecosystem, entry.name)
        let range = AffectedRange(
            scheme: entry.ecosystem.scheme, introduced: entry.introduced, fixed: entry.fixed,
            lastAffected: entry.lastAffected)
        self.range = PreparedRange(range)
        rangeWithoutEpochs = entry.ecosystem == .rpm ? PreparedRange(range.droppingEpochs) : self.range
        // The bounds themselves, so that "patch first" can name the version to update to.
        var bounds = [(name: "range", value: self.range.description)]
        if let fixed = range.fixed { bounds.append(("fixed", fixed)) }
        if let lastAffected = range.lastAffected { bounds.append(("lastAffected", lastAffected)) }
        boundAttributes = bounds
    }
}

extension AffectedRange {
    /// The range with `epoch:` removed from every bound.
    var droppingEpochs: AffectedRange {
        func drop(_ bound: String?) -> String? {
            guard let bound, let colon = bound.firstIndex(of: ":"), bound[..<colon].allSatisfy(\.isNumber) else {
                return bound
            }
            return String(bound[bound.index(after: colon)...])
        }
        return AffectedRange(
            scheme: scheme, introduced: drop(introduced), fixed: drop(fixed), lastAffected: drop(lastAffected))
    }
}

/// A package identity as its ecosystem compares names.
struct SoftwareKey: Hashable, Sendable {
    let ecosystem: Ecosystem
    let name: String

    init(_ ecosystem: Ecosystem, _ name: String) {
        self.ecosystem = ecosystem
        self.name = ecosystem.normalizedName(name)
    }
}
