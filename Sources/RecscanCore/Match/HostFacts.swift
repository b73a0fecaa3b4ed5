/// A host's inventory arranged for lookups during matching.
struct HostFacts {
    let inventory: HostInventory
    let packages: [SoftwareKey: [InstalledPackage]]
    let listening: Set<ListeningPort>
    let files: Set<String>
    /// Lowercased service names.
    let services: Set<String>

    init(_ inventory: HostInventory) {
        self.inventory = inventory
        var packages: [SoftwareKey: [InstalledPackage]] = [:]
        for package in inventory.packages {
            packages[SoftwareKey(package.ecosystem, package.name), default: []].append(package)
        }
        self.packages = packages
        listening = Set(inventory.listening)
        files = Set(inventory.files)
        services = Set(inventory.services.map { $0.lowercased() })
    }

    /// The application types detected on this host, each with what detected it first.
    func detectedApplicationTypes(_ index: CatalogIndex) -> [String: String] {
        var detected: [String: String] = [:]
        for port in listening.sorted(by: { ($0.transport, $0.port) < ($1.transport, $1.port) }) {
            for type in index.applicationTypesByListen[port] ?? [] where detected[type] == nil {
                detected[type] = "\(port.transport)/\(port.port)"
            }
        }
        for key in packages.keys.sorted(by: { ($0.ecosystem, $0.name) < ($1.ecosystem, $1.name) }) {
            for type in index.applicationTypesBySoftware[key] ?? [] where detected[type] == nil {
                detected[type] = "\(key.ecosystem.rawValue) \(packages[key]?.first?.name ?? key.name)"
            }
        }
        return detected
    }
}
