/// Writes `report.xml`: the head once the fleet-wide sections are known, each host's element
/// (serialized on the workers) in sorted order, then the tail. Memory holds a few hosts'
/// elements at a time, whatever the fleet size.
struct XMLReportFormatter: ReportFormatter {
    /// Host elements are gathered to about this many bytes before each write to the file.
    private static let batchBytes = 1 << 20

    let renderer: any HostRenderer
    private let writer: XMLStreamWriter
    private let destination: ReportDestination
    private var pending: [UInt8] = []

    init(_ destination: ReportDestination) throws {
        self.destination = destination
        renderer = XMLHostRenderer()
        writer = try XMLStreamWriter(path: HTMLOutput.path(destination.directory, "report.xml"))
    }

    mutating func begin(_ fleet: FleetResults) throws {
        try ReportXMLWriter.writeHead(
            to: writer, run: destination.run, maxAgeDays: destination.maxAgeDays, fleet: fleet)
    }

    mutating func add(_ host: HostAnalysis, rendered: [UInt8]) throws {
        pending += rendered
        if pending.count >= Self.batchBytes { try flush() }
    }

    mutating func finish(_ fleet: FleetResults) throws {
        try flush()
        try ReportXMLWriter.writeTail(to: writer, fleet: fleet)
        try writer.close()
    }

    /// Writes the gathered host elements straight to the file, after what libxml2 holds.
    private mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let bytes = pending
        try writer.appendToFile { descriptor, path in try HTMLOutput.writeAll(bytes, to: descriptor, path: path) }
        pending.removeAll(keepingCapacity: true)
    }
}

/// Serializes one host's `<host>` element with a memo of the rule elements that repeat from
/// host to host, one memo per worker.
struct XMLHostRenderer: HostRenderer {
    private let memos = FragmentMemoPool()

    func render(_ host: HostAnalysis) throws -> [UInt8] {
        try memos.withMemo { memo in
            try ReportXMLWriter.fragment(for: host.report, ordinals: host.ruleOrdinals, memo: &memo)
        }
    }
}
