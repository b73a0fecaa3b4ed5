import ArgumentParser
import Foundation
import RecscanCore

/// The inputs `explain` and `triage` read, named as `scan` names them.
struct InputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Folder of inventories (default: Inventories); the fleet and events files are found in it by content.",
            discussion: InputOptions.acceptedFormats))
    var inventories: String?
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
    // Unconditional parsing: `--max-age -1` is a negative value to refuse, not a missing one.
    @Option(name: .customLong("max-age"), parsing: .unconditional, help: "Days after which an inventory is stale.")
    var maxAge = 7
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Reference time for staleness and expiry: YYYY-MM-DD or an ISO 8601 time (default: SOURCE_DATE_EPOCH, else now).",
            valueName: "time"))
    var asOf: String?
    @Option(
        help: ArgumentHelp(
            "When inventories that do not say (a dpkg status, rpm -qa output) were collected: YYYY-MM-DD or an ISO 8601 time (default: each file's modification time).",
            valueName: "time"))
    var collected: String?
    @Option(
        help: ArgumentHelp(
            "OSV advisories (JSON or YAML), a file or a folder read recursively; repeatable.",
            discussion:
                "Rules that name CVEs and list no software get the advisories' affected packages;"
                + " a package an advisory affects that no rule names is an uncovered-vulnerability finding."))
    var advisories: [String] = []

    func validate() throws {
        if maxAge < 0 { throw ValidationError("--max-age must not be negative, got \(maxAge)") }
        _ = try ReferenceTime.resolve(asOf: asOf)
        _ = try ReferenceTime.parse(collected, option: "--collected")
        try Self.checkFleetSource(fleet: fleet, dsExport: dsExport, exclusions: exclusions)
    }

    /// Scan options for reading the inputs; nothing is written.
    func scanOptions() throws -> ScanOptions {
        var options = ScanOptions()
        options.inventories = inventories ?? options.inventories
        options.inventoriesGiven = inventories != nil
        options.catalogPath = catalog
        options.fleetPath = fleet
        options.deepSecurityExport = dsExport
        options.exclusionRegisterPath = exclusions
        options.eventsPath = events
        options.advisoryPaths = advisories
        options.jobs = ProcessInfo.processInfo.activeProcessorCount
        options.maxAgeDays = maxAge
        options.referenceTime = try ReferenceTime.resolve(asOf: asOf)
        options.collectedForBatch = try ReferenceTime.parse(collected, option: "--collected")
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
    /// What `scan` and `validate` read, for their help.
    static let acceptedFormats =
        "Inventories may be recscan inventory XML, CycloneDX 1.4-1.6 SBOMs (XML or JSON), SPDX 2.3 JSON, a dpkg "
        + "status file, rpm -qa output, or osquery JSON results; the fleet, events (XML or the console's CSV) and "
        + "a catalog are recognized by content too."

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

/// The reference time for expiry and staleness: `--as-of`, else `SOURCE_DATE_EPOCH` when set,
/// else now.
enum ReferenceTime {
    static func resolve(asOf: String?) throws -> Int64 {
        try parse(asOf, option: "--as-of") ?? fromEnvironment()
    }

    /// A date or an ISO 8601 time given to `option`, in seconds since 1970.
    static func parse(_ value: String?, option: String) throws -> Int64? {
        guard let value else { return nil }
        let text = value.count == 10 ? value + "T00:00:00Z" : value
        guard let seconds = Timestamps.epochSeconds(dateTime: text) else {
            throw ValidationError(
                "\(option) takes a date (2026-11-29) or an ISO 8601 time (2026-11-29T16:00:00Z), got '\(value)'")
        }
        return seconds
    }

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
