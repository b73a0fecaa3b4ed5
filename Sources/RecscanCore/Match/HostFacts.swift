/// A host's inventory arranged for lookups during matching.
struct HostFacts {
    let inventory: HostInventory
    /// Where the installed packages some rule or application type names are in
    /// `inventory.packages`, by software id, then inventory order: most packages of a host
    /// concern no rule, and are looked at once (one hash lookup) and then left alone.
    private let named: [(softwareID: Int, position: Int)]
    /// For each software id of the index, where its packages start in `named`, plus one; 0 when
    /// the host has none: matching asks per candidate rule, and an array answers without hashing.
    private let groupStarts: [Int32]
    let listening: Set<ListeningPort>
    let files: Set<String>
    /// Lowercased service names.
    let services: Set<String>
    /// The evidence of the host's OS, shared by every rule whose OS constraints hold.
    let osEvidence: Evidence?
    /// The evidence of each detected application type, by type ordinal: `nil` for a type not
    /// detected. Shared by every rule of the type.
    let applicationTypes: [Evidence?]

    init(_ inventory: HostInventory, index: CatalogIndex) {
        self.inventory = inventory
        var named: [(softwareID: Int, position: Int)] = []
        for (position, package) in inventory.packages.enumerated() {
            guard let id = index.softwareIDs[SoftwareKey(package.ecosystem, package.name)] else { continue }
            named.append((id, position))
        }
        named.sort { $0.softwareID != $1.softwareID ? $0.softwareID < $1.softwareID : $0.position < $1.position }
        var starts = [Int32](repeating: 0, count: index.softwareIDs.count)
        for (offset, entry) in named.enumerated().reversed() { starts[entry.softwareID] = Int32(offset + 1) }
        self.named = named
        groupStarts = starts
        listening = Set(inventory.listening)
        files = Set(inventory.files)
        services = Set(inventory.services.map { $0.lowercased() })
        osEvidence = inventory.os.map {
            Evidence(.os, [("family", $0.family), ("name", $0.name), ("version", $0.version)])
        }
        let detected = Self.detectedApplicationTypes(
            index, listening: listening, named: named, packages: inventory.packages)
        applicationTypes = detected.enumerated().map { type, detector in
            detector.map { Evidence(.applicationType, [("id", index.applicationTypeIDs[type]), ("detectedBy", $0)]) }
        }
    }

    /// The software ids of the host's named packages, ascending, one per package (so an id may repeat).
    var softwareIDs: some Sequence<Int> { named.lazy.map(\.softwareID) }

    /// Where the host's packages with software id `id` are in `inventory.packages`, in inventory order.
    func packagePositions(_ id: Int) -> some Sequence<Int> {
        let start = groupStarts[id] == 0 ? named.endIndex : Int(groupStarts[id]) - 1
        let end = named[start...].firstIndex { $0.softwareID != id } ?? named.endIndex
        return named[start..<end].lazy.map(\.position)
    }

    /// The host's packages of `key`, in inventory order; none when no rule or application type names it.
    func packages(_ key: SoftwareKey, index: CatalogIndex) -> [InstalledPackage] {
        guard let id = index.softwareIDs[key] else { return [] }
        return packagePositions(id).map { inventory.packages[$0] }
    }

    /// What detected each application type on the host, by type ordinal; `nil` for a type not detected.
    private static func detectedApplicationTypes(
        _ index: CatalogIndex, listening: Set<ListeningPort>, named: [(softwareID: Int, position: Int)],
        packages: [InstalledPackage]
    ) -> [String?] {
        // A socket detects first; among several detectors of one kind the smallest is kept,
        // so the evidence does not depend on hash order.
        var sockets = [ListeningPort?](repeating: nil, count: index.applicationTypeIDs.count)
        for port in listening {
            for type in index.applicationTypesByListen[port] ?? [] {
                if let current = sockets[type], (current.transport, current.port) <= (port.transport, port.port) {
                    continue
                }
                sockets[type] = port
            }
        }
        var detected = sockets.map { $0.map { "\($0.transport)/\($0.port)" } }
        var bySoftware = [String?](repeating: nil, count: detected.count)
        var previous = -1
        for (id, position) in named where id != previous {
            previous = id
            let types = index.applicationTypesBySoftware[id]
            guard types.contains(where: { detected[$0] == nil }) else { continue }
            let detector = "\(packages[position].ecosystem.rawValue) \(packages[position].name)"
            for type in types where detected[type] == nil {
                if let current = bySoftware[type], current <= detector { continue }
                bySoftware[type] = detector
            }
        }
        for (type, detector) in bySoftware.enumerated() where detected[type] == nil { detected[type] = detector }
        return detected
    }
}
