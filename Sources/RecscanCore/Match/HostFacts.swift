/// A host's inventory arranged for lookups during matching.
struct HostFacts {
    let inventory: HostInventory
    /// The installed packages some rule or application type names, each as its software id and
    /// its position in `inventory.packages`, in inventory order: most packages of a host concern
    /// no rule, and are looked at once (one lookup) and then left alone.
    private let named: [(softwareID: SoftwareID, position: Int)]
    /// For each software id the host has, where its first package is in `named`, plus one.
    private let firstNamed: FirstNamedTable
    /// For each entry of `named`, where the next package of the same software id is, plus one; 0
    /// after the last.
    private let nextNamed: [Int32]
    let listening: Set<ListeningPort>
    let files: Set<String>
    /// Lowercased service names.
    let services: Set<String>
    /// The evidence of the host's OS, as a list of one (none without an OS): shared by every rule
    /// whose OS constraints hold, and the whole evidence of a rule recommended for its OS alone.
    let osEvidence: [Evidence]
    /// The evidence of each detected application type, as a list of one, by type ordinal; empty
    /// for a type not detected. Shared by every rule of the type, as `osEvidence` is.
    let applicationTypes: [[Evidence]]

    init(_ inventory: HostInventory, index: CatalogIndex) {
        self.inventory = inventory
        var named: [(softwareID: SoftwareID, position: Int)] = []
        named.reserveCapacity(inventory.packages.count)
        // By position: a copy of each package would retain all its strings.
        for position in inventory.packages.indices {
            if index.namesSourcePackages, inventory.packages[position].ecosystem == .deb,
                let id = index.softwareID(SoftwareKey.sourcePackage(of: inventory.packages[position]))
            {
                named.append((id, position))
            }
            guard
                let id = index.softwareID(inventory.packages[position].ecosystem, inventory.packages[position].name)
            else { continue }
            named.append((id, position))
        }
        var first = FirstNamedTable(count: named.count)
        var next = [Int32](repeating: 0, count: named.count)
        for entry in named.indices.reversed() {
            next[entry] = first.exchange(named[entry].softwareID, Int32(entry + 1))
        }
        self.named = named
        firstNamed = first
        nextNamed = next
        listening = Set(inventory.listening)
        files = Set(inventory.files)
        services = Set(inventory.services.map { $0.lowercased() })
        osEvidence =
            inventory.os.map {
                [Evidence(.os, [("family", $0.family), ("name", $0.name), ("version", $0.version)])]
            } ?? []
        let detected = Self.detectedApplicationTypes(
            index, listening: listening, named: named, firstNamed: first, packages: inventory.packages)
        // A loop, not a closure: a closure here copied the whole index per type.
        var applicationTypes = [[Evidence]](repeating: [], count: detected.count)
        for (type, detector) in detected.enumerated() {
            guard let detector else { continue }
            applicationTypes[type] = [
                Evidence(.applicationType, [("id", index.applicationTypeID(type)), ("detectedBy", detector)])
            ]
        }
        self.applicationTypes = applicationTypes
    }

    /// The software ids of the host's named packages, in inventory order, one per package (an id may repeat).
    var softwareIDs: some Sequence<SoftwareID> { named.lazy.map(\.softwareID) }

    /// The software ids of the host's named packages, each once, in inventory order of its first package.
    var distinctSoftwareIDs: some Sequence<SoftwareID> {
        Self.firstOfEachSoftwareID(named, firstNamed).map(\.softwareID)
    }

    /// The entries of `named` that are the first of their software id, in inventory order.
    private static func firstOfEachSoftwareID(
        _ named: [(softwareID: SoftwareID, position: Int)], _ firstNamed: FirstNamedTable
    ) -> some Sequence<(softwareID: SoftwareID, position: Int)> {
        named.enumerated().lazy.filter { firstNamed[$0.element.softwareID] == $0.offset + 1 }.map(\.element)
    }

