/// A host record read in report order and in place, for a writer that goes from the record's
/// bytes straight to a report (report.xml's `HostXML`): the host's own fields are decoded (a few
/// strings), its rules come one at a time as `RecordedRule`s, whose evidence, levels and
/// exclusion stay ranges of the record's bytes. A writer that keeps what it made of such bytes
/// finds it again by them, and makes no `RuleResult` or string for most rules.
///
/// Read in this order: `host()`, `settings()`, `nextRule()` until it gives `nil`, then
/// `end()`. Made by `HostRecordCodec.withCursor`, and valid only inside it.
struct HostRecordCursor {
    private var reader: RecordReader
    private let codec: HostRecordCodec
    private var rulesLeft = 0
    /// Evidence lists kept for reference so far (`RecordedEvidence.shared`).
    private var sharedLists = 0

    init(_ reader: RecordReader, codec: HostRecordCodec) {
        self.reader = reader
        self.codec = codec
    }

    /// The host's fields before its settings, its rules left empty.
    mutating func host() throws -> HostReport { try codec.readHost(from: &reader) }

    /// The host's settings and where the record holds them; its rules come next.
    mutating func settings() throws -> (settings: EffectiveSettings?, bytes: Range<Int>) {
        let start = reader.position
        let settings = try codec.readOptionalSettings(from: &reader)
        let bytes = start..<reader.position
        rulesLeft = try reader.count(minimumBytes: 5)
        return (settings, bytes)
    }

    /// Whether rules are left to read.
    var hasRules: Bool { rulesLeft > 0 }

    /// The next rule's result, in place; `nil` after the last.
    mutating func nextRule() throws -> RecordedRule? {
        guard rulesLeft > 0 else { return nil }
        rulesLeft -= 1
        return try codec.readRecordedRule(from: &reader, sharedLists: &sharedLists)
    }

    /// The host's findings, manager comparison and changes, after its last rule.
    mutating func end() throws -> HostReportEnd { try codec.readHostEnd(from: &reader) }

    // MARK: What a rule points at

    /// The record's bytes at `range`, a range this cursor gave.
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { reader.bytes(range) }

    /// What `rule` is and what happens to it, without its evidence, levels and exclusion.
    func result(of rule: RecordedRule) throws -> RuleResult { try codec.result(of: rule, in: reader) }

    /// Where each piece of a list of evidence (`RecordedEvidence.pieces`) is.
    func pieces(_ count: Int, at bytes: Range<Int>) -> RecordItems {
        RecordItems(reader.reader(for: bytes), count: count, of: .evidence)
    }

    /// The piece of evidence at `piece`, a range `pieces` gave.
    func evidence(at piece: Range<Int>) throws -> Evidence {
        var pieceReader = reader.reader(for: piece)
        return try codec.readEvidencePiece(from: &pieceReader)
    }

    /// Where each level that `rule` is assigned at is.
    func levels(of rule: RecordedRule) -> RecordItems {
        RecordItems(reader.reader(for: rule.levels), count: rule.levelCount, of: .level)
    }

    /// The level at `level`, a range `levels(of:)` gave.
    func level(at level: Range<Int>) throws -> Level {
        var levelReader = reader.reader(for: level)
        return try codec.readLevel(from: &levelReader)
    }

    /// The exclusion at `exclusion`, a rule's `RecordedRule.exclusion`.
    func exclusion(at exclusion: Range<Int>) throws -> ExclusionReference {
        var exclusionReader = reader.reader(for: exclusion)
        return try codec.readExclusion(from: &exclusionReader)
    }
}

/// What follows a host's rules, in report order (report.xml's `<host>` ends with these).
struct HostReportEnd: Sendable {
    var findings: [Finding]
    /// The manager's recommendation scan set against the report's, when the fleet had one.
    var manager: ManagerComparison?
    var changes: HostChanges?

    init(findings: [Finding], manager: ManagerComparison?, changes: HostChanges?) {
        self.findings = findings
        self.manager = manager
        self.changes = changes
    }

    /// The end of `host`.
    init(_ host: HostReport) { self.init(findings: host.findings, manager: host.manager, changes: host.changes) }
}

/// Where each of a few items that sit one after the other in a record is (pieces of evidence,
/// levels).
struct RecordItems {
    private var reader: RecordReader
    private var left: Int
    private let item: Item

    /// What the items are.
    enum Item {
        case evidence, level
    }

    init(_ reader: RecordReader, count: Int, of item: Item) {
        self.reader = reader
        left = count
        self.item = item
    }

    /// The next item's range; `nil` after the last.
    mutating func next() throws -> Range<Int>? {
        guard left > 0 else { return nil }
        left -= 1
        let start = reader.position
        switch item {
        case .evidence: try HostRecordCodec.skipEvidencePiece(from: &reader)
        case .level: try HostRecordCodec.skipLevel(from: &reader)
        }
        return start..<reader.position
    }
}
