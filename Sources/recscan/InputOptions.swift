import ArgumentParser
import Foundation
import RecscanCore

/// The inputs `explain` and `triage` read, named as `scan` names them.
struct InputOptions: ParsableArguments {
    @Option(help: "Folder of inventories; the fleet and events files are found in it by content.")
    var inventories = "Inventories"
    @Option(help: "Rule catalog (default: the catalog bundled with recscan).")
    var catalog: String?
    @Option(help: "Fleet export (default: the one found in the inventories folder).")
    var fleet: String?
    @Option(
        name: .customLong("ds-export"),
        help: "Deep Security API export folder (the responses saved under their API paths), instead of --fleet.")
    var dsExport: String?
    @Option(help: "Exclusion register (reason, who, until when) for the exclusions of --ds-export.")
    var exclusions: String?
    @Option(help: "False-positive events, XML or CSV (default: found in the inventories folder).")
    var events: String?
    @Option(name: .customLong("max-age"), help: "Days after which an inventory is stale.")
    var maxAge = 7

    func validate() throws {
        if maxAge < 0 { throw ValidationError("--max-age must not be negative") }
        try Self.checkFleetSource(fleet: fleet, dsExport: dsExport, exclusions: exclusions)
    }

    /// Scan options for reading the inputs; nothing is written.
    func scanOptions() throws -> ScanOptions {
        var options = ScanOptions()
        options.inventories = inventories
        options.catalogPath = catalog
        options.fleetPath = fleet
        options.deepSecurityExport = dsExport
        options.exclusionRegisterPath = exclusions
        options.eventsPath = events
        options.jobs = ProcessInfo.processInfo.activeProcessorCount
        options.maxAgeDays = maxAge
        options.referenceTime = try ReferenceTime.fromEnvironment()
        return options
    }

    /// Reads the inputs; a failure ends the command with the SPEC's exit status.
    func load() async throws -> (ScanOptions, ScanInputs) {
        let options = try scanOptions()
        do {
            return (options, try await ScanInputs.load(options, log: { Terminal.error($0) }))
        } catch let failure as ScanFailure {
            throw Terminal.fail(failure)
        } catch {
            Terminal.error("recscan: internal error: \(error)")
            throw Terminal.exit(.internalError)
        }
    }
}

extension InputOptions {
    /// One fleet source at a time; the register belongs to an API export.
    static func checkFleetSource(fleet: String?, dsExport: String?, exclusions: String?) throws {
        if fleet != nil, dsExport != nil {
            throw ValidationError("give the fleet either as --fleet or as --ds-export, not both")
        }
        if exclusions != nil, dsExport == nil {
            throw ValidationError("--exclusions goes with --ds-export (a fleet file holds its own reasons)")
        }
    }
}

/// The reference time for expiry and staleness: `SOURCE_DATE_EPOCH` when set, else now.
enum ReferenceTime {
    static func fromEnvironment() throws -> Int64 {
        guard let raw = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], !raw.isEmpty else {
            return Int64(Date().timeIntervalSince1970)
        }
        guard let seconds = Int64(raw) else {
            throw ValidationError("SOURCE_DATE_EPOCH must be whole seconds, got '\(raw)'")
        }
        return seconds
    }
}

/// Output formats of `explain` and `triage`.
enum AnswerFormat: String, ExpressibleByArgument, CaseIterable {
    case text, xml
}
