import ArgumentParser
import Foundation
import RecscanCore

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan the inventories against the catalog and the fleet; write Reports/<run-id>/.",
        discussion: """
            Exit status: 0 done; 1 done and the --fail-on threshold was met (this wins over 2); \
            2 done but some inputs were rejected; 64 usage error; 65 the catalog or fleet file is unusable; \
            70 internal error; 73 the output cannot be written; 75 another run is writing to the same \
            output folder (see --wait); 130 or 143 stopped by SIGINT or SIGTERM, nothing written.
            """)

    @Option(help: "Folder of inventories; the fleet and events files are found in it by content.")
    var inventories = "Inventories"
    @Option(help: "Rule catalog (default: the catalog bundled with recscan).")
    var catalog: String?
    @Option(help: "Fleet export (default: the one found in the inventories folder).")
    var fleet: String?
    @Option(help: "False-positive events, XML or CSV (default: found in the inventories folder).")
    var events: String?
    @Option(help: "Folder that receives <run-id>/ and latest.")
    var out = "Reports"
    @Option(help: "Report formats, comma-separated: xml,html.")
    var format = "xml,html"
    @Option(help: "Hosts analysed at once (default: the number of cores).")
    var jobs: Int?
    @Option(name: .customLong("fail-on"), help: "Exit 1 when met: to-assign, manual or finding-high.")
    var failOn: FailThreshold?
    @Option(name: .customLong("max-age"), help: "Days after which an inventory is stale.")
    var maxAge = 7
    @Flag(help: "Wait for another run writing to the same output folder, instead of exiting 75.")
    var wait = false
    @OptionGroup var limits: LimitOptions

    enum FailThreshold: String, ExpressibleByArgument, CaseIterable {
        case toAssign = "to-assign"
        case manual
        case findingHigh = "finding-high"
    }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxAge < 0 { throw ValidationError("--max-age must not be negative") }
        for name in format.split(separator: ",") where ReportFormat(rawValue: String(name)) == nil {
            throw ValidationError("unknown format '\(name)'; use xml, html or both")
        }
    }

    func run() async throws {
        var options = ScanOptions()
        options.inventories = inventories
        options.catalogPath = catalog
        options.fleetPath = fleet
        options.eventsPath = events
        options.outDirectory = out
        options.formats = Set(format.split(separator: ",").compactMap { ReportFormat(rawValue: String($0)) })
        options.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        options.maxAgeDays = maxAge
        options.referenceTime = try referenceTime()
        options.limits = try limits.inputLimits()
        options.waitForLock = wait
        let pipeline = ScanPipeline(options: options) { Terminal.error($0) }
        let task = Task { try await pipeline.run() }
        let signals = SignalStop { task.cancel() }
        let result: ScanResult
        do {
            result = try await task.value
        } catch let failure as ScanFailure {
            if case .output(let error) = failure {
                Terminal.error(
                    "recscan: the report cannot be written: \(error)\nrecscan: the run was discarded; \(out)/latest is unchanged"
                )
            } else {
                Terminal.error("recscan: \(failure.description)")
            }
            switch failure {
            case .unusableInput: throw Terminal.exit(.unusableInput)
            case .usage: throw Terminal.exit(.usage)
            case .output: throw Terminal.exit(.cannotWrite)
            case .busy: throw Terminal.exit(.busy)
            }
        } catch is CancellationError {
            let signal = signals.received ?? SIGTERM
            Terminal.error(
                "recscan: stopped by \(SignalStop.name(signal)); no run was written, \(out)/latest is unchanged")
            throw Terminal.exit(signal == SIGINT ? .interrupted : .terminated)
        } catch {
            Terminal.error("recscan: internal error: \(error)")
            throw Terminal.exit(.internalError)
        }
        printSummary(result)
        if thresholdMet(result) { throw Terminal.exit(.thresholdMet) }
        if !result.rejected.isEmpty { throw Terminal.exit(.inputsRejected) }
    }

    private func referenceTime() throws -> Int64 {
        guard let raw = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], !raw.isEmpty else {
            return Int64(Date().timeIntervalSince1970)
        }
        guard let seconds = Int64(raw) else {
            throw ValidationError("SOURCE_DATE_EPOCH must be whole seconds, got '\(raw)'")
        }
        return seconds
    }

    private func thresholdMet(_ result: ScanResult) -> Bool {
        switch failOn {
        case .toAssign: result.summary.toAssign > 0
        case .manual: result.summary.manual > 0
        case .findingHigh: result.highFindings > 0
        case nil: false
        }
    }

    private func printSummary(_ result: ScanResult) {
        let summary = result.summary
        print("run \(result.runID): \(result.runPath)")
        print(
            "hosts \(summary.hosts), to-assign \(summary.toAssign) (auto \(summary.auto), manual \(summary.manual)), assigned \(summary.assigned), to-unassign \(summary.toUnassign), excluded \(summary.excluded), findings \(summary.findings), rejected inputs \(summary.rejectedInputs)"
        )
        for rejected in result.rejected {
            let position = [rejected.line, rejected.column].compactMap { $0 }.map(String.init).joined(separator: ":")
            print("rejected \(rejected.file)\(position.isEmpty ? "" : ":" + position): \(rejected.reason)")
        }
    }
}