    /// Calls `body` with where each of the host's packages with software id `id` is in
    /// `inventory.packages`, in inventory order. Matching asks for every candidate rule, and a
    /// closure-based sequence would capture, and retain, two arrays per call.
    @inline(__always)
    func forEachPackagePosition(_ id: SoftwareID, _ body: (Int) -> Void) {
        var entry = firstNamed[id]
        while entry > 0 {
            body(named[Int(entry) - 1].position)
            entry = nextNamed[Int(entry) - 1]
        }
    }

    /// The host's packages of `key`, in inventory order; none when no rule or application type names it.
    func packages(_ key: SoftwareKey, index: CatalogIndex) -> [InstalledPackage] {
        guard let id = index.softwareID(key) else { return [] }
        var found: [InstalledPackage] = []
        forEachPackagePosition(id) { found.append(inventory.packages[$0]) }
        return found
    }

    /// What detected each application type on the host, by type ordinal; `nil` for a type not detected.
    private static func detectedApplicationTypes(
        _ index: CatalogIndex, listening: Set<ListeningPort>, named: [(softwareID: SoftwareID, position: Int)],
        firstNamed: FirstNamedTable, packages: [InstalledPackage]
    ) -> [String?] {
        // A socket detects first; among several detectors of one kind the smallest is kept,
        // so the evidence does not depend on hash order.
        var sockets = [ListeningPort?](repeating: nil, count: index.applicationTypeCount)
        for port in listening {
            for type in index.applicationTypes(detectedBy: port) {
                if let current = sockets[type], (current.transport, current.port) <= (port.transport, port.port) {
                    continue
                }
                sockets[type] = port
            }
        }
        var detected = sockets.map { $0.map { "\($0.transport)/\($0.port)" } }
        var bySoftware = [String?](repeating: nil, count: detected.count)
        // The first package of each software id, in inventory order, names the detector.
        for (id, position) in firstOfEachSoftwareID(named, firstNamed) {
            let types = index.applicationTypes(detectedBy: id)
            guard !types.isEmpty, types.contains(where: { detected[$0] == nil }) else { continue }
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

/// Where the first of a host's packages of each software id is in `HostFacts.named`, plus one (0
/// for none), in an open-addressing table sized to the host's few hundred named packages: an
/// array by software id, sized to the catalog's thousands, was 32 KB to zero and then read at
/// random for every host.
struct FirstNamedTable {
    private struct Slot {
        /// The software id plus one; 0 for an empty slot.
        var key: Int32 = 0
        var first: Int32 = 0
    }

    private var slots: [Slot]
    private let mask: Int

    /// A table for up to `count` software ids.
    init(count: Int) {
        var capacity = 16
        while capacity < count * 2 { capacity *= 2 }
        slots = [Slot](repeating: Slot(), count: capacity)
        mask = capacity - 1
    }

    /// The value of software id `id`; 0 when it has none.
    subscript(id: SoftwareID) -> Int32 {
        var position = Self.start(id.position, mask)
        while true {
            let slot = slots[position]
            if slot.key == 0 { return 0 }
            if Int(slot.key) == id.position + 1 { return slot.first }
            position = (position + 1) & mask
        }
    }

    /// Sets the value of software id `id` and returns the one it had (0 for none).
    mutating func exchange(_ id: SoftwareID, _ value: Int32) -> Int32 {
        var position = Self.start(id.position, mask)
        while slots[position].key != 0 && Int(slots[position].key) != id.position + 1 {
            position = (position + 1) & mask
        }
        let previous = slots[position].first
        // Software ids are positions in the index's tables, far below 2^31.
        slots[position] = Slot(key: Int32(truncatingIfNeeded: id.position + 1), first: value)
        return previous
    }

    /// Fibonacci hashing: consecutive ids land far apart.
    private static func start(_ id: Int, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: id) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }
}
