/// Report formats a scan can write.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `report.xml`, schema `recscan schema report`.
    case xml
    /// `index.html` and a page per host and per rule.
    case html
    /// `report.json`, the same report as `report.xml`, schema `recscan schema report-json`.
    case json
    /// `recommendations.csv` (a row per host and rule) and `findings.csv` (a row per host and finding).
    case csv
}

/// Everything a scan needs to know, as the command line gives it.
public struct ScanOptions: Sendable {
    /// The folder of inventory files (`--inventories`), default `Inventories`.
    public var inventories = "Inventories"
    /// The catalog file (`--catalog`); `nil` uses the catalog bundled with the program.
    public var catalogPath: String?
    /// The fleet file (`--fleet`); `nil` looks for one in the inventories folder by its root element.
    public var fleetPath: String?
    /// A Deep Security API export folder (`--ds-export`), read as the fleet instead of a fleet file.
    public var deepSecurityExport: String?
    /// The exclusion register (`--exclusions`) that goes with `deepSecurityExport`.
    public var exclusionRegisterPath: String?
    /// Rules the operator approved (`--approve`): where one waits for a decision, the API plan
    /// assigns it.
    public var approvedRules: Set<String> = []
    /// The events file (`--events`); `nil` looks for one in the inventories folder.
    public var eventsPath: String?
    /// The folder that receives run folders and `latest` (`--out`), default `Reports`.
    public var outDirectory = "Reports"
    /// The report formats to write (`--format`), all of them unless told otherwise.
    public var formats = Set(ReportFormat.allCases)
    /// How many hosts are analysed in parallel (`--jobs`).
    public var jobs = 2
    /// Inventories older than this many days are stale (`--max-age`).
    public var maxAgeDays = 7
    /// Reference time for expiry and staleness, seconds since 1970.
    public var referenceTime: Int64 = 0
    /// Size and nesting bounds applied to every input file.
    public var limits = InputLimits.standard
    /// When set, only this shard's hosts are analyzed and the run folder is named after it.
    public var shard: Shard?
    /// Wait for another run that is writing to the same output folder (`--wait`), instead of
    /// refusing with ``ScanFailure/busy(_:)``.
    public var waitForLock = false
    /// Keep the catalog and its index allocated when the scan ends, for a process that exits
    /// right after (as clang's `-disable-free` does): the operating system takes the memory back
    /// at once, while freeing 10,000 rules object by object costs 41 M instructions and misses
    /// the cache on nearly every one of them.
    public var keepsCatalogAllocated = false

    /// Creates options with the command line's defaults.
    public init() {}
}

/// Why a scan could not produce a report at all.
public enum ScanFailure: Error, Sendable, CustomStringConvertible {
    /// The catalog or the fleet file cannot be used (exit 65).
    case unusableInput([InputError])
    /// A usage problem such as a missing inventories folder (exit 64).
    case usage(String)
    /// The report could not be written (exit 73).
    case output(OutputError)
    /// Another run holds the output folder's lock and waiting was not asked for (exit 75).
    case busy(String)

    /// The failure as printed on stderr: the problems one per line, or the message.
    public var description: String {
        switch self {
        case .unusableInput(let errors): errors.map(\.description).joined(separator: "\n")
        case .usage(let message), .busy(let message): message
        case .output(let error): error.description
        }
    }
}

/// What a finished scan reports back to the command line.
public struct ScanResult: Sendable {
    /// The identifier of the run, also its folder's name.
    public var runID: String
    /// The final path of the run folder.
    public var runPath: String
    /// The fleet-wide counts of the run.
    public var summary: ScanSummary
    /// Input files, or parts of them, that could not be used.
    public var rejected: [RejectedInput]
    /// Findings of severity high or critical.
    public var highFindings: Int
    /// What changed since the previous run in the same output folder; `nil` for the first run.
    public var changes: RunChanges? = nil
    /// Every exclusion override of the fleet, with its state and hygiene.
    public var exclusions: [FleetExclusion] = []
    /// How long each part of the run took, for `--verbose`.
    public var phases = ScanPhases()
}

/// Wall-clock seconds of the parts of a run: what comes before the workers start, the
/// workers, and the sorted pass that writes the reports.
public struct ScanPhases: Sendable, Equatable {
    /// Listing the inventories folder, reading the catalog, fleet and events, indexing the catalog.
    public var setup = 0.0
    /// Reading and analyzing every inventory file.
    public var analysis = 0.0
    /// Writing `report.xml` and the pages, hosts sorted by name.
    public var reports = 0.0

    /// Creates empty timings.
    public init() {}
}
