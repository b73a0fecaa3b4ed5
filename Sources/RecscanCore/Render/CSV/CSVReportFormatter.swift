/// Writes one CSV table of the run (`recommendations.csv` or `findings.csv`): the header row in
/// `begin`, each host's rows (rendered on the workers) in sorted host order, nothing after. A
/// host without rules (or findings) has no row in that table.
struct CSVReportFormatter: ReportFormatter {
    let renderer: any HostRenderer
    private let file: ReportFile
    private let table: CSVTable

    init(_ table: CSVTable, _ destination: ReportDestination) throws {
        self.table = table
        renderer = CSVHostRenderer(table: table)
        file = try ReportFile(path: HTMLOutput.path(destination.directory, table.fileName))
    }

    mutating func begin(_ fleet: FleetResults) throws {
        var header = CSVLine()
        for column in table.columns { header.field(column) }
        header.endRow()
        try file.append(header.bytes)
    }

    mutating func add(_ host: StoredHost, rendered: [UInt8]) throws { try file.append(rendered) }

    mutating func finish(_ fleet: FleetResults) throws { try file.close() }
}

/// The CSV tables of a run, one row per host and rule or per host and finding, in host order
/// and then in the order the report lists them (rules by id, findings by severity).
enum CSVTable: Sendable, CaseIterable {
    case recommendations, findings

    /// The file in the run folder.
    var fileName: String {
        switch self {
        case .recommendations: "recommendations.csv"
        case .findings: "findings.csv"
        }
    }

    /// The header row.
    var columns: [String] {
        switch self {
        case .recommendations:
            [
                "hostname", "policy", "status", "rule", "module", "name", "severity", "outcome", "apply", "reason",
                "blocks", "assigned_at", "excluded_by", "evidence",
            ]
        case .findings: ["hostname", "policy", "status", "kind", "severity", "rule", "level", "level_id", "message"]
        }
    }

    /// The host's rows.
    func rows(_ host: HostReport) -> [UInt8] {
        var memo = RenderMemo()
        return rows(host, ordinals: [], memo: &memo)
    }

    /// `rows(_:)` with rule identities and states taken from and added to `memo`.
    /// - Parameter ordinals: each rule's ordinal in the run's catalog index, or empty.
    func rows(_ host: HostReport, ordinals: [Int], memo: inout RenderMemo) -> [UInt8] {
        let count = self == .recommendations ? host.rules.count : host.findings.count
        guard count > 0 else { return [] }
        var lead = CSVLine()
        lead.field(host.hostname)
        lead.field(host.policyID ?? "")
        lead.word(host.status.rawValue)
        let leading = lead.bytes
        var rows = CSVLine(capacity: count * (leading.count + (self == .recommendations ? 200 : 160)))
        switch self {
        case .recommendations:
            var scratch = RenderBuffer()
            var shared = SharedFacts()
            let ordinals = host.ruleOrdinals(ordinals)
            // Each result read in place: a copy per rule would retain its strings and lists.
            RuleResultInPlace.forEach(in: host.rules) { position, rule in
                rows.fields(leading, count: 3)
                if let ordinals {
                    rows.fields(memo.rule(ordinals[position]) { Self.identity(of: rule) }, count: 4)
                } else {
                    Self.appendIdentity(of: rule, to: &rows)
                }
                Self.append(rule, to: &rows, memo: &memo, shared: &shared, scratch: &scratch)
                rows.endRow()
            }
        case .findings:
            for finding in host.findings {
                rows.fields(leading, count: 3)
                rows.word(finding.kind.rawValue)
                rows.word(finding.severity.rawValue)
                rows.field(finding.ruleID ?? "")
                rows.word(finding.level?.kind.rawValue)
                rows.field(finding.level?.id ?? "")
                rows.field(finding.message)
                rows.endRow()
            }
        }
        return rows.bytes
    }

    /// The columns rule, module, name and severity: the same on every host.
    private static func identity(of rule: RuleResultInPlace) -> [UInt8] {
        var line = CSVLine(capacity: 64 + rule.name.utf8.count)
        appendIdentity(of: rule, to: &line)
        return line.bytes
    }

    private static func appendIdentity(of rule: RuleResultInPlace, to rows: inout CSVLine) {
        rows.field(rule.ruleID)
        rows.word(rule.module.rawValue)
        rows.field(rule.name)
        rows.word(rule.severity.rawValue)
    }

    /// Appends the columns from outcome on; `scratch` holds the texts built for a field.
    private static func append(
        _ rule: RuleResultInPlace, to rows: inout CSVLine, memo: inout RenderMemo, shared: inout SharedFacts,
        scratch: inout RenderBuffer
    ) {
        rows.fields(
            memo.state(of: rule) {
                var state = CSVLine(capacity: 64)
                state.word(rule.outcome.rawValue)
                state.word(rule.apply?.rawValue)
                state.word(rule.reason?.rawValue)
                state.plain(rule.blocks ? "true" : "false")
                return state.bytes
            }, count: 4)
        scratch.removeAll()
        for (position, level) in rule.assignedAt.enumerated() {
            if position > 0 { scratch.append(UInt8(ascii: ";")) }
            append(level, to: &scratch)
        }
        scratch.withBytes { rows.field($0) }
        scratch.removeAll()
        if let exclusion = rule.excludedBy { append(exclusion.level, to: &scratch) }
        scratch.withBytes { rows.field($0) }
        scratch.removeAll()
        for (position, fact) in rule.evidence.enumerated() {
            if position > 0 { scratch.append("; ") }
            if SharedFacts.isShared(fact) {
                scratch.append(shared.bytes(of: fact) { EvidenceSummary.bytes(of: fact) })
            } else {
                EvidenceSummary.append(fact, to: &scratch)
            }
        }
        scratch.withBytes { rows.field($0) }
    }

    /// `policy:base`, `computer`, `catalog`.
    private static func append(_ level: Level, to text: inout RenderBuffer) {
        text.append(utf8: level.kind.rawValue)
        guard let id = level.id else { return }
        text.append(UInt8(ascii: ":"))
        text.append(utf8: id)
    }
}

/// Renders one host's rows of one table, with a memo per worker of what repeats from host to host.
private struct CSVHostRenderer: HostRenderer {
    let table: CSVTable
    let memos = WorkerMemoPool { RenderMemo() }

    func releaseMemos() { memos.removeAll() }

    func render(_ host: StoredHost) throws -> [UInt8] {
        let host = try host.analysis()
        return memos.withMemo { table.rows(host.report, ordinals: host.ruleOrdinals, memo: &$0) }
    }
}
