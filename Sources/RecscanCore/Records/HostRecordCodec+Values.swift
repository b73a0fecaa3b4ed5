/// The payload of a host record, field by field, in the order written: the host's fields in
/// the order report.xml states them, so that a writer can go from a record to the report in one
/// pass (`HostRecordCursor`), then what only the run needs.
///
/// ```
/// hostname, policy, status, collected, OS, inventory sources and details, settings
/// rules                  count, then each (HostRecordCodec+Rules.swift)
/// findings, manager comparison, changes
/// triage plans, rules an exclusion override names
/// ```
extension HostRecordCodec {
    func write(_ analysis: HostAnalysis, to writer: inout RecordWriter) {
        write(analysis.report, to: &writer, hints: analysis.ruleOrdinals)
        writer.count(analysis.triage.count)
        for plan in analysis.triage { write(plan, to: &writer) }
        let excludable = analysis.excludableRuleIDs.sorted()
        writer.count(excludable.count)
        for id in excludable { writer.string(id) }
    }

    private func write(_ report: HostReport, to writer: inout RecordWriter, hints ordinals: [Int]) {
        writer.string(report.hostname)
        writer.optional(report.policyID)
        writer.code(report.status)
        writer.optional(report.collected)
        writer.bool(report.os != nil)
        if let os = report.os {
            writer.string(os.family)
            writer.string(os.name)
            writer.string(os.version)
            writer.optional(os.arch)
            writer.optional(os.inferredFrom)
        }
        writer.count(report.inventorySources.count)
        for source in report.inventorySources { writer.string(source) }
        write(report.inventory, to: &writer)
        writer.bool(report.settings != nil)
        if let settings = report.settings { write(settings, to: &writer) }
        writer.count(report.rules.count)
        let hints = report.ruleOrdinals(ordinals)
        var shared = SharedEvidenceLists<UnsafeRawPointer>()
        write(report.rules, hints: hints, shared: &shared, to: &writer)
        writer.count(report.findings.count)
        for finding in report.findings { write(finding, to: &writer) }
        write(report.manager, to: &writer)
        writer.bool(report.changes != nil)
        if let changes = report.changes { write(changes, to: &writer) }
    }

    func read(from reader: inout RecordReader) throws -> HostAnalysis {
        var report = try readHost(from: &reader)
        report.settings = try readOptionalSettings(from: &reader)
        let ruleCount = try reader.count(minimumBytes: 5)
        report.rules.reserveCapacity(ruleCount)
        var ordinals: [Int] = []
        ordinals.reserveCapacity(ruleCount)
        var shared = SharedEvidenceLists<[Evidence]>()
        for _ in 0..<ruleCount {
            let rule = try readRule(from: &reader, shared: &shared)
            report.rules.append(rule.result)
            ordinals.append(rule.position)
        }
        let end = try readHostEnd(from: &reader)
        (report.findings, report.manager, report.changes) = (end.findings, end.manager, end.changes)
        var triage: [TriagePlan] = []
        let planCount = try reader.count(minimumBytes: 5)
        for _ in 0..<planCount { triage.append(try readPlan(from: &reader)) }
        var excludable: Set<String> = []
        let excludableCount = try reader.count()
        for _ in 0..<excludableCount { excludable.insert(try reader.string()) }
        return HostAnalysis(report: report, excludableRuleIDs: excludable, triage: triage, ruleOrdinals: ordinals)
    }

    /// The host's fields before its settings, its rules left empty.
    func readHost(from reader: inout RecordReader) throws -> HostReport {
        var report = HostReport(
            hostname: try reader.string(), policyID: try reader.optional(), status: try reader.code(HostStatus.self))
        report.collected = try reader.optional()
        if try reader.bool() {
            report.os = OperatingSystem(
                family: try reader.string(), name: try reader.string(), version: try reader.string(),
                arch: try reader.optional(), inferredFrom: try reader.optional())
        }
        let sourceCount = try reader.count()
        for _ in 0..<sourceCount { report.inventorySources.append(try reader.string()) }
        report.inventory = try readInventoryDetails(from: &reader)
        return report
    }

    /// The host's findings, manager comparison and changes, which follow its rules.
    func readHostEnd(from reader: inout RecordReader) throws -> HostReportEnd {
        var findings: [Finding] = []
        let findingCount = try reader.count(minimumBytes: 5)
        for _ in 0..<findingCount { findings.append(try readFinding(from: &reader)) }
        let manager = try readManagerComparison(from: &reader)
        return HostReportEnd(
            findings: findings, manager: manager, changes: try reader.bool() ? try readChanges(from: &reader) : nil)
    }

    // MARK: Settings and levels

    private func write(_ settings: EffectiveSettings, to writer: inout RecordWriter) {
        writer.code(settings.engineMode)
        write(settings.engineModeSetAt, to: &writer)
        writer.code(settings.behavior)
        write(settings.behaviorSetAt, to: &writer)
        let modules = settings.autoApply.keys.sorted()
        writer.count(modules.count)
        for module in modules {
            writer.code(module)
            writer.bool(settings.autoApply[module] == true)
        }
    }

    /// The host's settings, when the record holds them.
    func readOptionalSettings(from reader: inout RecordReader) throws -> EffectiveSettings? {
        guard try reader.bool() else { return nil }
        var settings = EffectiveSettings(
            engineMode: try reader.code(EngineModeSetting.self), engineModeSetAt: try readOptionalLevel(from: &reader),
            behavior: try reader.code(BehaviorSetting.self), behaviorSetAt: try readOptionalLevel(from: &reader),
            autoApply: [:])
        let count = try reader.count(minimumBytes: 2)
        for _ in 0..<count { settings.autoApply[try reader.code(Module.self)] = try reader.bool() }
        return settings
    }

