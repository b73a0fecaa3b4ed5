/// Report formats a scan can write.
public enum ReportFormat: String, Sendable, CaseIterable {
    case xml, html
}

/// Everything a scan needs to know, as the command line gives it.
public struct ScanOptions: Sendable {
    public var inventories = "Inventories"
    public var catalogPath: String?
    public var fleetPath: String?
    public var eventsPath: String?
    public var outDirectory = "Reports"
    public var formats: Set<ReportFormat> = [.xml, .html]
    public var jobs = 2
    public var maxAgeDays = 7
    /// Reference time for expiry and staleness, seconds since 1970.
    public var referenceTime: Int64 = 0
    public var limits = InputLimits.standard

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

    public var description: String {
        switch self {
        case .unusableInput(let errors): errors.map(\.description).joined(separator: "\n")
        case .usage(let message): message
        case .output(let error): error.description
        }
    }
}

/// What a finished scan reports back to the command line.
public struct ScanResult: Sendable {
    public var runID: String
    public var runPath: String
    public var summary: ScanSummary
    public var rejected: [RejectedInput]
    /// Findings of severity high or critical.
    public var highFindings: Int
}
