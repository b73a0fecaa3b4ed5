import ArgumentParser
import Foundation
import RecscanCore

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan the inventories against the catalog and the fleet; write Reports/<run-id>/.",
        discussion: """
            Exit status: 0 done; 1 done and a --fail-on threshold was met (this wins over 2); \
            2 done but some inputs were rejected; 64 usage error; 65 the catalog or fleet file is unusable; \
            70 internal error; 73 the output cannot be written; 75 another run is writing to the same \
            output folder (see --wait); 130 or 143 stopped by SIGINT or SIGTERM, nothing written.
            """)

    @OptionGroup var inputs: InputOptions
    @Option(help: "Folder that receives <run-id>/ and latest.")
    var out = "Reports"
    @Option(help: "Report formats, comma-separated, any of: xml,html,json,csv.")
    var format = "xml,html,json,csv"
    @Option(help: "Hosts analysed at once (default: the number of cores).")
    var jobs: Int?
    @Option(
        name: .customLong("fail-on"),
        help: "Exit 1 when met: to-assign, manual or finding-high (comma-separated or repeated: any one).")
    var failOn: [String] = []
    @Option(help: "Analyze only shard K of N (1 ≤ K ≤ N, by a stable hash of the host name); combine with merge.")
    var shard: String?
    @Option(
        help:
            "Rules approved for assignment where they wait for a decision (comma-separated or repeated); api-plan.json assigns them."
    )
    var approve: [String] = []
    @Flag(name: [.short, .long], help: "Print nothing on stderr but errors (no progress, no notes).")
    var quiet = false
    @Flag(help: "Also print progress lines when stderr is not a terminal, and how long the scan took.")
    var verbose = false
    @Flag(help: "Wait for another run writing to the same output folder, instead of exiting 75.")
    var wait = false
    @OptionGroup var limits: LimitOptions

    /// Rule identifiers of comma-separated or repeated values.
    static func rules(_ values: [String]) -> Set<String> {
        Set(
            values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            })
    }

    func validate() throws {
        if !approve.isEmpty, inputs.dsExport == nil {
            throw ValidationError("--approve writes API requests: it goes with --ds-export")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, e.g. 2/4") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
        _ = try FailThreshold.parse(failOn)
        _ = try ReportFormat.parse(format)
    }

    func run() async throws {
        var options = try inputs.scanOptions()
        options.outDirectory = out
        options.formats = try ReportFormat.parse(format)
        options.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        options.shard = shard.flatMap(Shard.init)
        options.limits = try limits.inputLimits()
        options.waitForLock = wait
        options.approvedRules = Self.rules(approve)
        options.keepsCatalogAllocated = true
        let display = ProgressDisplay(quiet: quiet, verbose: verbose)
        let quiet = self.quiet
        let pipeline = ScanPipeline(
            options: options, log: { if !quiet { Terminal.error($0) } }, progress: { display.update($0) })
        let task = Task { try await pipeline.run() }
        let signals = SignalStop { task.cancel() }
        let result: ScanResult
        let started = Date()
        do {
            defer { display.finish() }
            result = try await task.value
            if verbose {
                let phases = result.phases
                Terminal.error(
                    String(
                        format: "scan took %.2f s (setup %.2f s, inventories %.2f s, reports %.2f s)",
                        Date().timeIntervalSince(started), phases.setup, phases.analysis, phases.reports))
            }
        } catch let failure as ScanFailure {
            if case .output(let error) = failure {
                Terminal.error("recscan: the run was discarded; \(out)/latest is unchanged (\(error))")
            }
            throw Terminal.fail(failure)
        } catch is CancellationError {
            let signal = signals.received ?? SIGTERM
            Terminal.error(
                "recscan: stopped by \(SignalStop.name(signal)); no run was written, \(out)/latest is unchanged")
            throw Terminal.exit(signal == SIGINT ? .interrupted : .terminated)
        } catch {
            Terminal.error("recscan: internal error: \(error)")
            throw Terminal.exit(.internalError)
        }
        Self.printSummary(result)
        let met = try FailThreshold.parse(failOn).map { ($0, $0.count(in: result)) }.filter { $0.1 > 0 }
        for (threshold, count) in met { Terminal.error("recscan: \(threshold.message(count: count))") }
        if !met.isEmpty { throw Terminal.exit(.thresholdMet) }
        if !result.rejected.isEmpty { throw Terminal.exit(.inputsRejected) }
    }

    /// "changes since 20261128T000000Z: recommendations +3 -1, findings +1 -0, hosts +1 -0, 4 changed".
    static func describe(_ changes: RunChanges) -> String {
        if let reason = changes.unavailable { return "changes since \(changes.previousRun): not compared, \(reason)" }
        return "changes since \(changes.previousRun): recommendations +\(changes.newRecommendations) "
            + "-\(changes.resolvedRecommendations), findings +\(changes.newFindings) -\(changes.resolvedFindings), "
            + "hosts +\(changes.hostsAdded.count) -\(changes.hostsGone.count), \(changes.hostsChanged.count) changed"
    }

    /// Prints the run's results on stdout (also for `merge`).
    static func printSummary(_ result: ScanResult) {
        let summary = result.summary
        print("run \(result.runID): \(result.runPath)")
        print(
            "hosts \(summary.hosts), to-assign \(summary.toAssign) (auto \(summary.auto), manual \(summary.manual)), assigned \(summary.assigned), to-unassign \(summary.toUnassign), excluded \(summary.excluded), findings \(summary.findings), rejected inputs \(summary.rejectedInputs)"
        )
        if let changes = result.changes { print(Self.describe(changes)) }
        let exclusions = result.exclusions
        if !exclusions.isEmpty {
            let issues = FleetExclusion.Issue.allCases.map { issue in
                "\(exclusions.filter { $0.issues.contains(issue) }.count) \(issue.rawValue)"
            }
            let states = FleetExclusion.State.allCases.map { state in
                "\(exclusions.filter { $0.state == state }.count) \(state.rawValue)"
            }
            print("exclusions \(exclusions.count): \((states + issues).joined(separator: ", "))")
        }
        for rejected in result.rejected { print("rejected \(Terminal.describe(rejected))") }
    }
}
