/// Audits one host's assignments, exclusions, settings and inventory freshness.
struct HostAuditor {
    let catalog: Catalog
    let context: HostFleetContext
    let settings: EffectiveSettings

    /// Findings that need only the fleet (also for hosts without a usable inventory).
    func fleetFindings() -> [Finding] {
        var findings: [Finding] = []
        if settings.engineMode == .tap {
            let level = settings.engineModeSetAt ?? .computer
            findings.append(
                finding(
                    .engineTapOverride, level: level,
                    "Engine mode is tap, set on \(level.phrase): every intrusion-prevention rule only detects, nothing is blocked. Switch back to inherited (inline) once the false positive is handled."
                ))
        }
        for id in context.assignedRuleIDs {
            let levels = context.assignmentLevels(of: id)
            guard let rule = catalog.rules[id] else {
                findings.append(
                    finding(
                        .unknownRule, rule: id,
                        "Rule \(id) is assigned on \(phrase(levels)) but is not in the catalog (version \(catalog.version)); remove the assignment or update the catalog."
                    ))
                continue
            }
            if let reason = rule.neverAutoReason {
                let blocks = settings.blocks(rule)
                findings.append(
                    finding(
                        .manualAssignment, severity: blocks ? .high : .medium, rule: id,
                        "Rule \(id) (\(rule.name)) is never applied automatically (\(reason.rawValue)), so someone assigned it by hand on \(phrase(levels))\(blocks ? "; it blocks traffic on this host" : ""). Review why it is there."
                    ))
            }
            if levels.count > 1 {
                findings.append(
                    finding(
                        .multiLevelAssignment, rule: id,
                        "Rule \(id) is assigned on \(levels.count) levels (\(phrase(levels))); unassigning it needs every level, policies first."
                    ))
            }
        }
        return findings
    }

    /// Findings that need the host's outcomes.
    /// - Parameter ordinals: the rule ordinal of each of `results`.
    func outcomeFindings(
        _ results: [RuleResult], ordinals: [RuleOrdinal], recommendations: Recommendations, index: CatalogIndex
    ) -> [Finding] {
        var findings: [Finding] = []
        for (position, ordinal) in ordinals.enumerated() {
            // Most rules are simply to assign, with nothing to find: tested before `result` is copied.
            let outcome = results[position].outcome
            if outcome != .excluded || !results[position].assignedAt.isEmpty {
                for dependency in index.missingDependencies(of: ordinal) {
                    let id = results[position].ruleID
                    findings.append(
                        finding(
                            .missingDependency, rule: id,
                            "Rule \(id) depends on rule \(dependency), which is not in the catalog (version \(catalog.version)), so it cannot come with it; get \(dependency) into the catalog, or check the rule works without it."
                        ))
                }
            }
            let expired = outcome == .excluded ? nil : recommendations.expiredExclusion(of: ordinal)
            guard outcome == .excluded || outcome == .assigned || expired != nil else { continue }
            let result = results[position]
            if result.outcome == .excluded, !result.assignedAt.isEmpty, let exclusion = result.excludedBy {
                findings.append(
                    finding(
                        .assignedButExcluded, rule: result.ruleID, level: exclusion.level,
                        "Rule \(result.ruleID) is excluded from recommendations on \(exclusion.level.phrase) but still assigned on \(phrase(result.assignedAt)); unassign it or lift the exclusion."
                    ))
            }
            if let expired {
                findings.append(
                    finding(
                        .expiredExclusion, rule: result.ruleID, level: expired.level,
                        "The exclusion of rule \(result.ruleID) on \(expired.level.phrase) expired on \(expired.expires ?? "?"); the rule is recommended again (\(result.outcome.rawValue))."
                    ))
            }
            let staysAssigned =
                result.outcome == .assigned || (result.outcome == .excluded && !result.assignedAt.isEmpty)
            guard staysAssigned else { continue }
            for dependency in index.dependencyIDs(of: ordinal) where catalog.rules[dependency] != nil {
                // Few rules stay assigned and have dependencies: a linear search is enough.
                let applied = results.first { $0.ruleID == dependency }
                let covered =
                    !context.assignmentLevels(of: dependency).isEmpty
                    || (applied?.outcome == .toAssign && applied?.apply == .auto)
                if !covered {
                    findings.append(
                        finding(
                            .missingDependency, rule: result.ruleID,
                            "Rule \(result.ruleID) depends on rule \(dependency), which is not assigned on any level and will not be applied automatically; assign \(dependency) too."
                        ))
                }
            }
        }
        for override in context.computer?.configuration.overrides ?? [] where override.excluded {
            // Directly recommended rules are among the recommendations too.
            let recommended = index.ordinal(ofRule: override.ruleID).map(recommendations.ordinals.contains) ?? false
            if !recommended {
                findings.append(
                    finding(
                        .unusedExclusion, rule: override.ruleID, level: .computer,
                        "This computer excludes rule \(override.ruleID) (\(override.reason ?? "no reason given")), but the host would not get the rule anyway; the exclusion can go."
                    ))
            }
        }
        return findings
    }

    private func finding(
        _ kind: FindingKind, severity: Severity? = nil, rule: String? = nil, level: Level? = nil,
        _ message: String
    ) -> Finding {
        Finding(kind: kind, severity: severity ?? kind.defaultSeverity, ruleID: rule, level: level, message: message)
    }

    private func phrase(_ levels: [Level]) -> String {
        levels.map(\.phrase).joined(separator: ", ")
    }
}

extension HostAuditor {
    /// The finding of an inventoried host that no computer of a non-empty fleet is: its policy,
    /// settings and assignments are unknown. A name that several computers answer to pairs the
    /// host with none of them, and says which.
    static func notInFleet(_ hostname: String, fleet: Fleet, context: HostFleetContext) -> Finding? {
        guard context.computer == nil, fleet.hasComputers else { return nil }
        let name = hostname.lowercased()
        let label = name.split(separator: ".").first.map(String.init) ?? name
        let candidates = fleet.ambiguousNames[name] ?? fleet.ambiguousNames[label] ?? []
        let message =
            candidates.isEmpty
            ? "No computer of the fleet export is named \(hostname): its policy, settings and assignments are "
                + "unknown, so automatic application is taken as off and nothing as assigned."
            : "\(hostname) could be any of the computers \(candidates.joined(separator: ", ")) of the fleet export "
                + "(they share the name); it is paired with none of them. Give the computers distinct names."
        return Finding(kind: .notInFleet, severity: .medium, ruleID: nil, level: nil, message: message)
    }
}
