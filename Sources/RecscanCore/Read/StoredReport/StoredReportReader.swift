/// What a stored `report.xml` says besides its hosts: the run's header and the fleet-wide
/// sections.
struct StoredReport {
    var runID = ""
    var catalogVersion = ""
    var referenceTime = ""
    var maxAgeDays = 7
    var rejected: [RejectedInput] = []
    var exclusions: [FleetExclusion] = []
    var triage: [TriagePlan] = []
    /// The fleet-wide changes since the run before it; `nil` when it had none.
    var changes: RunChanges?
}

/// The one reader of recscan's own `report.xml`, for the places that read a stored run: changes
/// since the previous run, merging shard runs, and rendering a stored run again
/// (`recscan report`). It hands out one host at a time, on demand, through the guarded input
/// path every XML input takes, so that several reports can be read side by side (a merge of
/// shards holds one host per shard).
final class StoredReportReader {
    /// The report's root and the sections read so far; complete once `next()` returned `nil`.
    private(set) var report = StoredReport()
    private let state: ReadState
    private var parse: XMLSAXStream?

    /// Opens `path` and reads up to the report's root, whose header it checks.
    /// - Throws: `InputError` when the file is not a readable recscan report.
    init(path: String) throws {
        let state = ReadState(path: path)
        self.state = state
        parse = try XMLSAXStream(
            path: path, displayName: path, limits: InputLimits(maxFileBytes: .max, maxDepth: 16), text: true
        ) { element in try state.visit(element) }
        while state.report == nil, try step() {}
        guard let header = state.report else {
            throw InputError(file: path, message: "is not a recscan report")
        }
        report = header
    }

    /// The next host in document order; `nil` after the last, when `report` is complete.
    func next() throws -> HostReport? {
        while state.hosts.isEmpty, try step() {}
        guard !state.hosts.isEmpty else {
            report = state.finish(report)
            return nil
        }
        return state.hosts.removeFirst()
    }

    private func step() throws -> Bool {
        guard let parse else { return false }
        if try parse.step() { return true }
        self.parse = nil
        return false
    }

    /// Reads `path` whole, handing each host to `host` in document order.
    /// - Throws: `InputError` with the position of what is not a recscan report, or what `host` throws.
    static func read(path: String, host: (HostReport) throws -> Void) throws -> StoredReport {
        let reader = try StoredReportReader(path: path)
        while let next = try reader.next() { try host(next) }
        return reader.report
    }
}

/// What the parse of a stored report has found so far: its root, the hosts not yet handed out
/// (those of the last chunk), and the fleet-wide sections.
private final class ReadState {
    let path: String
    var report: StoredReport?
    var hosts: [HostReport] = []
    private var builder: HostReportBuilder
    private var fleet: FleetSectionsBuilder

    init(path: String) {
        self.path = path
        builder = HostReportBuilder(file: path)
        fleet = FleetSectionsBuilder(file: path)
    }

    func visit(_ element: SAXElement) throws {
        try builder.visit(element)
        hosts += builder.takeFinished()
        if element.kind == .start, element.depth == 0 {
            guard element.isNamed("report"), element.namespace == ReportXMLWriter.namespace else {
                throw InputError(file: path, line: element.line, message: "is not a recscan report")
            }
            var header = StoredReport()
            header.runID = element.value("run") ?? ""
            header.catalogVersion = element.value("catalogVersion") ?? ""
            header.referenceTime = element.value("referenceTime") ?? ""
            header.maxAgeDays = element.value("maxAgeDays").flatMap(Int.init) ?? 7
            report = header
        }
        try fleet.visit(element)
    }

    /// `header` with the fleet-wide sections read.
    func finish(_ header: StoredReport) -> StoredReport {
        var report = header
        report.rejected = fleet.rejected
        report.exclusions = fleet.exclusions
        report.triage = fleet.triage
        report.changes = fleet.changes
        return report
    }
}

/// Builds the sections after the hosts (rejected inputs, exclusions, triage plans) and the
/// fleet-wide changes, from the report's top-level elements.
private struct FleetSectionsBuilder {
    let file: String
    var rejected: [RejectedInput] = []
    var exclusions: [FleetExclusion] = []
    var triage: [TriagePlan] = []
    var changes: RunChanges?
    private var plan: TriagePlan?
    private var step: TriageStep?
    private var inChanges = false

    init(file: String) { self.file = file }

    mutating func visit(_ element: SAXElement) throws {
        switch (element.kind, element.depth) {
        case (.start, 1) where element.isNamed("rejected"):
            rejected.append(
                RejectedInput(
                    file: element.value("file") ?? "", line: element.value("line").flatMap(Int.init),
                    column: element.value("column").flatMap(Int.init), reason: element.value("reason") ?? ""))
        case (.start, 1) where element.isNamed("exclusion"):
            exclusions.append(try exclusion(element))
        case (.start, 1) where element.isNamed("changes"):
            changes = ChangesXMLReader.runChanges(element)
            inChanges = true
        case (.start, 2) where inChanges:
            ChangesXMLReader.add(element, to: &changes)
        case (.end, 1) where element.isNamed("changes"):
            inChanges = false
        case (.start, 1) where element.isNamed("triage"):
            plan = TriagePlan(
                hostname: element.value("hostname") ?? "", ruleID: element.value("rule") ?? "",
                events: element.value("events").flatMap(Int.init) ?? 0,
                blocked: element.value("blocked") == "true", steps: [])
        case (.start, 2) where element.isNamed("step") && plan != nil:
            let fixed: Set<String> = ["order", "action", "optional"]
            step = TriageStep(
                order: element.value("order").flatMap(Int.init) ?? 0, action: element.value("action") ?? "",
                optional: element.value("optional") == "true",
                attributes: element.attributePairs.filter { !fixed.contains($0.name) }, text: "")
        case (.text, _) where step != nil:
            step?.text += element.text
        case (.end, 2) where element.isNamed("step"):
            if let finished = step { plan?.steps.append(finished) }
            step = nil
        case (.end, 1) where element.isNamed("triage"):
            if let finished = plan { triage.append(finished) }
            plan = nil
        default:
            break
        }
    }

    private func exclusion(_ element: SAXElement) throws -> FleetExclusion {
        let attributes = ElementAttributes(element: element, file: file)
        let kind = try attributes.requiredChoice("level", as: Level.Kind.self)
        let owner = element.value("id") ?? ""
        var exclusion = FleetExclusion(
            level: kind == .policy ? .policy(owner) : Level(kind: kind, id: nil), ownerID: owner,
            ruleID: try attributes.required("rule"), reason: element.value("reason"), by: element.value("by"),
            expires: element.value("expires"),
            state: try attributes.requiredChoice("state", as: FleetExclusion.State.self))
        exclusion.hosts = element.value("hosts").flatMap(Int.init) ?? 0
        exclusion.needing = element.value("needing").flatMap(Int.init) ?? 0
        exclusion.issues = (element.value("issues") ?? "").split(separator: " ").compactMap {
            FleetExclusion.Issue(rawValue: String($0))
        }
        return exclusion
    }
}
