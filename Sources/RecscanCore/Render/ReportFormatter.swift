/// One output format of a run. A run hands every formatter its hosts (`StoredHost`: a host's
/// record, decoded when some format reads the analysis), sorted by host name, then the
/// fleet-wide sections:
///
/// ```
/// begin(fleet)                    the fleet-wide sections are known before the first host
/// renderer.render(host)           on any worker, several hosts at once: what needs the host alone
/// add(host, rendered:)            in sorted host order, with what `render` returned
/// finish(fleet)                   once, after the last host
/// ```
///
/// Each format is one folder under `Render/` and knows nothing of the others; a new per-run
/// file is a new formatter, not an edit to the pipeline.
protocol ReportFormatter {
    /// The part of the format that works on one host at a time, on any worker.
    var renderer: any HostRenderer { get }
    /// Whether the format reads hosts' analyses (`StoredHost.analysis()`), so that the run
    /// decodes each record once for all formats; one that writes from records alone does not.
    var readsAnalysis: Bool { get }
    /// Called once, before the first host.
    mutating func begin(_ fleet: FleetResults) throws
    /// Called for each host in sorted order, with what the renderer made of it.
    mutating func add(_ host: StoredHost, rendered: [UInt8]) throws
    /// Called once, after the last host; writes the format's last files.
    mutating func finish(_ fleet: FleetResults) throws
}

extension ReportFormatter {
    var readsAnalysis: Bool { true }
}

/// What a format makes of one host on its own: a page written, an element serialized.
protocol HostRenderer: Sendable {
    /// The bytes the format's `add` takes for `host` (may be empty).
    func render(_ host: StoredHost) throws -> [UInt8]
    /// Called once every host is rendered, before the formats' `finish`: lets go of what was
    /// kept for the next hosts, so that the pages written at the end have that memory.
    func releaseMemos()
}

extension HostRenderer {
    func releaseMemos() {}
}

/// Where a run's formats write and what they all need to know of it.
struct ReportDestination: Sendable {
    /// The run folder being built.
    var directory: String
    var run: RunInfo
    var catalog: Catalog
    /// Inventories older than this many days were stale (report.xml states it).
    var maxAgeDays: Int
    /// Pages written at once where a format writes many after the last host (rule pages).
    var jobs = 1
    /// The manager's fleet and the rules the operator approved, when the fleet came from a Deep
    /// Security API export: the run then also writes its changes as API requests.
    var manager: ManagerPlanContext? = nil
}

/// What the API plan needs beyond the hosts' records.
struct ManagerPlanContext: Sendable {
    var fleet: Fleet
    var directory: ManagerDirectory
    var approvals: Set<String>

    /// The context of `fleet` when it came from the manager's export; `nil` otherwise.
    init?(fleet: Fleet, approvals: Set<String>) {
        guard let directory = fleet.manager else { return nil }
        self.fleet = fleet
        self.directory = directory
        self.approvals = approvals
    }
}

extension ReportFormat {
    /// The formatters of `formats`, in a fixed order.
    static func formatters(_ formats: Set<ReportFormat>, to destination: ReportDestination) throws
        -> [any ReportFormatter]
    {
        var formatters: [any ReportFormatter] = []
        for format in ReportFormat.allCases where formats.contains(format) {
            switch format {
            case .xml: formatters.append(try XMLReportFormatter(destination))
            case .html: formatters.append(HTMLReportFormatter(destination))
            case .json: formatters.append(try JSONReportFormatter(destination))
            case .csv: formatters += try CSVTable.allCases.map { try CSVReportFormatter($0, destination) }
            }
        }
        if let manager = destination.manager {
            formatters.append(
                APIPlanFormatter(
                    destination, fleet: manager.fleet, manager: manager.directory, approvals: manager.approvals))
        }
        return formatters
    }
}
