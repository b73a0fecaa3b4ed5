/// Compares a run with the previous run in the same output folder, host by host, as the new
/// hosts are written.
///
/// Both runs list hosts sorted by lowercased hostname, so the comparison is a merge of two
/// sorted streams: the previous report is read one host ahead of the new hosts
/// (``PreviousReport``), previous hosts that sort before the current new host are gone, an equal
/// one is compared, and a new host without one is added. Memory holds one previous host, one
/// summary line per changed host and one counter pair per rule, whatever the fleet size.
///
/// Usage, in the order the pipeline writes hosts:
///
/// ```swift
/// var changes = RunChangeTracker(outDirectory: options.outDirectory)  // before the new run is committed
/// report.changes = changes.compare(report)                               // for each host, sorted
/// fleetResults.changes = changes.finish()                               // after the last host
/// ```
public struct RunChangeTracker {
    private var previous: PreviousReport?
    private var result: RunChanges?
    private var lastKey: String?
    private var ruleCounts: [String: (new: Int, resolved: Int)] = [:]

    /// Finds the previous run through `<outDirectory>/latest`; call it before the new run replaces `latest`.
    public init(outDirectory: String) {
        switch PreviousReport.lookup(outDirectory: outDirectory) {
        case .none: break
        case .unavailable(let runID, let reason): result = RunChanges(previousRun: runID, unavailable: reason)
        case .available(let report):
            previous = report
            result = RunChanges(
                previousRun: report.header.runID, previousCatalogVersion: report.header.catalogVersion,
                previousReferenceTime: report.header.referenceTime)
        }
    }

    /// Whether there is a previous run to compare hosts with.
    public var comparesHosts: Bool { previous != nil && result?.unavailable == nil }

    /// What changed on `report`'s host since the previous run; `nil` when nothing did, or when
    /// there is nothing to compare with. Hosts must come sorted by lowercased hostname.
    public mutating func compare(_ report: HostReport) -> HostChanges? {
        guard let previous, result?.unavailable == nil else { return nil }
        let key = report.hostname.lowercased()
        if let lastKey, key <= lastKey {
            assertionFailure("hosts must be handed over sorted: \(key) after \(lastKey)")
            stop("the hosts of this run were not handed over in sorted order")
            return nil
        }
        lastKey = key
        do {
            while let gone = try previous.peek(), gone.key < key {
                result?.hostsGone.append(gone.hostname)
                previous.advance()
            }
            guard let before = try previous.peek(), before.key == key else {
                result?.hostsAdded.append(report.hostname)
                return HostChanges(added: true)
            }
            previous.advance()
            let changes = Self.changes(from: before, to: report)
            if !changes.isEmpty { record(changes, hostname: report.hostname) }
            return changes.isEmpty ? nil : changes
        } catch {
            stop("the previous report could not be read: \(error)")
            return nil
        }
    }

    /// The fleet-wide changes, once every host was compared: the previous hosts not seen are gone.
    /// `nil` when there was no previous run.
    public mutating func finish() -> RunChanges? {
        if let previous, result?.unavailable == nil {
            do {
                while let gone = try previous.peek() {
                    result?.hostsGone.append(gone.hostname)
                    previous.advance()
                }
            } catch {
                stop("the previous report could not be read: \(error)")
            }
        }
        self.previous = nil
        result?.rules = ruleCounts.keys.sorted(by: RuleID.less).compactMap { id in
            ruleCounts[id].map { RuleChangeCount(ruleID: id, new: $0.new, resolved: $0.resolved) }
        }
        return result
    }

    /// The changes between the previous run's digest of a host and this run's report of it.
    static func changes(from before: PreviousHost, to report: HostReport) -> HostChanges {
        var changes = HostChanges()
        if before.status != report.status.rawValue { changes.previousStatus = before.status }
        var now: [String: RuleState] = [:]
        for rule in report.rules { now[rule.ruleID] = RuleState(outcome: rule.outcome, apply: rule.apply) }
        for id in Set(now.keys).union(before.rules.keys).sorted(by: RuleID.less) {
            if let change = RuleChange.between(id, was: before.rules[id], now: now[id]) { changes.rules.append(change) }
        }
        let findings = Set(report.findings.map(FindingKey.init))
        changes.findings =
            findings.subtracting(before.findings).sorted().map { FindingChange(kind: .new, finding: $0) }
            + before.findings.subtracting(findings).sorted().map { FindingChange(kind: .resolved, finding: $0) }
        return changes
    }

    private mutating func record(_ changes: HostChanges, hostname: String) {
        result?.hostsChanged.append(
            HostChangeSummary(
                hostname: hostname, previousStatus: changes.previousStatus,
                newRecommendations: changes.newRecommendations,
                resolvedRecommendations: changes.resolvedRecommendations, newFindings: changes.newFindings,
                resolvedFindings: changes.resolvedFindings,
                otherRuleChanges: changes.rules.filter { $0.kind == .changed }.count))
        for change in changes.rules where change.kind != .changed {
            var counts = ruleCounts[change.ruleID] ?? (0, 0)
            if change.kind == .new { counts.new += 1 } else { counts.resolved += 1 }
            ruleCounts[change.ruleID] = counts
        }
    }

    /// Gives up comparing: the reason is reported, the hosts compared so far keep their changes.
    private mutating func stop(_ reason: String) {
        result?.unavailable = reason
        previous = nil
    }
}
