/// Lookup tables over the catalog so that matching a host costs per package, port or file
/// it has, not per rule in the catalog.
public struct CatalogIndex: Sendable {
    /// The catalog the tables index.
    public let catalog: Catalog
    /// Rules in id order; an ordinal is a position in this array, so that candidate sets are
    /// small integer sets that sort without string comparisons.
    let rulesByOrdinal: [CompiledRule]
    /// The same rules, not retained (`rulesByOrdinal` keeps them alive): matching reads a host's
    /// candidates through these, as a retain writes to the rule's cold first cache line.
    let unretainedRules: [Unmanaged<CompiledRule>]
    /// What matching and deciding read of each rule, by ordinal (see `RuleTraits`).
    let traits: [RuleTraits]
    /// Each rule's id and name, by ordinal, for the results of a host's recommended rules.
    let identities: [RuleIdentity]
    /// The catalog's distinct OS constraint sets, in the order rules first list them: a rule's
    /// traits name its set by position, so that a host checks each set once.
    let operatingSystemSets: [[OSConstraint]]
    /// Each package some rule or application type names, by key: its software id is a position
    /// in the tables below and in a host's package groups.
    let softwareIDs: [SoftwareKey: Int]
    /// `softwareIDs` for a host's packages, looked up on their name bytes.
    let softwareTable: SoftwareIDTable
    /// Rules that list a package, by software id, except the software-only ones.
    let rulesBySoftware: FlatLists<Int>
    /// Rules whose only criterion is one package, by its software id, with that criterion:
    /// matching decides them from the criterion alone and reads the rule only when the host is
    /// affected (most candidates are patched, and each rule read is a cache miss). The criteria
    /// are not retained here: `rulesByOrdinal` holds each of them as long as the index lives, and
    /// a retain per read would write to a cold cache line.
    let softwareOnlyRules: FlatLists<SoftwareOnlyRule>
    /// The bounds of the software-only rules' packed ranges, in the order of `softwareOnlyRules`.
    let packedBounds: [UInt8]
    /// Application types (ordinals) detected by installed software, by software id.
    let applicationTypesBySoftware: [[Int]]
    /// Which of `rulesBySoftware` and `applicationTypesBySoftware` hold anything for each
    /// software id, a byte each: most ids have only software-only rules, and asking these 8 KB
    /// first spares a cache miss per table for every package a host has.
    let softwareUses: [SoftwareUses]
    /// Every application type id the catalog defines or a rule names, sorted: an application
    /// type's ordinal is its position here. A type no `<applicationType>` defines is never detected.
    let applicationTypeIDs: [String]
    /// Rules of an application type, by type ordinal.
    let rulesByApplicationType: [[Int]]
    /// Application types (ordinals) detected by a listening socket.
    let applicationTypesByListen: [ListeningPort: [Int]]
    /// Rules that list a listening port.
    let rulesByPort: [ListeningPort: [Int]]
    /// Rules that list a file path.
    let rulesByFile: [String: [Int]]
    /// Rules that list a service, by lowercased name.
    let rulesByService: [String: [Int]]
    /// Rules with no package, application type, port, file or service criterion: checked on every host.
    let unconditionalRules: [Int]
    /// Each rule's ordinal, by rule id.
    let ordinalsByID: [String: Int]

    /// Every package some rule or application type names.
    var namedSoftware: Set<SoftwareKey> { Set(softwareIDs.keys) }

