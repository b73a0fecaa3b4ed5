import ArgumentParser
import Dispatch
import Foundation
import RecscanCore
import Synchronization

/// A whole scan from a synchronous entry point, for `valgrind --tool=callgrind`: valgrind 3.19
/// crashes on the async `main` of `recscan` (the main thread parks in libdispatch's
/// `sigsuspend`), while a main thread waiting on a semaphore profiles fine.
struct ScanUnderProfilerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Run a scan as `recscan scan` does (reference time 1795910400), without signal handling.")

    @OptionGroup var inputs: WorkloadInputs
    @Option(help: "Output folder.") var out: String
    @Option(help: "Report formats, comma-separated.") var format = "xml,html"
    @Option(help: "Parallel jobs.") var jobs = 1
    @Option(help: "Analyze only shard K of N, as `recscan scan --shard K/N` (e.g. over a partition's folder K).")
    var shard: String?

    func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, e.g. 2/4") }
    }

    func run() throws {
        var options = inputs.scanOptions
        options.outDirectory = out
        options.jobs = jobs
        options.shard = shard.flatMap(Shard.init)
        options.allowEmpty = shard != nil
        options.keepsCatalogAllocated = true
        options.formats = reportFormats(format)
        let pipeline = ScanPipeline(options: options)
        let scan = try waitingOnASemaphore { try await pipeline.run() }
        print("run \(scan.runID): \(scan.summary.hosts) hosts")
    }
}

/// The formats of a comma-separated list; unknown names are left out.
private func reportFormats(_ list: String) -> Set<ReportFormat> {
    Set(list.split(separator: ",").compactMap { ReportFormat(rawValue: String($0)) })
}

/// Runs `body` on a task while the calling thread waits on a semaphore, which valgrind
/// profiles fine (see `ScanUnderProfilerCommand`).
private func waitingOnASemaphore(_ body: @escaping @Sendable () async throws -> ScanResult) throws -> ScanResult {
    let outcome = Mutex<Result<ScanResult, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let result: Result<ScanResult, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        outcome.withLock { $0 = result }
        done.signal()
    }
    done.wait()
    guard let result = outcome.withLock({ $0 }) else { throw CancellationError() }
    return try result.get()
}

/// A whole merge from a synchronous entry point, for `valgrind --tool=callgrind` (see
/// `ScanUnderProfilerCommand`).
struct MergeUnderProfilerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Run a merge as `recscan merge` does, without signal handling.")

    @Argument(help: "The shards' run folders.") var shards: [String]
    @Option(help: "Folder of inventories, where the fleet file is found.") var inventories: String
    @Option(help: "Rule catalog.") var catalog: String
    @Option(help: "Output folder.") var out: String
    @Option(help: "Report formats, comma-separated.") var format = "xml,html,json,csv"
    @Option(help: "Parallel jobs.") var jobs = 1

    func run() throws {
        var options = ScanOptions()
        options.inventories = inventories
        options.catalogPath = catalog
        options.outDirectory = out
        options.jobs = jobs
        options.formats = reportFormats(format)
        let merge = ShardMerge(shards: shards, options: options)
        let merged = try waitingOnASemaphore { try await merge.run() }
        print("run \(merged.runID): \(merged.summary.hosts) hosts")
    }
}
