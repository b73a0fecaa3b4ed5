/// The tables of a `CatalogIndex` while it is built, rule by rule in id order and then
/// application type by type: software ids are handed out as rules come, so the lists by
/// software id grow as they come too.
struct IndexTables {
    var rules: [CompiledRule] = []
    var traits: [RuleTraits] = []
    var identities: [RuleIdentity] = []
    /// Each distinct OS constraint set, with its position in the order rules first list them.
    var operatingSystemSets: [[OSConstraint]: Int] = [:]
    var rulesBySoftware: [[RuleOrdinal]] = []
    /// The software-only rules in ordinal order, grouped by software id only when packed: one
    /// list, where a list per software id made thousands of small arrays.
    var softwareOnlyRules: [(ordinal: RuleOrdinal, criterion: SoftwareCriterion)] = []
    var applicationTypesBySoftware: [[Int]] = []
    var rulesByApplicationType: [[RuleOrdinal]]
    var applicationTypesByListen: [ListeningPort: [Int]] = [:]
    var rulesByPort: [ListeningPort: [RuleOrdinal]] = [:]
    var rulesByFile: [String: [RuleOrdinal]] = [:]
    var rulesByService: [String: [RuleOrdinal]] = [:]
    var unconditionalRules: [RuleOrdinal] = []

    /// Tables for `ruleCount` rules: the lists by ordinal are made to size, which spares the
    /// copies (and the memory they leave behind) of growing them rule by rule.
    init(applicationTypeCount: Int, ruleCount: Int) {
        rulesByApplicationType = [[RuleOrdinal]](repeating: [], count: applicationTypeCount)
        rules.reserveCapacity(ruleCount)
        traits.reserveCapacity(ruleCount)
        identities.reserveCapacity(ruleCount)
    }

    /// Adds the next rule in id order, under every criterion that makes it a candidate.
    /// - Parameter rule: the catalog's rule that `compiled` was made of.
    mutating func add(_ compiled: CompiledRule, of rule: Rule) {
        let ordinal = RuleOrdinal(rules.count)
        rules.append(compiled)
        identities.append(RuleIdentity(id: rule.id, name: rule.name))
        var operatingSystemSet: Int?
        if !compiled.operatingSystems.isEmpty {
            let next = operatingSystemSets.count
            operatingSystemSet = operatingSystemSets[compiled.operatingSystems, default: next]
            operatingSystemSets[compiled.operatingSystems] = operatingSystemSet
        }
        traits.append(RuleTraits(rule, compiled: compiled, operatingSystemSet: operatingSystemSet))
        if let criterion = compiled.onlyCriterion {
            softwareOnlyRules.append((ordinal, criterion))
        } else {
            for criterion in compiled.software { Self.add(ordinal, at: criterion.softwareID, to: &rulesBySoftware) }
        }
        if let type = compiled.applicationType { rulesByApplicationType[type].append(ordinal) }
        let applies = rule.applies
        for port in applies.ports { Self.add(ordinal, to: &rulesByPort[port, default: []]) }
        for file in applies.files { Self.add(ordinal, to: &rulesByFile[file, default: []]) }
        for service in applies.services { Self.add(ordinal, to: &rulesByService[service.lowercased(), default: []]) }
        if applies.software.isEmpty && rule.applicationTypeID == nil && !applies.hasPresenceAlternatives {
            unconditionalRules.append(ordinal)
        }
    }

    /// Adds one way of detecting the application type of ordinal `type`.
    mutating func add(_ detection: ApplicationType.Detection, ofApplicationType type: Int, ids: inout CatalogIDs) {
        switch detection {
        case .listen(let transport, let port):
            applicationTypesByListen[ListeningPort(transport: transport, port: port), default: []].append(type)
        case .software(let ecosystem, let name):
            Self.add(type, at: ids.softwareID(SoftwareKey(ecosystem, name)), to: &applicationTypesBySoftware)
        }
    }

    /// Gives every software id its (maybe empty) list in the tables by software id.
    mutating func grow(toSoftwareCount count: Int) {
        Self.grow(&rulesBySoftware, toCount: count)
        Self.grow(&applicationTypesBySoftware, toCount: count)
    }

    /// The software-only rules by software id, with their ranges packed once the rules are
    /// grouped: a package's rules and their bounds are then neighbors.
    /// - Parameter softwareCount: how many software ids there are.
    func packedSoftwareOnlyRules(softwareCount: Int) -> (FlatLists<SoftwareOnlyRule>, packedBounds: [UInt8]) {
        let grouped = FlatLists(
            grouping: softwareOnlyRules, count: softwareCount, at: { $0.criterion.softwareID.position })
        var arena: [UInt8] = []
        let packed = grouped.map {
            SoftwareOnlyRule(ordinal: $0.ordinal, packed: PackedRange($0.criterion, arena: &arena))
        }
        return (packed, arena)
    }

    /// Adds empty lists to `lists` until it holds `count`.
    private static func grow<Value>(_ lists: inout [[Value]], toCount count: Int) {
        if count > lists.count { lists += [[Value]](repeating: [], count: count - lists.count) }
    }

    /// Appends `value` to the list of software id `id`, growing `lists` as needed.
    private static func add<Value: Equatable>(_ value: Value, at id: SoftwareID, to lists: inout [[Value]]) {
        grow(&lists, toCount: id.position + 1)
        add(value, to: &lists[id.position])
    }

    /// Appends `value` unless it is already last: values arrive in ascending order, so a rule that
    /// names one package (port, file, service) twice is listed once.
    private static func add<Value: Equatable>(_ value: Value, to list: inout [Value]) {
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

/// A rule whose only criterion is one package (see `CatalogIndex.softwareOnlyRules`): plain
/// values, so that visiting one retains nothing. The criterion itself is read from the rule only
/// when the packed range cannot decide.
struct SoftwareOnlyRule: Sendable {
    let ordinal: RuleOrdinal
    /// The criterion's range in the index's packed bounds, when it can be packed.
    let packed: PackedRange?
}
