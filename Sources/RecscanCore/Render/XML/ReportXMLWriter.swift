/// The pieces of `report.xml`: each host serialized on its own into a fragment (`fragment(for:)`),
/// and what comes before and after the hosts. `XMLReportFormatter` puts them together.
public enum ReportXMLWriter {
    /// The report's namespace.
    public static let namespace = "urn:recscan:report:1"

    /// One host's `<host>` element, indented as it sits in the report.
    public static func fragment(for host: HostReport) throws -> [UInt8] {
        var memo = ReportFragmentMemo()
        return try fragment(for: host, memo: &memo)
    }

    /// One host's `<host>` element, as `fragment(for:)` writes it, with rule elements taken from
    /// and added to `memo`, which a worker keeps from host to host.
    public static func fragment(for host: HostReport, memo: inout ReportFragmentMemo) throws -> [UInt8] {
        try fragment(for: host, ordinals: [], memo: &memo)
    }

    /// `fragment(for:memo:)` for a host analyzed in this run.
    /// - Parameter ordinals: each rule's ordinal in the run's catalog index (`HostAnalysis.ruleOrdinals`),
    ///   by which `memo` finds a rule's start tag without hashing; empty when not known.
    static func fragment(for host: HostReport, ordinals: [Int], memo: inout ReportFragmentMemo) throws -> [UInt8] {
        try wrapped(capacity: 1024 + host.rules.count * 320) { writer, lines in
            try HostXML.write(host, to: writer, lines: &lines, memo: &memo, ordinals: ordinals)
        }
    }

    /// `fragment(for:memo:)` for the host a record holds, written from the record in place.
    /// - Parameters:
    ///   - changes: the host's changes, written instead of any the record holds.
    ///   - capacity: the bytes to reserve for the fragment.
    static func fragment(
        for cursor: inout HostRecordCursor, changes: HostChanges?, capacity: Int, memo: inout ReportFragmentMemo
    ) throws -> [UInt8] {
        try wrapped(capacity: capacity) { writer, lines in
            try HostXML.write(&cursor, changes: changes, to: writer, lines: &lines, memo: &memo)
        }
    }

    /// The lines that `write` writes inside a throw-away wrapper element, so that libxml2
    /// indents a host one level, as it sits in the report; the wrapper's own lines are dropped.
    /// They are gathered in the memory of the array returned, which has room for `capacity`
    /// bytes (and moves once if they need more).
    private static func wrapped(
        capacity: Int, _ write: (XMLStreamWriter, inout WrappedLines) throws -> Void
    ) throws -> [UInt8] {
        let writer = try XMLStreamWriter(fragmentNamed: "report.xml")
        try writer.startElement("wrapper")
        var moved: [UInt8]?
        let written = try [UInt8](unsafeUninitializedCapacity: max(capacity, 256)) { memory, initialized in
            var lines = WrappedLines(RenderBuffer(writingInto: memory))
            try write(writer, &lines)
            try writer.endElement()
            guard try writer.finishFragment({ lines.appendLast($0, closing: "</wrapper>") }) else {
                throw OutputError(path: "report.xml", message: "a host could not be serialized")
            }
            moved = lines.finish(initialized: &initialized)
        }
        return moved ?? written
    }

    /// Writes the report's root start tag, its summary and the fleet-wide changes: everything
    /// before the first host.
    static func writeHead(to writer: XMLStreamWriter, run: RunInfo, maxAgeDays: Int, fleet: FleetResults) throws {
        try writer.startElement("report")
        try writer.attribute("xmlns", namespace)
        try writer.attribute("run", run.runID)
        try writer.attribute("catalogVersion", run.catalogVersion)
        try writer.attribute("referenceTime", run.referenceTime)
        try writer.attribute("maxAgeDays", String(maxAgeDays))
        let summary = fleet.summary
        try writer.element(
            "summary",
            [
                ("hosts", String(summary.hosts)), ("toAssign", String(summary.toAssign)),
                ("auto", String(summary.auto)), ("manual", String(summary.manual)),
                ("assigned", String(summary.assigned)), ("toUnassign", String(summary.toUnassign)),
                ("excluded", String(summary.excluded)), ("findings", String(summary.findings)),
                ("rejectedInputs", String(summary.rejectedInputs)),
            ])
        if let changes = fleet.changes { try ChangesXML.write(changes, to: writer) }
    }

    /// Writes everything after the last host: rejected inputs, exclusions and triage plans, and
    /// the root's end tag.
    static func writeTail(to writer: XMLStreamWriter, fleet: FleetResults) throws {
        for input in fleet.rejected {
            try writer.element(
                "rejected",
                [
                    ("file", input.file), ("line", input.line.map(String.init)),
                    ("column", input.column.map(String.init)), ("reason", input.reason),
                ])
        }
        for exclusion in fleet.exclusions {
            try writer.element(
                "exclusion",
                [
                    ("level", exclusion.level.kind.rawValue), ("id", exclusion.ownerID), ("rule", exclusion.ruleID),
                    ("reason", exclusion.reason), ("by", exclusion.by), ("expires", exclusion.expires),
                    ("state", exclusion.state.rawValue), ("hosts", String(exclusion.hosts)),
                    ("needing", String(exclusion.needing)),
                    (
                        "issues",
                        exclusion.issues.isEmpty ? nil : exclusion.issues.map(\.rawValue).joined(separator: " ")
                    ),
                ])
        }
        for plan in fleet.triage { try HostXML.write(plan, to: writer) }
        try writer.endElement()
    }
}
