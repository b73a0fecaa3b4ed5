/// Lookup tables over the catalog so that matching a host costs per package, port or file
/// it has, not per rule in the catalog.
///
/// The tables are the index's own: the rest of the program asks it questions about a rule by
/// its ordinal (`RuleOrdinal`) and about a package by its software id (`SoftwareID`), the small
/// integers the index hands out.
public struct CatalogIndex: Sendable {
    /// The catalog the tables index.
    public let catalog: Catalog
    /// Rules in id order: an ordinal is a position here.
    private let rules: [CompiledRule]
    /// What matching and deciding read of each rule, by ordinal (see `RuleTraits`).
    private let traits: [RuleTraits]
    /// Each rule's id and name, by ordinal, for the results of a host's recommended rules.
    private let identities: [RuleIdentity]
    /// Each rule's ordinal, by rule id.
    private let ordinalsByID: [String: RuleOrdinal]
    /// The catalog's distinct OS constraint sets, in the order rules first list them: a rule's
    /// traits name its set by position, so that a host checks each set once.
    private let operatingSystemSets: [[OSConstraint]]
    /// Each package some rule or application type names, by key.
    private let softwareIDs: [SoftwareKey: SoftwareID]
    /// `softwareIDs` for a host's packages, looked up on their name bytes.
    private let softwareTable: SoftwareIDTable
    /// Rules that list a package, by software id, except the software-only ones.
    private let rulesBySoftware: FlatLists<RuleOrdinal>
    /// Rules whose only criterion is one package, by its software id, with its packed range:
    /// matching decides them from the range alone and reads the rule only when the host is
    /// affected (most candidates are patched, and each rule read is a cache miss).
    private let softwareOnlyRules: FlatLists<SoftwareOnlyRule>
    /// The bounds of the software-only rules' packed ranges, in the order of `softwareOnlyRules`.
    private let packedBounds: [UInt8]
    /// Application types (ordinals) detected by installed software, by software id.
    private let applicationTypesBySoftware: [[Int]]
    /// Which of `rulesBySoftware` and `applicationTypesBySoftware` hold anything for each
    /// software id, a byte each: most ids have only software-only rules, and asking these 8 KB
    /// first spares a cache miss per table for every package a host has.
    private let softwareUses: [SoftwareUses]
    /// Every application type id the catalog defines or a rule names, sorted: an application
    /// type's ordinal is its position here. A type no `<applicationType>` defines is never detected.
    private let applicationTypeIDs: [String]
    /// Rules of an application type, by type ordinal.
    private let rulesByApplicationType: [[RuleOrdinal]]
    /// Application types (ordinals) detected by a listening socket.
    private let applicationTypesByListen: [ListeningPort: [Int]]
    /// Rules that list a listening port.
    private let rulesByPort: [ListeningPort: [RuleOrdinal]]
    /// Rules that list a file path.
    private let rulesByFile: [String: [RuleOrdinal]]
    /// Rules that list a service, by lowercased name.
    private let rulesByService: [String: [RuleOrdinal]]
    /// Rules with no package, application type, port, file or service criterion: checked on every host.
    private let unconditionalRules: [RuleOrdinal]
    /// Whether some rule names a deb source package (an advisory's): a host's deb packages are
    /// then looked up by their source package too.
    let namesSourcePackages: Bool

    /// Builds the index once per run.
    /// - Parameter jobs: how many threads compile the rules (the rest is built on this one); the
    ///   index is the same for any number.
    public init(catalog: Catalog, jobs: Int = 1) {
        self.init(catalog: catalog, jobs: jobs, rulesPerThread: 512)
    }

