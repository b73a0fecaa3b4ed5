/// Every input of a run held in memory at once, hosts merged across files. Used where a
/// whole-fleet view is simplest (explain, tests); the scan itself streams (`ScanPipeline`).
public struct ScanInputs: Sendable {
    /// The rule catalog, given or bundled.
    public var catalog: Catalog
    /// The fleet export; empty when no fleet file was found.
    public var fleet: Fleet
    /// False-positive events to triage; empty when no events file was found.
    public var events: [SecurityEvent]
    /// One entry per host, sorted by hostname (case-insensitive).
    public var hosts: [HostInput]
    /// Input files, or parts of them, that could not be used.
    public var rejected: [RejectedInput]

    /// Reads the catalog, the fleet, the events and every inventory.
    /// - Throws: `ScanFailure.unusableInput` when the catalog or the fleet cannot be used.
    public static func load(_ options: ScanOptions, log: @Sendable (String) -> Void) async throws -> ScanInputs {
        let setup = try ScanSetup.load(options, log: log)
        var rejected = setup.rejected
        let limits = options.limits
        var parsed: [Result<[HostInventory], InventoryFileError>] = []
        try await orderedParallelMap(
            setup.inventoryFiles, jobs: options.jobs,
            transform: { file in
                do {
                    return .success(try InventoryFormats.read(file, limits: limits))
                } catch let error as InventoryFileError {
                    return .failure(error)
                } catch {
                    return .failure(
                        InventoryFileError(
                            error: InputError(file: file.displayName, message: "\(error)"), hostnames: []))
                }
            }, consume: { parsed.append($0) })
        var merger = HostMerger()
        for (file, result) in zip(setup.inventoryFiles, parsed) {
            switch result {
            case .success(let hosts): merger.add(hosts)
            case .failure(let failure):
                rejected.append(failure.rejection)
                for name in failure.hostnames(orFileNamed: file.path) { merger.addError(failure.error, hostname: name) }
            }
        }
        let hosts = merger.inputs(fleet: setup.fleet, events: setup.events)
        rejected += setup.unknownEventHosts(known: Set(hosts.map { setup.fleet.hostKey($0.hostname) }))
        return ScanInputs(
            catalog: setup.catalog, fleet: setup.fleet, events: setup.events, hosts: hosts, rejected: rejected)
    }
}

extension InventoryFileError {
    /// The `<rejected>` entry for this file.
    var rejection: RejectedInput {
        RejectedInput(file: error.file, line: error.line, column: error.column, reason: error.message)
    }

    /// The hosts the file named before the problem, or the file's name when it named none.
    func hostnames(orFileNamed path: String) -> [String] {
        hostnames.isEmpty ? [ScanSetup.hostname(fromFile: path)] : hostnames
    }
}
