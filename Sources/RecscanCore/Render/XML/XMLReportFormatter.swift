/// Writes `report.xml`: the head once the fleet-wide sections are known, each host's element
/// (serialized on the workers) in sorted order, then the tail. Memory holds a few hosts'
/// elements at a time, whatever the fleet size.
struct XMLReportFormatter: ReportFormatter {
    let renderer: any HostRenderer
    private let writer: XMLStreamWriter
    private let destination: ReportDestination

    init(_ destination: ReportDestination) throws {
        self.destination = destination
        renderer = XMLHostRenderer()
        writer = try XMLStreamWriter(path: HTMLOutput.path(destination.directory, "report.xml"))
    }

    /// Hosts are written from their records.
    var readsAnalysis: Bool { false }

    mutating func begin(_ fleet: FleetResults) throws {
        try ReportXMLWriter.writeHead(
            to: writer, run: destination.run, maxAgeDays: destination.maxAgeDays, fleet: fleet)
    }

    /// Writes the host's element straight to the file, after what libxml2 holds: one system
    /// call for a host's tens of kilobytes, and no copy through libxml2's buffer.
    mutating func add(_ host: StoredHost, rendered: [UInt8]) throws {
        guard !rendered.isEmpty else { return }
        try writer.appendToFile { descriptor, path in try HTMLOutput.writeAll(rendered, to: descriptor, path: path) }
    }

    mutating func finish(_ fleet: FleetResults) throws {
        try ReportXMLWriter.writeTail(to: writer, fleet: fleet)
        try writer.close()
    }
}

/// Serializes one host's `<host>` element straight from its record, with a memo of the rule
/// elements that repeat from host to host, one memo per worker.
struct XMLHostRenderer: HostRenderer {
    private let memos = WorkerMemoPool { ReportFragmentMemo() }

    func releaseMemos() { memos.removeAll() }

    func render(_ host: StoredHost) throws -> [UInt8] {
        try memos.withMemo { memo in
            let capacity = memo.elementCapacity(recordSize: host.recordSize)
            let element = try host.withCursor { cursor in
                try ReportXMLWriter.fragment(for: &cursor, changes: host.changes, capacity: capacity, memo: &memo)
            }
            memo.noteElement(element.count, recordSize: host.recordSize)
            return element
        }
    }
}
