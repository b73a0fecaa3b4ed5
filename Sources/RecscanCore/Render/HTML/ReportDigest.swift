/// What the fleet page needs of one host, kept after the host's own page is written.
struct HostDigest: Sendable {
    var hostname: String
    /// The page's file name in `hosts/`, without extension.
    var fileName: String
    var policyID: String?
    var status: HostStatus
    var operatingSystem: String
    var toAssignAuto = 0
    var toAssignManual = 0
    var assigned = 0
    var toUnassign = 0
    var excluded = 0
    var findings = 0
    var findingsBySeverity: [Severity: Int] = [:]
    /// The highest finding severity, for styling; `nil` without findings.
    var highestSeverity: Severity?

    init(host: HostReport, fileName: String) {
        hostname = host.hostname
        self.fileName = fileName
        policyID = host.policyID
        status = host.status
        operatingSystem = ReportWords.operatingSystem(host.os)
        for rule in host.rules {
            switch rule.outcome {
            case .toAssign: if rule.apply == .auto { toAssignAuto += 1 } else { toAssignManual += 1 }
            case .assigned: assigned += 1
            case .toUnassign: toUnassign += 1
            case .excluded: excluded += 1
            }
        }
        findings = host.findings.count
        for finding in host.findings {
            findingsBySeverity[finding.severity, default: 0] += 1
            highestSeverity = max(highestSeverity ?? finding.severity, finding.severity)
        }
    }
}

/// One host's result for one rule, as the rule's page lists it.
struct RuleHostRow: Sendable {
    var hostname: String
    var hostFileName: String
    var policyID: String?
    var outcome: Outcome
    var apply: ApplyClass?
    var reason: ManualReason?
    var blocks: Bool
    var assignedAt: [Level]
    var excludedBy: ExclusionReference?

    init(host: HostReport, fileName: String, result: RuleResult) {
        hostname = host.hostname
        hostFileName = fileName
        policyID = host.policyID
        outcome = result.outcome
        apply = result.apply
        reason = result.reason
        blocks = result.blocks
        assignedAt = result.assignedAt
        excludedBy = result.excludedBy
    }
}

/// Everything the run knows of one rule that appears on some host.
struct RuleDigest: Sendable {
    var id: String
    /// From the first host result, used when the catalog lacks the rule.
    var name: String
    var module: Module
    var severity: Severity
    /// Sorted by hostname when the pages are written.
    var rows: [RuleHostRow] = []

    init(result: RuleResult) {
        id = result.ruleID
        name = result.name
        module = result.module
        severity = result.severity
    }

    /// The rows with one outcome, in host order.
    func rows(_ outcome: Outcome) -> [RuleHostRow] { rows.filter { $0.outcome == outcome } }

    /// The page's file name in `rules/`, without extension.
    var fileName: String { SafeFileName.forRule(id) }
}

/// Links between the pages of a run, built from what has been written.
struct PageLinks: Sendable {
    /// File names of rule pages, by rule id.
    var ruleFiles: [String: String] = [:]
    /// File names of host pages, by lowercased hostname.
    var hostFiles: [String: String] = [:]

    /// The rule id, linked to its page when it has one. `toRoot` leads from the page to the run folder.
    func rule(_ id: String, toRoot: String, label: HTMLFragment? = nil) -> HTMLFragment {
        let text = label ?? "\(id)"
        guard let file = ruleFiles[id] else { return text }
        return HTMLBlocks.link("\(toRoot)rules/\(file).html", text)
    }

    /// The hostname, linked to its page when it has one (hostnames match case-insensitively).
    func host(_ hostname: String, toRoot: String) -> HTMLFragment {
        guard let file = hostFiles[hostname.lowercased()] else { return "\(hostname)" }
        return HTMLBlocks.link("\(toRoot)hosts/\(file).html", "\(hostname)")
    }
}
