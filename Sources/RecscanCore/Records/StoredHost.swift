/// One host as the last pass of a run hands it to the formats (`ReportFormatter`): its record,
/// what changed on it since the previous run, and the analysis decoded from the record when
/// some format reads it. A format that writes from the record itself (report.xml) needs no
/// decoding at all, and a run of such formats alone decodes no record.
struct StoredHost: Sendable {
    /// The framed record.
    private let record: [UInt8]
    private let codec: HostRecordCodec
    /// What changed on the host since the previous run, as its reports state it.
    let changes: HostChanges?
    private let decoded: HostAnalysis?
    private let triage: [TriagePlan]

    /// Where a host's changes come from.
    enum Changes: Sendable {
        /// This run's comparison with the previous run, whatever the record holds.
        case compared(HostChanges?)
        /// The record: a stored run's host keeps the changes it was stored with.
        case stored
    }

    /// A host read back from `record`.
    /// - Parameters:
    ///   - triage: the host's triage plans (the run's ledger holds them).
    ///   - decoding: whether to decode the analysis now, for the formats that read it.
    /// - Throws: `RecordError` when the record is damaged.
    init(record: [UInt8], codec: HostRecordCodec, triage: [TriagePlan], changes: Changes, decoding: Bool) throws {
        self.record = record
        self.codec = codec
        self.triage = triage
        var analysis = decoding ? try codec.decode(record) : nil
        switch changes {
        case .compared(let compared):
            self.changes = compared
        case .stored:
            self.changes = try analysis.map { $0.report.changes } ?? Self.storedChanges(record, codec: codec)
        }
        analysis?.report.changes = self.changes
        analysis?.triage = triage
        decoded = analysis
    }

    /// The host `analysis` stands for, stored as a run stores it (for tests and tools).
    init(_ analysis: HostAnalysis, codec: HostRecordCodec) throws {
        try self.init(
            record: codec.encode(analysis), codec: codec, triage: analysis.triage, changes: .stored, decoding: true)
    }

    /// The host's analysis, with its changes and triage plans: the one decoded when the host
    /// was read back, or decoded now when none was.
    func analysis() throws -> HostAnalysis {
        if let decoded { return decoded }
        var analysis = try codec.decode(record)
        analysis.report.changes = changes
        analysis.triage = triage
        return analysis
    }

    /// Runs `body` with a cursor over the record, read in place.
    func withCursor<Result>(_ body: (inout HostRecordCursor) throws -> Result) throws -> Result {
        try codec.withCursor(record, body)
    }

    /// The record's size in bytes.
    var recordSize: Int { record.count }

    private static func storedChanges(_ record: [UInt8], codec: HostRecordCodec) throws -> HostChanges? {
        try codec.withCursor(record) { cursor in
            _ = try cursor.host()
            _ = try cursor.settings()
            while try cursor.nextRule() != nil {}
            return try cursor.end().changes
        }
    }
}