    /// Builds the index once per run.
    public init(catalog: Catalog) {
        self.catalog = catalog
        var ids = CatalogIDs()
        for id in catalog.sortedRuleIDs where catalog.rules[id] != nil { ids.rules[id] = ids.rules.count }
        let typeIDs = Set(catalog.applicationTypes.keys).union(catalog.rules.values.compactMap(\.applicationTypeID))
            .sorted()
        for (ordinal, id) in typeIDs.enumerated() { ids.applicationTypes[id] = ordinal }
        var ordered: [CompiledRule] = []
        var bySoftware: [[Int]] = []
        var softwareOnly: [[SoftwareOnlyRule]] = []
        var byType = [[Int]](repeating: [], count: typeIDs.count)
        var byPort: [ListeningPort: [Int]] = [:]
        var byFile: [String: [Int]] = [:]
        var byService: [String: [Int]] = [:]
        var unconditional: [Int] = []
        var traits: [RuleTraits] = []
        var operatingSystemSets: [[OSConstraint]: Int] = [:]
        for id in catalog.sortedRuleIDs {
            guard let rule = catalog.rules[id] else { continue }
            let ordinal = ordered.count
            let compiled = CompiledRule(rule, catalog: catalog, ids: &ids)
            ordered.append(compiled)
            var operatingSystemSet: Int?
            if !compiled.operatingSystems.isEmpty {
                let next = operatingSystemSets.count
                operatingSystemSet = operatingSystemSets[compiled.operatingSystems, default: next]
                operatingSystemSets[compiled.operatingSystems] = operatingSystemSet
            }
            traits.append(RuleTraits(compiled, operatingSystemSet: operatingSystemSet))
            if let criterion = compiled.onlyCriterion {
                let id = criterion.softwareID
                Self.grow(&softwareOnly, toCount: id + 1)
                softwareOnly[id].append(SoftwareOnlyRule(ordinal: ordinal, criterion: .passUnretained(criterion)))
            } else {
                for criterion in compiled.software {
                    Self.add(ordinal, at: criterion.softwareID, to: &bySoftware)
                }
            }
            if let type = compiled.applicationType { byType[type].append(ordinal) }
            let applies = rule.applies
            for port in applies.ports { Self.add(ordinal, to: &byPort[port, default: []]) }
            for file in applies.files { Self.add(ordinal, to: &byFile[file, default: []]) }
            for service in applies.services { Self.add(ordinal, to: &byService[service.lowercased(), default: []]) }
            if applies.software.isEmpty && rule.applicationTypeID == nil && !applies.hasPresenceAlternatives {
                unconditional.append(ordinal)
            }
        }
        var typesByListen: [ListeningPort: [Int]] = [:]
        var typesBySoftware: [[Int]] = []
        for (ordinal, id) in typeIDs.enumerated() {
            for detection in catalog.applicationTypes[id]?.detections ?? [] {
                switch detection {
                case .listen(let transport, let port):
                    typesByListen[ListeningPort(transport: transport, port: port), default: []].append(ordinal)
                case .software(let ecosystem, let name):
                    Self.add(ordinal, at: ids.softwareID(SoftwareKey(ecosystem, name)), to: &typesBySoftware)
                }
            }
        }
        rulesByOrdinal = ordered
        unretainedRules = ordered.map { Unmanaged.passUnretained($0) }
        self.traits = traits
        identities = ordered.map { RuleIdentity(id: $0.rule.id, name: $0.rule.name) }
        self.operatingSystemSets = operatingSystemSets.sorted { $0.value < $1.value }.map(\.key)
        softwareIDs = ids.software
        softwareTable = SoftwareIDTable(ids.software.lazy.map { (key: $0.key, value: $0.value) })
        Self.grow(&bySoftware, toCount: ids.software.count)
        rulesBySoftware = FlatLists(bySoftware)
        Self.grow(&softwareOnly, toCount: ids.software.count)
        // Packed once the rules are grouped: a package's rules and their bounds are then neighbors.
        var packedBounds: [UInt8] = []
        for id in softwareOnly.indices {
            for position in softwareOnly[id].indices {
                softwareOnly[id][position].packed = softwareOnly[id][position].criterion._withUnsafeGuaranteedRef {
                    PackedRange($0, arena: &packedBounds)
                }
            }
        }
        softwareOnlyRules = FlatLists(softwareOnly)
        self.packedBounds = packedBounds
        Self.grow(&typesBySoftware, toCount: ids.software.count)
        applicationTypesBySoftware = typesBySoftware
        softwareUses = zip(bySoftware, typesBySoftware).map { rules, types in
            (rules.isEmpty ? [] : SoftwareUses.rules).union(types.isEmpty ? [] : .applicationTypes)
        }
        applicationTypeIDs = typeIDs
        rulesByApplicationType = byType
        applicationTypesByListen = typesByListen
        rulesByPort = byPort
        rulesByFile = byFile
        rulesByService = byService
        unconditionalRules = unconditional
        ordinalsByID = ids.rules
    }

    /// Adds empty lists to `lists` until it holds `count` (software ids are handed out while
    /// rules are compiled, so the lists by software id grow as they come).
    private static func grow<Value>(_ lists: inout [[Value]], toCount count: Int) {
        if count > lists.count { lists += [[Value]](repeating: [], count: count - lists.count) }
    }

    /// Appends `value` to the list at `position`, growing `lists` as needed.
    private static func add(_ value: Int, at position: Int, to lists: inout [[Int]]) {
        grow(&lists, toCount: position + 1)
        add(value, to: &lists[position])
    }

    /// Appends `value` unless it is already last: values arrive in ascending order, so a rule that
    /// names one package (port, file, service) twice is listed once.
    private static func add(_ value: Int, to list: inout [Int]) {
        if list.last != value { list.append(value) }
    }
}

/// What a software id is used for besides software-only rules (see `CatalogIndex.softwareUses`).
struct SoftwareUses: OptionSet, Sendable {
    let rawValue: UInt8
    /// Rules in `CatalogIndex.rulesBySoftware` list it.
    static let rules = SoftwareUses(rawValue: 1)
    /// It detects application types.
    static let applicationTypes = SoftwareUses(rawValue: 2)
}

/// A rule whose only criterion is one package (see `CatalogIndex.softwareOnlyRules`).
struct SoftwareOnlyRule: Sendable {
    let ordinal: Int
    let criterion: Unmanaged<SoftwareCriterion>
    /// The criterion's range in `CatalogIndex.packedBounds`, when it can be packed.
    var packed: PackedRange?
}