    func write(_ level: Level?, to writer: inout RecordWriter) {
        writer.optionalCode(level?.kind)
        if let level { writer.optional(level.id) }
    }

    func readOptionalLevel(from reader: inout RecordReader) throws -> Level? {
        guard let kind = try reader.optionalCode(Level.Kind.self) else { return nil }
        return Level(kind: kind, id: try reader.optional())
    }

    /// Moves past a level, checking it as `readLevel` would but making no string.
    static func skipLevel(from reader: inout RecordReader) throws {
        guard try reader.optionalCode(Level.Kind.self) != nil else { throw RecordError.malformed("a level is missing") }
        try reader.skipString(optional: true)
    }

    func readLevel(from reader: inout RecordReader) throws -> Level {
        guard let level = try readOptionalLevel(from: &reader) else {
            throw RecordError.malformed("a level is missing")
        }
        return level
    }

    // MARK: Findings, changes, triage

    private func write(_ finding: Finding, to writer: inout RecordWriter) {
        writer.code(finding.kind)
        writer.code(finding.severity)
        writer.optional(finding.ruleID)
        write(finding.level, to: &writer)
        writer.string(finding.message)
        writer.bool(finding.vulnerability != nil)
        if let vulnerability = finding.vulnerability {
            writer.code(vulnerability.ecosystem)
            for text in [vulnerability.name, vulnerability.version, vulnerability.advisoryID] { writer.string(text) }
            writer.optional(vulnerability.fixed)
            writer.count(vulnerability.aliases.count)
            for alias in vulnerability.aliases { writer.string(alias) }
        }
    }

    private func readFinding(from reader: inout RecordReader) throws -> Finding {
        var finding = Finding(
            kind: try reader.code(FindingKind.self), severity: try reader.code(Severity.self),
            ruleID: try reader.optional(), level: try readOptionalLevel(from: &reader), message: try reader.string())
        if try reader.bool() {
            let ecosystem = try reader.code(Ecosystem.self)
            let (name, version, advisoryID) = (try reader.string(), try reader.string(), try reader.string())
            let fixed = try reader.optional()
            var aliases: [String] = []
            for _ in 0..<(try reader.count()) { aliases.append(try reader.string()) }
            finding.vulnerability = VulnerablePackage(
                ecosystem: ecosystem, name: name, version: version, fixed: fixed, advisoryID: advisoryID,
                aliases: aliases)
        }
        return finding
    }

    private func write(_ changes: HostChanges, to writer: inout RecordWriter) {
        writer.bool(changes.added)
        writer.optional(changes.previousStatus)
        writer.count(changes.rules.count)
        for change in changes.rules {
            writer.string(change.ruleID)
            writer.code(change.kind)
            for state in [change.was, change.now] {
                writer.optionalCode(state?.outcome)
                if let state { writer.optionalCode(state.apply) }
            }
        }
        writer.count(changes.findings.count)
        for change in changes.findings {
            writer.code(change.kind)
            writer.string(change.finding.kind)
            writer.string(change.finding.severity)
            writer.optional(change.finding.ruleID)
            writer.optional(change.finding.level)
            writer.optional(change.finding.levelID)
        }
    }

    private func readChanges(from reader: inout RecordReader) throws -> HostChanges {
        var changes = HostChanges(added: try reader.bool(), previousStatus: try reader.optional())
        let ruleCount = try reader.count(minimumBytes: 4)
        for _ in 0..<ruleCount {
            let id = try reader.string()
            let kind = try reader.code(RuleChange.Kind.self)
            var states: [RuleState?] = []
            for _ in 0..<2 {
                let outcome = try reader.optionalCode(Outcome.self)
                states.append(
                    try outcome.map { RuleState(outcome: $0, apply: try reader.optionalCode(ApplyClass.self)) })
            }
            changes.rules.append(RuleChange(ruleID: id, kind: kind, was: states[0], now: states[1]))
        }
        let findingCount = try reader.count(minimumBytes: 6)
        for _ in 0..<findingCount {
            let kind = try reader.code(FindingChange.Kind.self)
            let key = FindingKey(
                kind: try reader.string(), severity: try reader.string(), ruleID: try reader.optional(),
                level: try reader.optional(), levelID: try reader.optional())
            changes.findings.append(FindingChange(kind: kind, finding: key))
        }
        return changes
    }

    private func write(_ plan: TriagePlan, to writer: inout RecordWriter) {
        writer.string(plan.hostname)
        writer.string(plan.ruleID)
        writer.signed(Int64(plan.events))
        writer.bool(plan.blocked)
        writer.count(plan.steps.count)
        for step in plan.steps {
            writer.signed(Int64(step.order))
            writer.string(step.action)
            writer.bool(step.optional)
            writer.count(step.attributes.count)
            for attribute in step.attributes {
                writer.string(attribute.name)
                writer.string(attribute.value)
            }
            writer.string(step.text)
        }
    }

    private func readPlan(from reader: inout RecordReader) throws -> TriagePlan {
        var plan = TriagePlan(
            hostname: try reader.string(), ruleID: try reader.string(), events: Int(try reader.signed()),
            blocked: try reader.bool(), steps: [])
        let stepCount = try reader.count(minimumBytes: 5)
        for _ in 0..<stepCount {
            var step = TriageStep(
                order: Int(try reader.signed()), action: try reader.string(), optional: try reader.bool(), text: "")
            let attributeCount = try reader.count(minimumBytes: 2)
            for _ in 0..<attributeCount { step.attributes.append((try reader.string(), try reader.string())) }
            step.text = try reader.string()
            plan.steps.append(step)
        }
        return plan
    }
}
