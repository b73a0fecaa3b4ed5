import Foundation

/// Compares a run with the previous run in the same output folder, host by host.
///
/// Both runs list hosts sorted by lowercased hostname, so the comparison is a merge of two
/// sorted streams: the previous `report.xml` is read host by host (`StoredReportReader`, the one
/// reader of stored reports); new hosts that sort before a previous one are added, an equal one
/// is compared, a previous one without a new one is gone. Memory holds one previous host, one
/// summary line per changed host and one counter pair per rule, whatever the fleet size.
///
/// ```swift
/// var tracker = RunChangeTracker(outDirectory: options.outDirectory)  // before the new run is committed
/// let changes = try tracker.compare(hostnames: sorted) { readHost($0) } // per host index, changed ones
/// fleetResults.changes = tracker.finish()
/// ```
public struct RunChangeTracker {
    /// The previous run's report to compare with, and the run it belongs to.
    private var previous: (path: String, runID: String)?
    private var result: RunChanges?
    private var ruleCounts: [String: (new: Int, resolved: Int)] = [:]

    /// Finds the previous run through `<outDirectory>/latest`; call it before the new run replaces `latest`.
    public init(outDirectory: String) {
        let latest = (outDirectory as NSString).appendingPathComponent("latest")
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: latest) else {
            if FileManager.default.fileExists(atPath: latest) {
                result = RunChanges(previousRun: "latest", unavailable: "\(latest) is not a link to a run folder")
            }
            return
        }
        let runID = (target as NSString).lastPathComponent
        let path = (latest as NSString).appendingPathComponent("report.xml")
        guard FileManager.default.fileExists(atPath: path) else {
            result = RunChanges(
                previousRun: runID, unavailable: "the previous run wrote no report.xml (only --format html?)")
            return
        }
        previous = (path, runID)
        result = RunChanges(previousRun: runID)
    }

    /// Whether there is a previous run to compare hosts with.
    public var comparesHosts: Bool { previous != nil }

    /// Compares every host of this run with the previous run's.
    /// - Parameters:
    ///   - hostnames: this run's hosts, sorted by lowercased name.
    ///   - host: reads this run's host at a position of `hostnames`, for those in both runs.
    /// - Returns: what changed, by position, for the hosts with any change. When the previous
    ///   report cannot be read (damaged, hosts out of order), nothing: the reason is reported.
    /// - Throws: only what `host` throws.
    public mutating func compare(hostnames: [String], host: (Int) throws -> HostReport) throws -> [Int: HostChanges] {
        guard let previous, var result else { return [:] }
        var changes: [Int: HostChanges] = [:]
        var next = 0
        var lastKey: String?
        func addNewHosts(before key: String?) {
            while next < hostnames.count, key.map({ hostnames[next].lowercased() < $0 }) ?? true {
                result.hostsAdded.append(hostnames[next])
                changes[next] = HostChanges(added: true)
                next += 1
            }
        }
        do {
            let stored = try StoredReportReader.read(path: previous.path) { before in
                let key = before.hostname.lowercased()
                if let lastKey, key <= lastKey {
                    throw InputError(
                        file: previous.path, message: "lists host \(key) out of order; changes need sorted hosts")
                }
                lastKey = key
                addNewHosts(before: key)
                guard next < hostnames.count, hostnames[next].lowercased() == key else {
                    result.hostsGone.append(before.hostname)
                    return
                }
                let now: HostReport
                do { now = try host(next) } catch { throw OwnHostError(underlying: error) }
                let change = Self.changes(from: PreviousHost(before), to: now)
                if !change.isEmpty {
                    record(change, hostname: now.hostname, into: &result)
                    changes[next] = change
                }
                next += 1
            }
            addNewHosts(before: nil)
            result.previousRun = stored.runID.isEmpty ? previous.runID : stored.runID
            result.previousCatalogVersion = stored.catalogVersion.isEmpty ? nil : stored.catalogVersion
            result.previousReferenceTime = stored.referenceTime.isEmpty ? nil : stored.referenceTime
            self.result = result
            return changes
        } catch let error as OwnHostError {
            throw error.underlying
        } catch {
            self.result = RunChanges(previousRun: previous.runID, unavailable: "\(error)")
            ruleCounts = [:]
            return [:]
        }
    }

    /// The fleet-wide changes, once every host was compared; `nil` when there was no previous run.
    public mutating func finish() -> RunChanges? {
        previous = nil
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

    private mutating func record(_ changes: HostChanges, hostname: String, into result: inout RunChanges) {
        result.hostsChanged.append(
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
}

/// A failure reading this run's own host during the comparison: the run's fault, not the
/// previous report's, so it is not taken for an unreadable previous run.
private struct OwnHostError: Error {
    let underlying: any Error
}

/// One host of the previous run, reduced to what run-to-run changes compare.
struct PreviousHost {
    var status: String
    var rules: [String: RuleState] = [:]
    var findings: Set<FindingKey> = []

    init(_ report: HostReport) {
        status = report.status.rawValue
        for rule in report.rules { rules[rule.ruleID] = RuleState(outcome: rule.outcome, apply: rule.apply) }
        findings = Set(report.findings.map(FindingKey.init))
    }
}
