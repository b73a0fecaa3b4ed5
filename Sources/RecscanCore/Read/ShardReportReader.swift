/// What a shard's `report.xml` says besides its hosts.
struct ShardReport {
    var runID = ""
    var catalogVersion = ""
    var referenceTime = ""
    var maxAgeDays = 7
    var rejected: [RejectedInput] = []
    var triage: [TriagePlan] = []
}

/// Reads a report written by `recscan scan --shard`, streaming its hosts one at a time.
enum ShardReportReader {
    /// Reads `path`, handing each host to `host` in document order.
    static func read(path: String, host: (HostReport) throws -> Void) throws -> ShardReport {
        var report = ShardReport()
        var hosts = HostReportBuilder(file: path)
        var plan: TriagePlan?
        var step: TriageStep?
        try XMLStreamReader.read(path: path, displayName: path, limits: InputLimits(maxFileBytes: .max, maxDepth: 16)) {
            event in
            try hosts.handle(event)
            for finished in hosts.takeFinished() { try host(finished) }
            switch event {
            case .start(let element) where element.depth == 0:
                guard element.localName == "report", element.namespace == ReportXMLWriter.namespace else {
                    throw InputError(file: path, line: element.line, message: "is not a recscan report")
                }
                report.runID = element["run"] ?? ""
                report.catalogVersion = element["catalogVersion"] ?? ""
                report.referenceTime = element["referenceTime"] ?? ""
                report.maxAgeDays = element["maxAgeDays"].flatMap(Int.init) ?? 7
            case .start(let element) where element.depth == 1 && element.localName == "rejected":
                report.rejected.append(
                    RejectedInput(
                        file: element["file"] ?? "", line: element["line"].flatMap(Int.init),
                        column: element["column"].flatMap(Int.init), reason: element["reason"] ?? ""))
            case .start(let element) where element.depth == 1 && element.localName == "triage":
                plan = TriagePlan(
                    hostname: element["hostname"] ?? "", ruleID: element["rule"] ?? "",
                    events: element["events"].flatMap(Int.init) ?? 0, blocked: element["blocked"] == "true", steps: [])
            case .start(let element) where element.depth == 2 && element.localName == "step" && plan != nil:
                let fixed: Set<String> = ["order", "action", "optional"]
                step = TriageStep(
                    order: element["order"].flatMap(Int.init) ?? 0, action: element["action"] ?? "",
                    optional: element["optional"] == "true",
                    attributes: element.attributePairs.filter { !fixed.contains($0.name) }, text: "")
            case .text(let text) where step != nil:
                step?.text += text
            case .end("step", 2):
                if let finished = step { plan?.steps.append(finished) }
                step = nil
            case .end("triage", 1):
                if let finished = plan { report.triage.append(finished) }
                plan = nil
            default:
                break
            }
        }
        return report
    }
}
