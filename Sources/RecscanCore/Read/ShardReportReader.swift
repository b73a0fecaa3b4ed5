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
        try XMLSAXReader.read(
            path: path, displayName: path, limits: InputLimits(maxFileBytes: .max, maxDepth: 16), text: true
        ) { element in
            try hosts.visit(element)
            for finished in hosts.takeFinished() { try host(finished) }
            switch (element.kind, element.depth) {
            case (.start, 0):
                guard element.isNamed("report"), element.namespace == ReportXMLWriter.namespace else {
                    throw InputError(file: path, line: element.line, message: "is not a recscan report")
                }
                report.runID = element.value("run") ?? ""
                report.catalogVersion = element.value("catalogVersion") ?? ""
                report.referenceTime = element.value("referenceTime") ?? ""
                report.maxAgeDays = element.value("maxAgeDays").flatMap(Int.init) ?? 7
            case (.start, 1) where element.isNamed("rejected"):
                report.rejected.append(
                    RejectedInput(
                        file: element.value("file") ?? "", line: element.value("line").flatMap(Int.init),
                        column: element.value("column").flatMap(Int.init), reason: element.value("reason") ?? ""))
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
                if let finished = plan { report.triage.append(finished) }
                plan = nil
            default:
                break
            }
        }
        return report
    }
}