    /// - Parameter rulesPerThread: the fewest rules worth a thread of their own.
    init(catalog: Catalog, jobs: Int, rulesPerThread: Int) {
        self.catalog = catalog
        var ids = CatalogIDs()
        ids.rules.reserveCapacity(catalog.rules.count)
        // `index(forKey:)`, not the subscript: that would copy each rule to see that it is there.
        for id in catalog.sortedRuleIDs where catalog.rules.index(forKey: id) != nil {
            ids.rules[id] = RuleOrdinal(ids.rules.count)
        }
        let typeIDs = Set(catalog.applicationTypes.keys).union(catalog.rules.values.compactMap(\.applicationTypeID))
            .sorted()
        for (ordinal, id) in typeIDs.enumerated() { ids.applicationTypes[id] = ordinal }
        var tables = IndexTables(applicationTypeCount: typeIDs.count, ruleCount: catalog.rules.count)
        var inOrder: [Rule] = []
        inOrder.reserveCapacity(catalog.rules.count)
        for id in catalog.sortedRuleIDs { if let rule = catalog.rules[id] { inOrder.append(rule) } }
        // Software ids in the rules' order first, so that compiling can be split between threads;
        // each rule's are `listed[starts[position]..<starts[position + 1]]`.
        var listed: [SoftwareID] = []
        var starts: [Int] = []
        starts.reserveCapacity(inOrder.count + 1)
        for position in inOrder.indices {
            starts.append(listed.count)
            let software = inOrder[position].applies.software
            for index in software.indices { listed.append(ids.softwareID(software[index].key)) }
        }
        starts.append(listed.count)
        let compiled = CompiledRule.compile(
            inOrder, softwareIDs: listed, starts: starts, catalog: catalog, ids: ids, jobs: jobs,
            rulesPerThread: rulesPerThread)
        for position in inOrder.indices { tables.add(compiled[position], of: inOrder[position]) }
        for (ordinal, id) in typeIDs.enumerated() {
            for detection in catalog.applicationTypes[id]?.detections ?? [] {
                tables.add(detection, ofApplicationType: ordinal, ids: &ids)
            }
        }
        tables.grow(toSoftwareCount: ids.software.count)
        rules = tables.rules
        traits = tables.traits
        identities = tables.identities
        ordinalsByID = ids.rules
        operatingSystemSets = tables.operatingSystemSets.sorted { $0.value < $1.value }.map(\.key)
        softwareIDs = ids.software
        softwareTable = SoftwareIDTable(ids.software.lazy.map { (key: $0.key, value: $0.value.position) })
        rulesBySoftware = FlatLists(tables.rulesBySoftware)
        (softwareOnlyRules, packedBounds) = tables.packedSoftwareOnlyRules(softwareCount: ids.software.count)
        applicationTypesBySoftware = tables.applicationTypesBySoftware
        softwareUses = zip(tables.rulesBySoftware, tables.applicationTypesBySoftware).map { rules, types in
            (rules.isEmpty ? [] : SoftwareUses.rules).union(types.isEmpty ? [] : .applicationTypes)
        }
        applicationTypeIDs = typeIDs
        rulesByApplicationType = tables.rulesByApplicationType
        applicationTypesByListen = tables.applicationTypesByListen
        rulesByPort = tables.rulesByPort
        rulesByFile = tables.rulesByFile
        rulesByService = tables.rulesByService
        unconditionalRules = tables.unconditionalRules
        namesSourcePackages = ids.software.keys.contains { $0.binaryOfSameName != nil }
    }
}

// MARK: - Rules

extension CatalogIndex {
    /// How many rules the catalog defines: every ordinal is below it.
    var ruleCount: Int { rules.count }

    /// The ordinal of the rule with id `ruleID`; `nil` when the catalog has no such rule.
    func ordinal(ofRule ruleID: String) -> RuleOrdinal? { ordinalsByID[ruleID] }

    /// What matching and deciding read of a rule, without reading the rule itself.
    func traits(of ordinal: RuleOrdinal) -> RuleTraits { traits[ordinal.position] }

    /// The rule's id and name, as its result shows them.
    func identity(of ordinal: RuleOrdinal) -> RuleIdentity { identities[ordinal.position] }

    /// The rule ready for matching.
    func compiledRule(_ ordinal: RuleOrdinal) -> CompiledRule { rules[ordinal.position] }

    /// The rules the rule's `dependsOn` pulls in, in the catalog's order (custom rules and rules
    /// missing from the catalog are never recommended, so they are left out).
    func dependencies(of ordinal: RuleOrdinal) -> [RuleOrdinal] { rules[ordinal.position].dependencies }

