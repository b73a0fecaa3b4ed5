import Foundation

/// Everything a run reads before the inventories: the catalog, the fleet, the events and the
/// list of inventory files, classified by content. Small, whatever the fleet size.
public struct ScanSetup: Sendable {
    /// The rule catalog, given or bundled.
    public var catalog: Catalog
    /// The fleet export; empty when no fleet file was found.
    public var fleet: Fleet
    /// False-positive events to triage; empty when no events file was found.
    public var events: [SecurityEvent]
    /// Files that hold hosts, sorted by path.
    public var inventoryFiles: [DiscoveredInput]
    /// Input files, or parts of them, that could not be used.
    public var rejected: [RejectedInput]
    /// The events file(s) read, for messages about events.
    public var eventFiles: [String]

    /// Reads the catalog, the fleet and the events, and lists the inventory files.
    /// - Throws: `ScanFailure.unusableInput` when the catalog or the fleet cannot be used,
    ///   `ScanFailure.usage` when the inventories folder does not exist.
    public static func load(_ options: ScanOptions, log: @Sendable (String) -> Void) throws -> ScanSetup {
        let discovered = try discover(options)
        var catalog = try loadCatalog(options)
        let fleet: Fleet
        if options.deepSecurityExport != nil {
            (fleet, catalog) = try loadDeepSecurity(options, catalog: catalog, log: log)
        } else {
            fleet = try loadFleet(options, discovered: discovered)
        }
        return assemble(options, discovered: discovered, catalog: catalog, fleet: fleet, log: log)
    }

    /// What `load` reads, and the catalog's index. With more than one job the catalog is read and
    /// indexed on another core while the inventories folder is listed and the fleet read (for a
    /// large fleet, discovery opens every file). Errors are reported in `load`'s order.
    static func loadIndexed(
        _ options: ScanOptions, log: @escaping @Sendable (String) -> Void
    ) async throws -> (setup: ScanSetup, index: CatalogIndex) {
        // The manager's rule metadata amends the catalog before it is indexed.
        guard options.jobs > 1, options.deepSecurityExport == nil else {
            let setup = try load(options, log: log)
            return (setup, CatalogIndex(catalog: setup.catalog))
        }
        let indexing = Task { CatalogIndex(catalog: try loadCatalog(options)) }
        let discovered: [DiscoveredInput]
        do {
            discovered = try discover(options)
        } catch {
            indexing.cancel()
            throw error
        }
        let fleet = Result { try loadFleet(options, discovered: discovered) }
        let index = try await indexing.value
        let setup = assemble(options, discovered: discovered, catalog: index.catalog, fleet: try fleet.get(), log: log)
        return (setup, index)
    }

    private static func discover(_ options: ScanOptions) throws -> [DiscoveredInput] {
        do {
            return try InputDiscovery.discover(directory: options.inventories)
        } catch let error as InputError {
            throw ScanFailure.usage("inventories folder \(error.description)")
        }
    }

    /// The events and the inventory files among `discovered`, and the files rejected on the way.
    private static func assemble(
        _ options: ScanOptions, discovered: [DiscoveredInput], catalog: Catalog, fleet: Fleet,
        log: @Sendable (String) -> Void
    ) -> ScanSetup {
        var rejected: [RejectedInput] = []
        var events: [SecurityEvent] = []
        var eventFiles = discovered.filter { $0.kind == .eventsXML || $0.kind == .eventsCSV }
        if let path = options.eventsPath {
            eventFiles = [DiscoveredInput(path: path, displayName: path, kind: InputDiscovery.classify(path: path))]
        }
        for file in eventFiles {
            do {
                events += try readEvents(file, limits: options.limits)
            } catch {
                rejected += rejections(error, file: file.displayName)
            }
        }
        var inventoryFiles: [DiscoveredInput] = []
        // Kept for the whole run: no doubling slack.
        inventoryFiles.reserveCapacity(discovered.count)
        for file in discovered {
            if InventoryFormats.holdsHosts(file.kind) {
                inventoryFiles.append(file)
                continue
            }
            switch file.kind {
            case .unrecognized(let reason): rejected.append(RejectedInput(file: file.displayName, reason: reason))
            case .report:
                rejected.append(RejectedInput(file: file.displayName, reason: "is a recscan report, not an input"))
            case .exclusionRegister where options.exclusionRegisterPath == nil:
                log("note: \(file.displayName) is an exclusion register; it is used only when given with --exclusions")
            case .catalog where options.catalogPath == nil:
                log("note: \(file.displayName) is a catalog; it is used only when given with --catalog")
            default: break
            }
        }
        return ScanSetup(
            catalog: catalog, fleet: fleet, events: events, inventoryFiles: inventoryFiles, rejected: rejected,
            eventFiles: eventFiles.map(\.displayName))
    }

