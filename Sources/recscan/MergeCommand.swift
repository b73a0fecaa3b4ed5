import ArgumentParser
import Foundation
import RecscanCore

struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the runs of `scan --shard K/N` into the report a single run would have written.",
        discussion: """
            Each DIR is a shard's run folder (holding report.xml) or a reports folder whose `latest` is one. \
            The fleet and catalog must be the ones the shards used: the exclusion audit is computed again for \
            the whole fleet. Like scan, merge holds the output folder's lock while it writes. Exit status as \
            for scan: 0, 2 when the shards rejected inputs, 64, 65, 70, 73, 75 when another run holds the lock.
            """)

    @Argument(help: "The shards' run folders, in any order.")
    var shards: [String]
    @Option(help: "Folder that receives <run-id>/ and latest.")
    var out = "Reports"
    @Option(help: "Folder of inventories, where the fleet file is found (as for scan).")
    var inventories = "Inventories"
    @Option(help: "Rule catalog the shards used (default: the catalog bundled with recscan).")
    var catalog: String?
    @Option(help: "Fleet export the shards used (default: the one found in the inventories folder).")
    var fleet: String?
    @Option(name: .customLong("ds-export"), help: "Deep Security API export the shards used, instead of --fleet.")
    var dsExport: String?
    @Option(help: "Exclusion register that goes with --ds-export.")
    var exclusions: String?
    @Option(help: "Report formats, comma-separated, any of: xml,html,json,csv.")
    var format = "xml,html,json,csv"
    @Flag(help: "Wait for a run already writing to the output folder instead of exiting with status 75.")
    var wait = false

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("name at least one shard folder") }
        _ = try ReportFormat.parse(format)
        try InputOptions.checkFleetSource(fleet: fleet, dsExport: dsExport, exclusions: exclusions)
    }

    func run() async throws {
        var options = ScanOptions()
        options.inventories = inventories
        options.catalogPath = catalog
        options.fleetPath = fleet
        options.deepSecurityExport = dsExport
        options.exclusionRegisterPath = exclusions
        options.outDirectory = out
        options.formats = try ReportFormat.parse(format)
        options.waitForLock = wait
        let result: ScanResult
        do {
            result = try await ShardMerge(shards: shards, options: options) { Terminal.error($0) }.run()
        } catch let failure as ScanFailure {
            throw Terminal.fail(failure)
        } catch {
            Terminal.error("recscan: internal error: \(error)")
            throw Terminal.exit(.internalError)
        }
        ScanCommand.printSummary(result)
        if !result.rejected.isEmpty { throw Terminal.exit(.inputsRejected) }
    }
}
