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
    /// The other files of the inventories folder (the fleet, events, anything unrecognized), which
    /// `partition` gives every shard.
    var otherFiles: [DiscoveredInput] = []
    /// Input files, or parts of them, that could not be used.
    public var rejected: [RejectedInput]
    /// The events file(s) read, for messages about events.
    public var eventFiles: [String]
    /// The manifest when the inventories folder is a shard folder of `recscan partition`.
    public var partition: PartitionManifest? = nil
    /// The advisories of `--advisories` no rule names, by package, for coverage-gap findings.
    public var uncovered = UncoveredAdvisories()

    /// Reads the catalog, the fleet and the events, and lists the inventory files.
    /// - Throws: `ScanFailure.unusableInput` when the catalog or the fleet cannot be used,
    ///   `ScanFailure.usage` when the inventories folder does not exist.
    public static func load(_ options: ScanOptions, log: @Sendable (String) -> Void) throws -> ScanSetup {
        let (discovered, catalog, fleet, partition) = try loadBeforeAdvisories(options, log: log)
        var setup = assemble(
            options, discovered: discovered, joined: try CatalogAdvisories.join(catalog, options: options),
            fleet: fleet, log: log)
        setup.partition = partition
        return setup
    }

    /// What `load` reads, with the advisories read `options.jobs` files at a time.
    public static func loadReadingAdvisoriesInParallel(
        _ options: ScanOptions, log: @Sendable (String) -> Void
    ) async throws -> ScanSetup {
        let (discovered, catalog, fleet, partition) = try loadBeforeAdvisories(options, log: log)
        var setup = assemble(
            options, discovered: discovered, joined: try await CatalogAdvisories.join(catalog, options: options),
            fleet: fleet, log: log)
        setup.partition = partition
        return setup
    }

    /// The inventories folder listed, the catalog (amended by a Deep Security export's rule
    /// metadata) and the fleet.
    private static func loadBeforeAdvisories(
        _ options: ScanOptions, log: @Sendable (String) -> Void
    ) throws -> (discovered: [DiscoveredInput], catalog: Catalog, fleet: Fleet, partition: PartitionManifest?) {
        let (discovered, partition) = try discover(options)
        var catalog = try loadCatalog(options, log: log)
        let fleet: Fleet
        if options.deepSecurityExport != nil {
            (fleet, catalog) = try loadDeepSecurity(options, catalog: catalog, log: log)
        } else {
            fleet = try loadFleet(options, discovered: discovered, partition: partition)
        }
        return (discovered, catalog, fleet, partition)
    }

    /// The setup of `joined`'s catalog, with the advisories' rejected files and coverage gaps.
    private static func assemble(
        _ options: ScanOptions, discovered: [DiscoveredInput], joined: CatalogAdvisories, fleet: Fleet,
        log: @Sendable (String) -> Void
    ) -> ScanSetup {
        joined.notes.forEach(log)
        var setup = assemble(options, discovered: discovered, catalog: joined.catalog, fleet: fleet, log: log)
        setup.add(joined)
        return setup
    }

    /// Takes the advisories' rejected files and coverage gaps into the setup.
    mutating func add(_ joined: CatalogAdvisories) {
        rejected = joined.rejected + rejected
        uncovered = joined.uncovered
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
        let indexing = Task {
            let joined = try await CatalogAdvisories.join(try loadCatalog(options, log: log), options: options)
            return (joined, CatalogIndex(catalog: joined.catalog, jobs: options.jobs))
        }
        let discovered: [DiscoveredInput]
        let partition: PartitionManifest?
        do {
            (discovered, partition) = try discover(options)
        } catch {
            indexing.cancel()
            throw error
        }
        let fleet = Result { try loadFleet(options, discovered: discovered, partition: partition) }
        let (joined, index) = try await indexing.value
        var setup = assemble(options, discovered: discovered, joined: joined, fleet: try fleet.get(), log: log)
        setup.partition = partition
        return (setup, index)
    }

    /// The files of the inventories folder; in a shard folder of `recscan partition`, named by
    /// the folder it was cut from, as a single run names them.
    private static func discover(_ options: ScanOptions) throws -> ([DiscoveredInput], PartitionManifest?) {
        if options.inventoriesOptional, !FileManager.default.fileExists(atPath: options.inventories) {
            return ([], nil)
        }
        do {
            let found = try InputDiscovery.discover(directory: options.inventories)
            let manifest: PartitionManifest?
            do {
                manifest = try PartitionManifest.read(in: options.inventories, limits: options.limits)
            } catch let error as InputError {
                throw ScanFailure.unusableInput([error])
            }
            guard let manifest else { return (found, nil) }
            let root = options.inventories
            let renamed = found.map { input in
                var input = input
                if let relative = input.relativePath(under: root) {
                    input.displayName = (manifest.source as NSString).appendingPathComponent(relative)
                }
                return input
            }
            return (renamed, manifest)
        } catch let error as InputError {
            // The default folder is the sample's: outside the repository, say how to name one.
            let hint = options.inventoriesGiven ? "" : "; name the folder of inventories with --inventories DIR"
            throw ScanFailure.usage("--inventories \(error.description)\(hint)")
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
            if let problem = OptionFile.events.problem(path) {
                rejected += rejections(problem, file: path)
                eventFiles = []
            } else {
                var kind = InputDiscovery.classify(path: path)
                if case .unrecognized = kind { kind = .unrecognized(OptionFile.events.notTheKind) }
                eventFiles = [DiscoveredInput(path: path, displayName: path, kind: kind)]
            }
        }
        for file in eventFiles {
            do {
                events += try readEvents(file, limits: options.limits)
            } catch {
                let errors = inputErrors(error, file: file.displayName)
                rejected += rejections(
                    InputErrors(options.eventsPath == nil ? errors : OptionFile.events.naming(errors)),
                    file: file.displayName)
            }
        }
        var inventoryFiles: [DiscoveredInput] = []
        var otherFiles: [DiscoveredInput] = []
        // Kept for the whole run: no doubling slack.
        inventoryFiles.reserveCapacity(discovered.count)
        for file in discovered {
            if InventoryFormats.holdsHosts(file.kind) {
                inventoryFiles.append(file)
                continue
            }
            otherFiles.append(file)
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
        for warning in catalog.warnings { log("warning: \(warning.description)") }
        if fleet.policies.isEmpty, !fleet.hasComputers, !inventoryFiles.isEmpty {
            log(
                "warning: no fleet export in \(options.inventories) and none given with --fleet or --ds-export: "
                    + "every host is taken to be on no policy with automatic application off, so every "
                    + "recommendation waits for a decision and no assignment is audited")
        }
        return ScanSetup(
            catalog: catalog, fleet: fleet, events: events, inventoryFiles: inventoryFiles, otherFiles: otherFiles,
            rejected: rejected, eventFiles: eventFiles.map(\.displayName))
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

    /// The fleet of `--fleet`, or the one found among `discovered`. In a shard folder whose
    /// fleet `partition` cut (see `PartitionManifest`), the cut fleet serves the shard's own
    /// scan; merge, and a shard with events (triage weighs a computer against every other under
    /// its policy), read the whole fleet linked beside it.
    static func loadFleet(
        _ options: ScanOptions, discovered: [DiscoveredInput], partition: PartitionManifest? = nil
    ) throws -> Fleet {
        let path: String
        if let given = options.fleetPath {
            path = given
        } else if let partition, let whole = partition.wholeFleet {
            let hasEvents =
                options.eventsPath != nil || discovered.contains { $0.kind == .eventsXML || $0.kind == .eventsCSV }
            guard options.shard == nil || hasEvents else {
                var fleet = try loadFleet(options, discovered: discovered)
                fleet.computersLeftOut = partition.computersLeftOut
                fleet.computersElsewhere = Set(partition.computersElsewhere)
                return fleet
            }
            path = (options.inventories as NSString).appendingPathComponent(whole)
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
        // A fleet file found in the folder is named by its path; a given one by its option too.
        let option = options.fleetPath == nil ? nil : OptionFile.fleet
        if let problem = option?.problem(path) { throw ScanFailure.unusableInput([problem]) }
        do {
            return try FleetReader.read(path: path, limits: options.limits)
        } catch {
            let errors = inputErrors(error, file: path)
            throw ScanFailure.unusableInput(option?.naming(errors) ?? errors)
        }
    }

    /// The fleet of a Deep Security API export, and the catalog amended by its rule metadata.
    static func loadDeepSecurity(
        _ options: ScanOptions, catalog: Catalog, log: @Sendable (String) -> Void
    ) throws -> (Fleet, Catalog) {
        guard let directory = options.deepSecurityExport else { return (Fleet(), catalog) }
        do {
            let export = try DeepSecurityExportReader.read(directory: directory, limits: options.limits)
            let register = try options.exclusionRegisterPath.map { try readExclusionRegister($0, options) }
            let translated = try DeepSecurityFleet.translate(export, catalog: catalog, register: register)
            for notice in translated.notices { log("note: \(notice)") }
            return (translated.fleet, translated.catalog)
        } catch {
            throw ScanFailure.unusableInput(inputErrors(error, file: directory))
        }
    }

    private static func readExclusionRegister(_ path: String, _ options: ScanOptions) throws -> ExclusionRegister {
        let option = OptionFile.exclusions
        if let problem = option.problem(path) { throw problem }
        do {
            return try ExclusionRegisterReader.read(path: path, limits: options.limits)
        } catch {
            throw InputErrors(option.naming(inputErrors(error, file: path)))
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
