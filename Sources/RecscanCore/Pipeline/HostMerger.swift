/// Joins hosts that appear in several inventory files (matched case-insensitively): packages,
/// sockets, services and files are combined, each package keeping the file it came from.
/// A package listed the same way by two files is kept once (from the first file); one listed
/// without its epoch (`rpm -qa`) gives way to the same package listed with it. A stated OS wins
/// over an inferred one (see ``OperatingSystem/inferredFrom``).
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
            existing.packages = Self.combine(existing.packages, host.packages)
            existing.listening += host.listening.filter { !existing.listening.contains($0) }
            existing.services += host.services.filter { !existing.services.contains($0) }
            existing.files += host.files.filter { !existing.files.contains($0) }
            existing.sources += host.sources.filter { !existing.sources.contains($0) }
            if existing.os == nil
                || (existing.os?.inferredFrom != nil && host.os?.inferredFrom == nil && host.os != nil)
            {
                existing.os = host.os ?? existing.os
            }
            // The newest collection time is the one staleness is judged by.
            if let seconds = host.collectedEpochSeconds, seconds > (existing.collectedEpochSeconds ?? .min) {
                existing.collected = host.collected
                existing.collectedEpochSeconds = seconds
            }
            inventories[key] = existing
        }
    }

    /// `first` and then the packages of `second` that `first` does not already hold.
    static func combine(_ first: [InstalledPackage], _ second: [InstalledPackage]) -> [InstalledPackage] {
        func key(_ package: InstalledPackage) -> String {
            let version = package.version.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
            return [package.ecosystem.rawValue, package.name, version, package.arch ?? ""].joined(separator: "\u{1F}")
        }
        var result = first
        var known: [String: [Int]] = [:]
        for (index, package) in first.enumerated() { known[key(package), default: []].append(index) }
        for package in second {
            let candidates = known[key(package)] ?? []
            if candidates.contains(where: { result[$0].version == package.version }) { continue }
            if let index = candidates.first(where: { result[$0].epochUnknown }), !package.epochUnknown {
                result[index] = package
                continue
            }
            if candidates.contains(where: { _ in package.epochUnknown }) { continue }
            known[key(package), default: []].append(result.count)
            result.append(package)
        }
        return result
    }

    mutating func addError(_ error: InputError, hostname: String) {
        errors[hostname.lowercased(), default: (hostname, [])].errors.append(error)
    }

    /// One input per host of the inventories or the fleet, sorted by hostname.
    func inputs(fleet: Fleet, events: [SecurityEvent]) -> [HostInput] {
        let eventsByHost = Dictionary(grouping: events) { fleet.hostKey($0.hostname) }
        var keys = Set(inventories.keys).union(errors.keys)
        // A host may be its computer under another name (a display name, a DNS label).
        let inventoried = Set(keys.compactMap { fleet.computerKey(for: $0) })
        keys.formUnion(fleet.computers.keys.filter { !inventoried.contains($0) })
        keys.remove("")
        return keys.sorted().map { key in
            let name = inventories[key]?.hostname ?? errors[key]?.hostname ?? fleet.computers[key]?.hostname ?? key
            let hostErrors = errors[key]?.errors ?? []
            return HostInput(
                hostname: name, inventory: hostErrors.isEmpty ? inventories[key] : nil, errors: hostErrors,
                events: eventsByHost[fleet.hostKey(key)] ?? [])
        }
    }
}
