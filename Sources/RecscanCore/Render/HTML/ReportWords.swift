/// The report's vocabulary in words an operator reads without the specification at hand.
enum ReportWords {
    /// Why a recommendation waits for a person.
    static func manualReason(_ reason: ManualReason) -> String {
        switch reason {
        case .requiresConfiguration: "the rule needs configuring before it can be applied"
        case .falsePositiveProne: "the rule is prone to false positives: check it suits this host"
        case .lowConfidence: "the rule detects with low confidence: check it suits this host"
        case .mayAffectOperation: "the rule may disturb the host's normal operation: plan when to apply it"
        case .uncertainVersion:
            "an installed version could not be compared with the affected range: check whether the host is affected"
        case .autoApplyOff: "automatic application is off for this module on this host"
        }
    }

    /// Why a rule is never applied automatically, as the rule page says it.
    static func neverAutoReason(_ reason: ManualReason) -> String {
        switch reason {
        case .requiresConfiguration: "it needs configuring before it can be applied"
        case .falsePositiveProne: "it is prone to false positives"
        case .lowConfidence: "it detects with low confidence"
        case .mayAffectOperation: "it may disturb normal operation"
        case .uncertainVersion: "a version could not be compared"
        case .autoApplyOff: "automatic application is off"
        }
    }

    /// A host status as a short label.
    static func status(_ status: HostStatus) -> String {
        switch status {
        case .ok: "ok"
        case .stale: "stale inventory"
        case .error: "inventory error"
        case .noInventory: "no inventory"
        }
    }

    /// What a status that is not `ok` means for the page below it; `nil` for `ok`.
    static func statusNotice(_ status: HostStatus) -> String? {
        switch status {
        case .ok: nil
        case .stale:
            "The inventory of this host is older than the maximum age: the recommendations below may be out of date."
        case .error:
            "The inventory of this host could not be read: no rule was matched against it. "
                + "See the findings below and the rejected inputs on the fleet page."
        case .noInventory:
            "No inventory was found for this host: no rule was matched against it, "
                + "only the fleet audit (assignments, settings, exclusions) was done."
        }
    }

    /// A level as seen from a host's own page: the computer is "this computer".
    static func level(_ level: Level, computerName: String = "this computer") -> String {
        switch level.kind {
        case .catalog: "catalog"
        case .policy: "policy " + (level.id ?? "?")
        case .computer: level.id.map { "computer " + $0 } ?? computerName
        }
    }

    /// Where a setting came from: the level that set it, or the default.
    static func setAt(_ level: Level?) -> String {
        guard let level else { return "default" }
        return "set on " + self.level(level)
    }

    /// Assignment levels in the order to unassign them: policies first (root down), then the computer.
    static func unassignOrder(_ levels: [Level]) -> [Level] {
        levels.filter { $0.kind != .computer } + levels.filter { $0.kind == .computer }
    }

    /// "yes" or "no".
    static func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }

    /// Finding counts by severity, highest first, e.g. "1 high, 2 low"; "none" when there are none.
    static func severityCounts(_ counts: [Severity: Int]) -> String {
        let parts = Severity.allCases.reversed()
            .compactMap { severity -> String? in
                guard let count = counts[severity], count > 0 else { return nil }
                return "\(count) \(severity.rawValue)"
            }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    /// The host's operating system in one line, e.g. "debian 12 (linux, x86_64)".
    static func operatingSystem(_ os: OperatingSystem?) -> String {
        guard let os else { return "unknown" }
        let name = [os.name, os.version].filter { !$0.isEmpty }.joined(separator: " ")
        let detail = [os.family, os.arch ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
        switch (name.isEmpty, detail.isEmpty) {
        case (true, true): return "unknown"
        case (true, false): return detail
        case (false, true): return name
        case (false, false): return "\(name) (\(detail))"
        }
    }

    /// Module names as section labels.
    static func module(_ module: Module) -> String {
        switch module {
        case .intrusionPrevention: "Intrusion prevention"
        case .integrityMonitoring: "Integrity monitoring"
        case .logInspection: "Log inspection"
        }
    }
}
