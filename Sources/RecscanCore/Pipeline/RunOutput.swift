/// The last stage of a run: the stored hosts, read back sorted by name, become every output.
///
/// 1. When there is a previous run in the output folder, a first, sequential pass compares each
///    host with it (`RunChangeTracker`), so that the fleet-wide changes are known before the
///    first host is written.
/// 2. The summary and the fleet-wide exclusion audit come from the ledger's small entries.
/// 3. Every formatter is told the fleet-wide sections (`begin`), then each host: read back
///    (`StoredHost`, its record decoded once if some format reads the analysis) and rendered on
///    all workers (pages, serialized elements), handed over in sorted order (`add`); then `finish`.
struct RunOutput {
    let destination: ReportDestination
    let fleet: Fleet
    let options: ScanOptions

    /// Writes every output of a scan or merge: changes are those since the previous run in the
    /// output folder, the exclusion audit is the fleet's over the stored hosts.
    /// The store's ledger is emptied (its entries are taken in output order).
    func write(_ store: inout HostStore, rejected: [RejectedInput]) async throws -> FleetResults {
        let entries = store.takeSortedEntries()
        let reader = try store.spill.concurrentReader()
        defer { reader.close() }
        var tracker = RunChangeTracker(outDirectory: options.outDirectory)
        let changes = try tracker.compare(hostnames: entries.map(\.hostname)) { index in
            try Self.stored {
                try store.codec.decode(reader.read(entries[index].record)).report
            }
        }
        let results = FleetResults(
            summary: summary(entries, rejected: rejected), rejected: rejected, exclusions: audit(entries),
            triage: entries.flatMap(\.triage), changes: tracker.finish())
        try await write(consume entries, fleet: results, reader: reader, codec: store.codec) {
            .compared(changes[$0])
        }
        return results
    }

    /// Writes every output of a stored run read back: its hosts keep the changes they were
    /// stored with, and the fleet-wide sections are the stored ones (the summary is counted again).
    /// The store's ledger is emptied (its entries are taken in output order).
    func write(_ store: inout HostStore, stored: StoredReport) async throws -> FleetResults {
        let entries = store.takeSortedEntries()
        let reader = try store.spill.concurrentReader()
        defer { reader.close() }
        let results = FleetResults(
            summary: summary(entries, rejected: stored.rejected), rejected: stored.rejected,
            exclusions: stored.exclusions, triage: entries.flatMap(\.triage), changes: stored.changes)
        try await write(consume entries, fleet: results, reader: reader, codec: store.codec) { _ in .stored }
        return results
    }

    /// Hands the fleet-wide sections and then every host, in order, to each formatter. A host's
    /// record is decoded only when some formatter reads the analysis.
    /// - Parameters:
    ///   - entries: the hosts' entries, let go of once every host is handed over: the formats'
    ///     last pages are the run's peak of memory, and the entries grow with the fleet.
    ///   - changes: where the host at a position gets its changes from.
    private func write(
        _ entries: consuming [HostEntry], fleet results: FleetResults, reader: SpillReader, codec: HostRecordCodec,
        changes: @escaping @Sendable (Int) -> StoredHost.Changes
    ) async throws {
        var formatters = try ReportFormat.formatters(options.formats, to: destination)
        for index in formatters.indices { try formatters[index].begin(results) }
        let renderers = formatters.map(\.renderer)
        let decoding = formatters.contains { $0.readsAnalysis }
        try await handOver(consume entries, to: &formatters) { entry, index in
            try Self.stored {
                let host = try StoredHost(
                    record: reader.read(entry.record), codec: codec, triage: entry.triage,
                    changes: changes(index), decoding: decoding)
                return (host, try renderers.map { try $0.render(host) })
            }
        }
        for renderer in renderers { renderer.releaseMemos() }
        for index in formatters.indices { try formatters[index].finish(results) }
    }

    /// Renders every host on all workers and hands each, in order, to the formatters; `entries`
    /// is this call's own, so that it is let go of when the last host is handed over.
    private func handOver(
        _ entries: [HostEntry], to formatters: inout [any ReportFormatter],
        render: @escaping @Sendable (HostEntry, Int) throws -> (StoredHost, [[UInt8]])
    ) async throws {
        try await orderedParallelMap(
            entries.indices, jobs: options.jobs,
            transform: { index in Result { try render(entries[index], index) } },
            consume: { (result: Result<(StoredHost, [[UInt8]]), any Error>) in
                let (host, rendered) = try result.get()
                for index in formatters.indices { try formatters[index].add(host, rendered: rendered[index]) }
            })
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

    /// What `body` returns from stored records; a record that does not read back is the run's
    /// own fault, not the input's.
    private static func stored<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as RecordError {
            throw OutputError(path: ".hosts.spill", message: error.description)
        }
    }
}
