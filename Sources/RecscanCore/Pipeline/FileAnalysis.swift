/// One host analyzed off the main path: its analysis and its report fragment, ready to store.
struct AnalyzedHost: Sendable {
    var analysis: HostAnalysis
    var fragment: [UInt8]
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
    let memos = FragmentMemoPool()

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
        return memos.withMemo { memo in
            var hosts: [AnalyzedHost] = []
            for inventory in inventories where shard?.includes(inventory.hostname) ?? true {
                let input = HostInput(
                    hostname: inventory.hostname, inventory: inventory, errors: [],
                    events: eventsByHost[inventory.hostname.lowercased()] ?? [])
                do {
                    hosts.append(try render(input, memo: &memo))
                } catch {
                    let problem = InputError(file: file.displayName, message: "host \(inventory.hostname): \(error)")
                    return FileAnalysis(
                        hostnames: inventories.map(\.hostname), hosts: [],
                        failure: InventoryFileError(error: problem, hostnames: inventories.map(\.hostname)))
                }
            }
            return FileAnalysis(hostnames: inventories.map(\.hostname), hosts: hosts, failure: nil)
        }
    }

    /// Analyzes one host and serializes its report fragment.
    func render(_ input: HostInput) throws -> AnalyzedHost {
        try memos.withMemo { try render(input, memo: &$0) }
    }

    private func render(_ input: HostInput, memo: inout ReportFragmentMemo) throws -> AnalyzedHost {
        let analysis = analyzer.analyze(input)
        return AnalyzedHost(
            analysis: analysis,
            fragment: try ReportXMLWriter.fragment(for: analysis.report, ordinals: analysis.ruleOrdinals, memo: &memo))
    }
}
