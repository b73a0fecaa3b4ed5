/// The last stage of a run: the stored hosts, read back sorted by name, become every output.
///
/// 1. When there is a previous run in the output folder, a first, sequential pass compares each
///    host with it (`RunChangeTracker`), so that the fleet-wide changes are known before the
///    first host is written.
/// 2. The summary and the fleet-wide exclusion audit come from the ledger's small entries.
/// 3. Every formatter is told the fleet-wide sections (`begin`), then each host: read from its
///    record and rendered on all workers (pages, serialized elements), handed over in sorted
///    order (`add`); then `finish`.
struct RunOutput {
    let destination: ReportDestination
    let fleet: Fleet
    let options: ScanOptions

    /// Writes every output of a scan or merge: changes are those since the previous run in the
    /// output folder, the exclusion audit is the fleet's over the stored hosts.
    func write(_ store: HostStore, rejected: [RejectedInput]) async throws -> FleetResults {
        let entries = store.ledger.sorted
        let reader = try store.spill.concurrentReader()
        defer { reader.close() }
        let read = Self.reading(reader, codec: store.codec)
        var tracker = RunChangeTracker(outDirectory: options.outDirectory)
        let changes = try tracker.compare(hostnames: entries.map(\.hostname)) { try read(entries[$0]).report }
        let results = FleetResults(
            summary: summary(entries, rejected: rejected), rejected: rejected, exclusions: audit(entries),
            triage: entries.flatMap(\.triage), changes: tracker.finish())
        try await write(entries, fleet: results, read: read) { index, host in host.report.changes = changes[index] }
        return results
    }

    /// Writes every output of a stored run read back: its hosts keep the changes they were
    /// stored with, and the fleet-wide sections are the stored ones (the summary is counted again).
    func write(_ store: HostStore, stored: StoredReport) async throws -> FleetResults {
        let entries = store.ledger.sorted
        let reader = try store.spill.concurrentReader()
        defer { reader.close() }
        let results = FleetResults(
            summary: summary(entries, rejected: stored.rejected), rejected: stored.rejected,
            exclusions: stored.exclusions, triage: entries.flatMap(\.triage), changes: stored.changes)
        try await write(entries, fleet: results, read: Self.reading(reader, codec: store.codec)) { _, _ in }
        return results
    }

    /// Hands the fleet-wide sections and then every host, in order, to each formatter.
    /// - Parameter prepare: completes a host read back (its changes), on any worker.
    private func write(
        _ entries: [HostEntry], fleet results: FleetResults,
        read: @escaping @Sendable (HostEntry) throws -> HostAnalysis,
        prepare: @escaping @Sendable (Int, inout HostAnalysis) -> Void
    ) async throws {
        var formatters = try ReportFormat.formatters(options.formats, to: destination)
        for index in formatters.indices { try formatters[index].begin(results) }
        let renderers = formatters.map(\.renderer)
        try await orderedParallelMap(
            entries.indices, jobs: options.jobs,
            transform: { index in
                Result {
                    var host = try read(entries[index])
                    prepare(index, &host)
                    return (host, try renderers.map { try $0.render(host) })
                }
            },
            consume: { (result: Result<(HostAnalysis, [[UInt8]]), any Error>) in
                let (host, rendered) = try result.get()
                for index in formatters.indices { try formatters[index].add(host, rendered: rendered[index]) }
            })
        for index in formatters.indices { try formatters[index].finish(results) }
    }

    /// Reads a host's record back, with the triage plans its ledger entry holds.
    private static func reading(_ reader: SpillReader, codec: HostRecordCodec)
        -> @Sendable (HostEntry) throws
        -> HostAnalysis
    {
        { entry in
            var host = try decode(reader.read(entry.record), codec: codec)
            host.triage = entry.triage
            return host
        }
    }

    private func summary(_ entries: [HostEntry], rejected: [RejectedInput]) -> ScanSummary {
        var summary = ScanSummary()
        for entry in entries { summary.add(entry.counts) }
        summary.rejectedInputs = rejected.count
        return summary
    }

    private func audit(_ entries: [HostEntry]) -> [FleetExclusion] {
        var audit = FleetExclusionAudit(fleet: fleet, referenceDay: floorDiv(options.referenceTime, 86_400))
        for entry in entries {
            audit.observe(hostname: entry.hostname, status: entry.status, excludable: entry.excludable, fleet: fleet)
        }
        return audit.results
    }

    /// A stored record; a record that does not read back is the run's own fault, not the input's.
    private static func decode(_ bytes: [UInt8], codec: HostRecordCodec) throws -> HostAnalysis {
        do {
            return try codec.decode(bytes)
        } catch let error as RecordError {
            throw OutputError(path: ".hosts.spill", message: error.description)
        }
    }
}