    /// Rejections for events whose computer is neither inventoried nor in the fleet (`known` holds
    /// hosts by `Fleet.hostKey`).
    func unknownEventHosts(known: Set<String>) -> [RejectedInput] {
        events.filter { !known.contains(fleet.hostKey($0.hostname)) }.map { event in
            RejectedInput(
                file: eventFiles.first ?? "events",
                reason: "event for unknown computer \(event.hostname) (rule \(event.ruleID), \(event.time))")
        }
    }

    static func hostname(fromFile path: String) -> String {
        HostNames.fromFile(path)
    }

    static func loadCatalog(_ options: ScanOptions) throws -> Catalog {
        do {
            if let path = options.catalogPath { return try CatalogReader.read(path: path, limits: options.limits) }
            return try CatalogReader.read(bytes: BundledCatalog.bytes, displayName: BundledCatalog.displayName)
        } catch {
            throw ScanFailure.unusableInput(inputErrors(error, file: options.catalogPath ?? BundledCatalog.displayName))
        }
    }

    static func loadFleet(_ options: ScanOptions, discovered: [DiscoveredInput]) throws -> Fleet {
        let path: String
        if let given = options.fleetPath {
            path = given
        } else {
            let fleets = discovered.filter { $0.kind == .fleet }
            guard fleets.count <= 1 else {
                throw ScanFailure.unusableInput(
                    fleets.map {
                        InputError(
                            file: $0.displayName,
                            message: "is one of \(fleets.count) fleet files; pass the one to use with --fleet")
                    })
            }
            guard let only = fleets.first else { return Fleet() }
            path = only.path
        }
        do {
            return try FleetReader.read(path: path, limits: options.limits)
        } catch {
            throw ScanFailure.unusableInput(inputErrors(error, file: path))
        }
    }

    /// The fleet of a Deep Security API export, and the catalog amended by its rule metadata.
    static func loadDeepSecurity(
        _ options: ScanOptions, catalog: Catalog, log: @Sendable (String) -> Void
    ) throws -> (Fleet, Catalog) {
        guard let directory = options.deepSecurityExport else { return (Fleet(), catalog) }
        do {
            let export = try DeepSecurityExportReader.read(directory: directory, limits: options.limits)
            let register = try options.exclusionRegisterPath.map {
                try ExclusionRegisterReader.read(path: $0, limits: options.limits)
            }
            let translated = try DeepSecurityFleet.translate(export, catalog: catalog, register: register)
            for notice in translated.notices { log("note: \(notice)") }
            return (translated.fleet, translated.catalog)
        } catch {
            throw ScanFailure.unusableInput(inputErrors(error, file: directory))
        }
    }

    static func readEvents(_ file: DiscoveredInput, limits: InputLimits) throws -> [SecurityEvent] {
        switch file.kind {
        case .eventsXML: return try EventsReader.readXML(path: file.path, displayName: file.displayName, limits: limits)
        case .eventsCSV:
            let bytes = try InputFile.bytes(path: file.path, displayName: file.displayName, limits: limits)
            return try EventsReader.readCSV(text: String(decoding: bytes, as: UTF8.self), displayName: file.displayName)
        case .unrecognized(let reason): throw InputError(file: file.displayName, message: reason)
        default: throw InputError(file: file.displayName, message: "is not an events file")
        }
    }

    static func inputErrors(_ error: any Error, file: String) -> [InputError] {
        switch error {
        case let errors as InputErrors: errors.errors
        case let error as InputError: [error]
        default: [InputError(file: file, message: "\(error)")]
        }
    }

    static func rejections(_ error: any Error, file: String) -> [RejectedInput] {
        inputErrors(error, file: file).map {
            RejectedInput(file: $0.file, line: $0.line, column: $0.column, reason: $0.message)
        }
    }
}
