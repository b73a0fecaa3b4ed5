/// The HTML pages as a run's format: each host's page is written on the workers, the digests
/// that the fleet and rule pages need are kept in sorted order, and `finish` writes the rest.
struct HTMLReportFormatter: ReportFormatter {
    let renderer: any HostRenderer
    private var writer: HTMLReportWriter

    init(_ destination: ReportDestination) {
        writer = HTMLReportWriter(
            directory: destination.directory, run: destination.run, catalog: destination.catalog,
            hostsPerPage: HTMLReportWriter.defaultHostsPerPage, jobs: destination.jobs)
        renderer = HostPageRenderer(writer: writer)
    }

    mutating func begin(_ fleet: FleetResults) throws { writer.reserveCapacity(hosts: fleet.summary.hosts) }

    mutating func add(_ host: StoredHost, rendered: [UInt8]) throws {
        let host = try host.analysis()
        try writer.record(host.report, ordinals: host.ruleOrdinals, triage: host.triage)
    }

    mutating func finish(_ fleet: FleetResults) throws { try writer.finish(fleet) }
}

/// Writes one host's page, with a memo of what pages repeat per worker.
private struct HostPageRenderer: HostRenderer {
    let writer: HTMLReportWriter
    private let memos = WorkerMemoPool { HostPageMemo() }

    func releaseMemos() { memos.removeAll() }

    init(writer: HTMLReportWriter) { self.writer = writer }

    func render(_ host: StoredHost) throws -> [UInt8] {
        let host = try host.analysis()
        try memos.withMemo { memo in
            try writer.writePage(for: host.report, triage: host.triage, ordinals: host.ruleOrdinals, memo: &memo)
        }
        return []
    }
}
