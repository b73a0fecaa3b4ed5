/// One host analyzed off the main path: its analysis and its record, ready to store.
struct AnalyzedHost: Sendable {
    var analysis: HostAnalysis
    var record: [UInt8]
}

/// What one inventory file yields: the hosts it holds, analyzed, or why it could not be read.
struct FileAnalysis: Sendable {
    /// The file's position in the run's inventory file list.
    var fileIndex = 0
    /// Every hostname the file names, including hosts of other shards.
    var hostnames: [String]
    /// The hosts this run analyzes.
    var hosts: [AnalyzedHost]
    var failure: InventoryFileError?
}

/// Reads and analyzes inventory files; safe to run on several files at once.
struct FileAnalyzer: Sendable {
    let analyzer: HostAnalyzer
    let limits: InputLimits
    let shard: Shard?
    let eventsByHost: [String: [SecurityEvent]]
    /// The packages matching looks at; the others are dropped while reading.
    let interest: PackageInterest
    let records: HostRecordCodec

    /// Whether the host is this shard's (by its name in the fleet).
    func includes(_ hostname: String) -> Bool { shard?.includes(analyzer.fleet.hostKey(hostname)) ?? true }

    /// The events of the host, whichever of its names they use.
    func events(for hostname: String) -> [SecurityEvent] { eventsByHost[analyzer.fleet.hostKey(hostname)] ?? [] }

    /// Reads one file and analyzes each of its hosts (those of this shard).
    func analyze(_ file: DiscoveredInput) -> FileAnalysis {
        let inventories: [HostInventory]
        do {
            inventories = try InventoryFormats.read(file, limits: limits, interest: interest)
        } catch let failure as InventoryFileError {
            return FileAnalysis(hostnames: failure.hostnames(orFileNamed: file.path), hosts: [], failure: failure)
        } catch {
            let failure = InventoryFileError(
                error: InputError(file: file.displayName, message: "\(error)"), hostnames: [])
            return FileAnalysis(hostnames: failure.hostnames(orFileNamed: file.path), hosts: [], failure: failure)
        }
        var hosts: [AnalyzedHost] = []
        for inventory in inventories where includes(inventory.hostname) {
            let input = HostInput(
                hostname: inventory.hostname, inventory: inventory, errors: [], events: events(for: inventory.hostname))
            hosts.append(analyze(input))
        }
        return FileAnalysis(hostnames: inventories.map(\.hostname), hosts: hosts, failure: nil)
    }

    /// Analyzes one host and writes its record.
    func analyze(_ input: HostInput) -> AnalyzedHost {
        let analysis = analyzer.analyze(input)
        return AnalyzedHost(analysis: analysis, record: records.encode(analysis))
    }
}
