import ArgumentParser
import RecscanCore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a stored run again in other formats, without scanning.",
        discussion: """
            RUN is a run folder (holding report.xml) or a reports folder whose `latest` is one. The files are \
            byte for byte what the scan would have written in those formats. Without --out they are added to \
            the run folder; a file that is already there is never replaced. The catalog must be the one the \
            run used (the bundled one unless the scan was given --catalog). Exit status: 0, 64 (usage, or the \
            files exist), 65 (not a recscan report, or another catalog), 73 (cannot write).

            Examples:
              recscan report Reports/latest --format html          pages for a run scanned with --format xml
              recscan report Reports/20261129T000000Z --format json,csv --out /tmp/export
            """)

    @Argument(help: "The stored run: a run folder, or a reports folder with a latest run.")
    var run: String
    @Option(help: "Formats to write, comma-separated: xml,html.")
    var format: String
    @Option(help: "Folder that receives the files (default: the run folder itself).")
    var out: String?
    @Option(help: "Rule catalog the run used (default: the catalog bundled with recscan).")
    var catalog: String?
    @Option(help: "Hosts rendered at once (default: the number of processors).")
    var jobs: Int?

    func validate() throws {
        _ = try ReportFormat.parse(format)
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() async throws {
        var options = ScanOptions()
        options.catalogPath = catalog
        if let jobs { options.jobs = jobs }
        let render = StoredRunRender(run: run, formats: try ReportFormat.parse(format), out: out, options: options)
        do {
            let result = try await render.render()
            print("run \(result.runID): wrote \(format) into \(result.runPath)")
        } catch let failure as ScanFailure {
            throw Terminal.fail(failure)
        } catch {
            Terminal.error("recscan: internal error: \(error)")
            throw Terminal.exit(.internalError)
        }
    }
}
