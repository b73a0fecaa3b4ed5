/// A host's inventory arranged for lookups during matching.
struct HostFacts {
    let inventory: HostInventory
    /// Only the installed packages some rule or application type names: most packages of a
    /// host concern no rule, and are looked at once (one hash lookup) and then left alone.
    let packages: [SoftwareKey: [InstalledPackage]]
    let listening: Set<ListeningPort>
    let files: Set<String>
    /// Lowercased service names.
    let services: Set<String>

    init(_ inventory: HostInventory, index: CatalogIndex) {
        self.inventory = inventory
        var packages: [SoftwareKey: [InstalledPackage]] = [:]
        for package in inventory.packages {
            let key = SoftwareKey(package.ecosystem, package.name)
            guard index.namedSoftware.contains(key) else { continue }
            packages[key, default: []].append(package)
        }
        self.packages = packages
        listening = Set(inventory.listening)
        files = Set(inventory.files)
        services = Set(inventory.services.map { $0.lowercased() })
    }

    /// The application types detected on this host, each with what detected it first.
    func detectedApplicationTypes(_ index: CatalogIndex) -> [String: String] {
        // A socket detects first; among several detectors of one kind the smallest is kept,
        // so the evidence does not depend on hash order.
        var sockets: [String: ListeningPort] = [:]
        for port in listening {
            for type in index.applicationTypesByListen[port] ?? [] {
                if let current = sockets[type], (current.transport, current.port) <= (port.transport, port.port) {
                    continue
                }
                sockets[type] = port
            }
        }
        var detected = sockets.mapValues { "\($0.transport)/\($0.port)" }
        var bySoftware: [String: String] = [:]
        for (key, installed) in packages {
            guard let types = index.applicationTypesBySoftware[key] else { continue }
            let detector = "\(key.ecosystem.rawValue) \(installed.first?.name ?? key.name)"
            for type in types where detected[type] == nil {
                if let current = bySoftware[type], current <= detector { continue }
                bySoftware[type] = detector
            }
        }
        detected.merge(bySoftware) { socket, _ in socket }
        return detected
    }
}
