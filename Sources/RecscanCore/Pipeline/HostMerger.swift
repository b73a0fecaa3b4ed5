/// Joins hosts that appear in several inventory files (matched case-insensitively): packages,
/// sockets, services and files are combined, each package keeping the file it came from.
struct HostMerger {
    private var inventories: [String: HostInventory] = [:]
    private var errors: [String: (hostname: String, errors: [InputError])] = [:]

    mutating func add(_ hosts: [HostInventory]) {
        for host in hosts {
            let key = host.hostname.lowercased()
            guard var existing = inventories[key] else {
                inventories[key] = host
                continue
            }
            existing.packages += host.packages
            existing.listening += host.listening.filter { !existing.listening.contains($0) }
            existing.services += host.services.filter { !existing.services.contains($0) }
            existing.files += host.files.filter { !existing.files.contains($0) }
            existing.sources += host.sources.filter { !existing.sources.contains($0) }
            if existing.os == nil { existing.os = host.os }
            // The newest collection time is the one staleness is judged by.
            if let seconds = host.collectedEpochSeconds, seconds > (existing.collectedEpochSeconds ?? .min) {
                existing.collected = host.collected
                existing.collectedEpochSeconds = seconds
            }
            inventories[key] = existing
        }
    }

    mutating func addError(_ error: InputError, hostname: String) {
        errors[hostname.lowercased(), default: (hostname, [])].errors.append(error)
    }

    /// One input per host of the inventories or the fleet, sorted by hostname.
    func inputs(fleet: Fleet, events: [SecurityEvent]) -> [HostInput] {
        let eventsByHost = Dictionary(grouping: events) { $0.hostname.lowercased() }
        var keys = Set(inventories.keys).union(errors.keys).union(fleet.computers.keys)
        keys.remove("")
        return keys.sorted().map { key in
            let name = inventories[key]?.hostname ?? errors[key]?.hostname ?? fleet.computers[key]?.hostname ?? key
            let hostErrors = errors[key]?.errors ?? []
            return HostInput(
                hostname: name, inventory: hostErrors.isEmpty ? inventories[key] : nil, errors: hostErrors,
                events: eventsByHost[key] ?? [])
        }
    }
}
