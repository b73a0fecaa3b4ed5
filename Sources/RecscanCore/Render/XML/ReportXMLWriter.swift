import Foundation

/// Writes `report.xml` as hosts finish: each host becomes a fragment appended to a body file,
/// and `finish` assembles header, summary, body and fleet-wide sections. Memory stays bounded
/// by one host, whatever the fleet size.
public struct ReportXMLWriter {
    /// The report's XML namespace, `urn:recscan:report:1`.
    public static let namespace = "urn:recscan:report:1"
    private let path: String
    private let bodyPath: String
    private let run: RunInfo
    private let maxAgeDays: Int
    private var body: FileHandle

    /// Starts a report at `path` (inside the run's temporary folder).
    public init(path: String, run: RunInfo, maxAgeDays: Int) throws {
        self.path = path
        self.run = run
        self.maxAgeDays = maxAgeDays
        bodyPath = path + ".body"
        guard FileManager.default.createFile(atPath: bodyPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: bodyPath)
        else { throw OutputError(path: bodyPath, message: "cannot create the file") }
        body = handle
    }

    /// Appends one host.
    public mutating func write(host: HostReport) throws {
        // The host is written inside a throw-away wrapper so that libxml2 indents it one level,
        // as it sits in the report; the wrapper's own lines are then dropped.
        let fragment = try XMLStreamWriter(fragmentNamed: path)
        try fragment.startElement("wrapper")
        try HostXML.write(host, to: fragment)
        try fragment.endElement()
        let bytes = try fragment.finishFragment()
        let start = (bytes.firstIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        let closing = Array("</wrapper>".utf8)
        var end = bytes.count
        while end >= start + closing.count, !bytes[(end - closing.count)..<end].elementsEqual(closing) { end -= 1 }
        end -= closing.count
        guard end >= start else {
            throw OutputError(path: path, message: "host \(host.hostname) could not be serialized")
        }
        do {
            try body.write(contentsOf: bytes[start..<end])
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(path: bodyPath, message: "could not be written: \(error.localizedDescription)")
        }
    }

    /// Writes the complete report and removes the body file.
    public func finish(_ fleet: FleetResults) throws {
        try? body.close()
        let writer = try XMLStreamWriter(path: path)
        try writer.startElement("report")
        try writer.attribute("xmlns", Self.namespace)
        try writer.attribute("run", run.runID)
        try writer.attribute("catalogVersion", run.catalogVersion)
        try writer.attribute("referenceTime", run.referenceTime)
        try writer.attribute("maxAgeDays", String(maxAgeDays))
        let summary = fleet.summary
        try writer.element(
            "summary",
            [
                ("hosts", String(summary.hosts)), ("toAssign", String(summary.toAssign)),
                ("auto", String(summary.auto)),
                ("manual", String(summary.manual)), ("assigned", String(summary.assigned)),
                ("toUnassign", String(summary.toUnassign)), ("excluded", String(summary.excluded)),
                ("findings", String(summary.findings)), ("rejectedInputs", String(summary.rejectedInputs)),
            ])
        if let changes = fleet.changes { try ChangesXML.write(changes, to: writer) }
        try copyBody(into: writer)
        for input in fleet.rejected {
            try writer.element(
                "rejected",
                [
                    ("file", input.file), ("line", input.line.map(String.init)),
                    ("column", input.column.map(String.init)),
                    ("reason", input.reason),
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
        try writer.close()
        try? FileManager.default.removeItem(atPath: bodyPath)
    }

    private func copyBody(into writer: XMLStreamWriter) throws {
        guard let input = FileHandle(forReadingAtPath: bodyPath) else {
            throw OutputError(path: bodyPath, message: "cannot be read back")
        }
        defer { try? input.close() }
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            try writer.raw([UInt8](chunk))
        }
    }
}
