import Foundation

/// Renders a stored run again, in other formats, without scanning (`recscan report`): its
/// `report.xml` is read back host by host (`StoredReportReader`), each host stored as a record,
/// and the same formatters as a scan write the files — byte for byte what the scan would have
/// written in those formats.
///
/// The files are built in a hidden folder inside the target and moved into place only when
/// all are written; a file the target already has is never replaced.
public struct StoredRunRender: Sendable {
    /// The run folder (holding report.xml), or a reports folder whose `latest` is one.
    public var run: String
    /// The formats to write.
    public var formats: Set<ReportFormat>
    /// The folder that receives the files; `nil` writes them into the run folder itself.
    public var out: String?
    /// The catalog, jobs and limits; the catalog must be the one the run used.
    public var options: ScanOptions

    /// Prepares a render.
    public init(run: String, formats: Set<ReportFormat>, out: String?, options: ScanOptions) {
        self.run = run
        self.formats = formats
        self.out = out
        self.options = options
    }

    /// Writes the files and returns what they hold.
    /// - Throws: `ScanFailure` when the run or the catalog cannot be used, or the files cannot be written.
    public func render() async throws -> ScanResult {
        let reportPath = ShardMerge.reportPath(run)
        guard FileManager.default.fileExists(atPath: reportPath) else {
            throw ScanFailure.usage("\(run): no stored run here (no report.xml, and no latest run with one)")
        }
        let catalog = try ScanSetup.loadCatalog(options)
        let target = out ?? (reportPath as NSString).deletingLastPathComponent
        // The catalog is checked on the report's root, before any host is read.
        let reader: StoredReportReader
        do { reader = try StoredReportReader(path: reportPath) } catch {
            throw ScanFailure.unusableInput(ScanSetup.inputErrors(error, file: reportPath))
        }
        guard reader.report.catalogVersion == catalog.version else {
            throw ScanFailure.unusableInput([
                InputError(
                    file: reportPath,
                    message:
                        "was made with catalog version \(reader.report.catalogVersion), not \(catalog.version); give the run's catalog with --catalog"
                )
            ])
        }
        let scratch = try Self.scratchFolder(in: target)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var store = try HostStore(scratchFolder: scratch, catalog: catalog, fleet: Fleet(), options: options)
        defer { store.spill.remove() }
        do {
            while let host = try reader.next() { try store.adopt(host, triage: []) }
        } catch let error as OutputError {
            throw ScanFailure.output(error)
        } catch {
            throw ScanFailure.unusableInput(ScanSetup.inputErrors(error, file: reportPath))
        }
        let stored = reader.report
        store.attach(triage: stored.triage)
        var renderOptions = options
        renderOptions.formats = formats
        renderOptions.shard = nil
        let info = RunInfo(
            runID: stored.runID, catalogVersion: stored.catalogVersion, referenceTime: stored.referenceTime)
        let output = RunOutput(
            destination: ReportDestination(
                directory: scratch, run: info, catalog: catalog, maxAgeDays: stored.maxAgeDays,
                jobs: options.jobs),
            fleet: Fleet(), options: renderOptions)
        let results: FleetResults
        let (highFindings, uncovered) = (store.ledger.highFindings, store.ledger.uncoveredVulnerabilities)
        do {
            results = try await output.write(&store, stored: stored)
        } catch let error as OutputError {
            throw ScanFailure.output(error)
        } catch let error as HTMLWriteError {
            throw ScanFailure.output(OutputError(path: error.path, message: error.message))
        }
        store.spill.remove()
        try Self.moveContents(of: scratch, into: target)
        var result = ScanResult(
            runID: stored.runID, runPath: target, summary: results.summary, rejected: stored.rejected,
            highFindings: highFindings, changes: results.changes,
            exclusions: results.exclusions)
        result.uncoveredVulnerabilities = uncovered
        return result
    }

    /// A new hidden folder inside `target` (created when missing).
    private static func scratchFolder(in target: String) throws -> String {
        let scratch = (target as NSString).appendingPathComponent(".report-\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw ScanFailure.output(
                OutputError(path: target, message: "cannot be written: \(error.localizedDescription)"))
        }
        return scratch
    }

    /// Moves every file and folder of `scratch` into `target`, after checking that none is there yet.
    private static func moveContents(of scratch: String, into target: String) throws {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? []).filter {
            !$0.hasPrefix(".")
        }
        .sorted()
        let existing = names.filter {
            FileManager.default.fileExists(atPath: (target as NSString).appendingPathComponent($0))
        }
        guard existing.isEmpty else {
            throw ScanFailure.usage(
                "\(target) already has \(existing.joined(separator: ", ")); choose another folder with --out")
        }
        for name in names {
            let from = (scratch as NSString).appendingPathComponent(name)
            let to = (target as NSString).appendingPathComponent(name)
            guard rename(from, to) == 0 else {
                throw ScanFailure.output(
                    OutputError(path: to, message: "cannot be moved into place: \(String(cString: strerror(errno)))"))
            }
        }
    }
}
