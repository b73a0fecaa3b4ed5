/// Lookup tables over the catalog so that matching a host costs per package, port or file
/// it has, not per rule in the catalog.
public struct CatalogIndex: Sendable {
    /// The catalog the tables index.
    public let catalog: Catalog
    /// Rules that list a package, by ecosystem and normalized name.
    let rulesBySoftware: [SoftwareKey: [String]]
    /// Rules of an application type, by type id.
    let rulesByApplicationType: [String: [String]]
    /// Application types detected by a listening socket.
    let applicationTypesByListen: [ListeningPort: [String]]
    /// Application types detected by installed software.
    let applicationTypesBySoftware: [SoftwareKey: [String]]
    let rulesByPort: [ListeningPort: [String]]
    let rulesByFile: [String: [String]]
    let rulesByService: [String: [String]]
    /// Rules with no package, application type, port, file or service criterion: checked on every host.
    let unconditionalRules: [String]

    /// Builds the index once per run.
    public init(catalog: Catalog) {
        self.catalog = catalog
        var bySoftware: [SoftwareKey: [String]] = [:]
        var byType: [String: [String]] = [:]
        var byPort: [ListeningPort: [String]] = [:]
        var byFile: [String: [String]] = [:]
        var byService: [String: [String]] = [:]
        var unconditional: [String] = []
        for id in catalog.sortedRuleIDs {
            guard let rule = catalog.rules[id] else { continue }
            let applies = rule.applies
            for software in applies.software {
                bySoftware[SoftwareKey(software.ecosystem, software.name), default: []].append(id)
            }
            if let type = rule.applicationTypeID { byType[type, default: []].append(id) }
            for port in applies.ports { byPort[port, default: []].append(id) }
            for file in applies.files { byFile[file, default: []].append(id) }
            for service in applies.services { byService[service.lowercased(), default: []].append(id) }
            if applies.software.isEmpty && rule.applicationTypeID == nil && !applies.hasPresenceAlternatives {
                unconditional.append(id)
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
        rulesBySoftware = bySoftware
        rulesByApplicationType = byType
        applicationTypesByListen = typesByListen
        applicationTypesBySoftware = typesBySoftware
        rulesByPort = byPort
        rulesByFile = byFile
        rulesByService = byService
        unconditionalRules = unconditional
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
