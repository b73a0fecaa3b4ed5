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

    func write(_ store: HostStore, rejected: [RejectedInput]) async throws -> FleetResults {
        let entries = store.ledger.sorted
        let reader = try store.spill.concurrentReader()
        defer { reader.close() }
        let codec = store.codec
        let read: @Sendable (HostEntry) throws -> HostAnalysis = { entry in
            var host = try Self.decode(reader.read(entry.record), codec: codec)
            host.triage = entry.triage
            return host
        }
        var tracker = RunChangeTracker(outDirectory: options.outDirectory)
        var compared: [Int: HostChanges] = [:]
        if tracker.comparesHosts {
            for (index, entry) in entries.enumerated() { compared[index] = tracker.compare(try read(entry).report) }
        }
        let changes = compared
        let results = FleetResults(
            summary: summary(entries, rejected: rejected), rejected: rejected, exclusions: audit(entries),
            triage: entries.flatMap(\.triage), changes: tracker.finish())
        var formatters = try ReportFormat.formatters(options.formats, to: destination)
        for index in formatters.indices { try formatters[index].begin(results) }
        let renderers = formatters.map(\.renderer)
        try await orderedParallelMap(
            entries.indices, jobs: options.jobs,
            transform: { index in
                Result {
                    var host = try read(entries[index])
                    host.report.changes = changes[index]
                    return (host, try renderers.map { try $0.render(host) })
                }
            },
            consume: { (result: Result<(HostAnalysis, [[UInt8]]), any Error>) in
                let (host, rendered) = try result.get()
                for index in formatters.indices { try formatters[index].add(host, rendered: rendered[index]) }
            })
        for index in formatters.indices { try formatters[index].finish(results) }
        return results
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