    /// The ids the rule's `dependsOn` names that the catalog lacks; empty for nearly every rule.
    func missingDependencies(of ordinal: RuleOrdinal) -> [String] { rules[ordinal.position].missingDependencies }

    /// Every rule id the rule's `dependsOn` names, as the catalog lists them, including those
    /// missing from the catalog.
    func dependencyIDs(of ordinal: RuleOrdinal) -> [String] { rules[ordinal.position].dependencyIDs }

    /// How many distinct OS constraint sets the catalog's rules list (see `RuleTraits.operatingSystemSet`).
    var operatingSystemSetCount: Int { operatingSystemSets.count }

    /// The OS constraints of set `set`, any one of which is enough.
    func operatingSystems(inSet set: Int) -> [OSConstraint] { operatingSystemSets[set] }

    /// The only rules that can possibly match a host, in rule order: found through its packages,
    /// sockets, files, services and detected application types, plus the unconditional ones.
    /// Software-only rules are not among them: matching decides those from their criterion.
    func candidates(for facts: HostFacts) -> OrdinalSet {
        // One bit per rule: marking costs less than set unions, and the bits read back in order.
        var marked = OrdinalSet(capacity: rules.count)
        func mark(_ ordinals: [RuleOrdinal]?) {
            for ordinal in ordinals ?? [] { marked.insert(ordinal) }
        }
        mark(unconditionalRules)
        for id in facts.softwareIDs where softwareUses[id.position].contains(.rules) {
            rulesBySoftware.forEach(at: id.position) { marked.insert($0) }
        }
        for (type, detected) in facts.applicationTypes.enumerated() where !detected.isEmpty {
            mark(rulesByApplicationType[type])
        }
        for port in facts.listening { mark(rulesByPort[port]) }
        for file in facts.files { mark(rulesByFile[file]) }
        for service in facts.services { mark(rulesByService[service]) }
        return marked
    }
}

// MARK: - Packages and application types

extension CatalogIndex {
    /// Every package some rule or application type names.
    var namedSoftware: Set<SoftwareKey> { Set(softwareIDs.keys) }

    /// The software id of a package of `ecosystem` named `name` (as the inventory spells it);
    /// `nil` when no rule or application type names it.
    func softwareID(_ ecosystem: Ecosystem, _ name: String) -> SoftwareID? {
        softwareTable.id(ecosystem, name).map(SoftwareID.init)
    }

    /// The software id of `key`; `nil` when no rule or application type names it.
    func softwareID(_ key: SoftwareKey) -> SoftwareID? { softwareIDs[key] }

    /// The software ids of every package some rule or application type names, by key and on
    /// their name bytes, for the package filter to share.
    var softwareIDTables: (byKey: [SoftwareKey: SoftwareID], byName: SoftwareIDTable) { (softwareIDs, softwareTable) }

    /// Calls `body` with each rule whose only criterion is a package of software id `id`.
    @inline(__always)
    func forEachSoftwareOnlyRule(of id: SoftwareID, _ body: (SoftwareOnlyRule) -> Void) {
        softwareOnlyRules.forEach(at: id.position, body)
    }

    /// Calls `body` with the arena that the software-only rules' packed ranges point into.
    @inline(__always)
    func withPackedBounds<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        packedBounds.withUnsafeBufferPointer(body)
    }

    /// How many application types there are: every type ordinal is below it.
    var applicationTypeCount: Int { applicationTypeIDs.count }

    /// The id of the application type of ordinal `type`.
    func applicationTypeID(_ type: Int) -> String { applicationTypeIDs[type] }

    /// The application types (ordinals) a socket detects.
    func applicationTypes(detectedBy port: ListeningPort) -> [Int] { applicationTypesByListen[port] ?? [] }

    /// The application types (ordinals) an installed package of software id `id` detects.
    func applicationTypes(detectedBy id: SoftwareID) -> [Int] {
        softwareUses[id.position].contains(.applicationTypes) ? applicationTypesBySoftware[id.position] : []
    }
}
