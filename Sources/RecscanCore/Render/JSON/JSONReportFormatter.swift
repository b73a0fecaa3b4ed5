/// Writes `report.json`, the JSON twin of `report.xml` (schema: `recscan schema report-json`):
/// the head once the fleet-wide sections are known, each host's object (rendered on the workers)
/// in sorted order, then the tail.
///
/// The file is compact JSON laid out in lines: the run's own facts on the first line, then
/// `summary`, `changes` when there is a previous run, and one line per host, per rejected
/// input, per exclusion and per triage plan, so that `grep` and line-based diffs work on it.
struct JSONReportFormatter: ReportFormatter {
    /// The value of the report's `format` key, also the `$id` of its schema.
    static let format = "urn:recscan:report-json:1"

    let renderer: any HostRenderer = JSONHostRenderer()
    private let file: ReportFile
    private let destination: ReportDestination
    private var hosts = 0

    init(_ destination: ReportDestination) throws {
        self.destination = destination
        file = try ReportFile(path: HTMLOutput.path(destination.directory, "report.json"))
    }

    mutating func begin(_ fleet: FleetResults) throws {
        try file.append(ReportJSON.head(run: destination.run, maxAgeDays: destination.maxAgeDays, fleet: fleet))
    }

    mutating func add(_ host: StoredHost, rendered: [UInt8]) throws {
        try file.append(hosts == 0 ? ReportJSON.firstHost : ReportJSON.nextHost)
        try file.append(rendered)
        hosts += 1
    }

    mutating func finish(_ fleet: FleetResults) throws {
        try file.append(ReportJSON.tail(fleet, afterHosts: hosts > 0))
        try file.close()
    }
}

/// Renders one host's object, with a memo per worker of what repeats from host to host.
private struct JSONHostRenderer: HostRenderer {
    let memos = WorkerMemoPool { RenderMemo() }

    func releaseMemos() { memos.removeAll() }

    func render(_ host: StoredHost) throws -> [UInt8] {
        let host = try host.analysis()
        return memos.withMemo { HostJSON.render(host.report, ordinals: host.ruleOrdinals, memo: &$0) }
    }
}

/// What comes before and after the hosts in `report.json`.
enum ReportJSON {
    /// Before the first host.
    static let firstHost: [UInt8] = Array("\n".utf8)
    /// Between two hosts.
    static let nextHost: [UInt8] = Array(",\n".utf8)

    /// The run's facts, the summary and the fleet-wide changes, up to the opening of `hosts`.
    static func head(run: RunInfo, maxAgeDays: Int, fleet: FleetResults) -> [UInt8] {
        var json = JSONBytes(capacity: 4096)
        json.open("format")
        json.string(JSONReportFormatter.format)
        json.field("run", run.runID)
        json.field("catalogVersion", run.catalogVersion)
        json.field("referenceTime", run.referenceTime)
        json.field("maxAgeDays", maxAgeDays)
        let summary = fleet.summary
        json.lineKey("summary")
        json.open("hosts")
        json.number(summary.hosts)
        json.field("toAssign", summary.toAssign)
        json.field("auto", summary.auto)
        json.field("manual", summary.manual)
        json.field("assigned", summary.assigned)
        json.field("toUnassign", summary.toUnassign)
        json.field("excluded", summary.excluded)
        json.field("findings", summary.findings)
        json.field("rejectedInputs", summary.rejectedInputs)
        json.close()
        if let changes = fleet.changes { ChangesJSON.write(changes, to: &json) }
        json.lineKey("hosts")
        json.raw("[")
        return json.bytes
    }

    /// The end of `hosts`, then rejected inputs, exclusions and triage plans, and the end of
    /// the report with a final line end.
    static func tail(_ fleet: FleetResults, afterHosts: Bool) -> [UInt8] {
        var json = JSONBytes(capacity: 4096)
        json.raw(afterHosts ? "\n]" : "]")
        lines("rejected", fleet.rejected, to: &json) { json, input in
            json.open("file")
            json.string(input.file)
            if let line = input.line { json.field("line", line) }
            if let column = input.column { json.field("column", column) }
            json.field("reason", input.reason)
            json.close()
        }
        lines("exclusions", fleet.exclusions, to: &json) { json, exclusion in
            json.open("level")
            json.plainString(exclusion.level.kind.rawValue)
            json.field("id", exclusion.ownerID)
            json.field("rule", exclusion.ruleID)
            json.optional("reason", exclusion.reason)
            json.optional("by", exclusion.by)
            json.optional("expires", exclusion.expires)
            json.field("state", word: exclusion.state.rawValue)
            json.field("hosts", exclusion.hosts)
            json.field("needing", exclusion.needing)
            json.strings("issues", exclusion.issues.map(\.rawValue))
            json.close()
        }
        lines("triage", fleet.triage, to: &json) { json, plan in HostJSON.write(plan, to: &json) }
        json.raw("}\n")
        return json.bytes
    }

    /// `,\n"name":[` then each item on a line of its own, then `]`.
    private static func lines<Element>(
        _ name: StaticString, _ items: [Element], to json: inout JSONBytes,
        _ element: (inout JSONBytes, Element) -> Void
    ) {
        json.lineKey(name)
        json.raw("[")
        for (position, item) in items.enumerated() {
            json.raw(position == 0 ? "\n" : ",\n")
            element(&json, item)
        }
        if !items.isEmpty { json.raw("\n") }
        json.raw("]")
    }
}
