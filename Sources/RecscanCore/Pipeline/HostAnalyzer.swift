/// What one host contributes to the run: its report and, for the fleet-wide exclusion audit,
/// the rules it would get if nothing excluded them.
public struct HostAnalysis: Sendable {
    /// The host's outcomes, findings and settings as the report shows them.
    public var report: HostReport
    /// The rules recommended before exclusions (including dependencies of non-excluded rules)
    /// that an exclusion override on one of the host's levels names: all that the fleet-wide
    /// exclusion audit needs of a host.
    public var excludableRuleIDs: Set<String>
    /// Remediation plans for the host's false-positive events.
    public var triage: [TriagePlan]
    /// The ordinal in the run's catalog index of each of `report.rules`, when the host was
    /// analyzed in this run: the report's serializer finds memoized rule elements by it.
    var ruleOrdinals: [Int] = []
}

/// The input of one host: its merged inventory, or the problems that made it unusable.
public struct HostInput: Sendable {
    /// The host's name, as its inventory or the fleet spells it.
    public var hostname: String
    /// The host's inventories merged into one; `nil` when there is none or one could not be read.
    public var inventory: HostInventory?
    /// Problems reading the host's inventory files; any one makes the host `error`.
    public var errors: [InputError]
    /// False-positive events reported for this host.
    public var events: [SecurityEvent]

    /// Creates the input of one host.
    public init(hostname: String, inventory: HostInventory?, errors: [InputError], events: [SecurityEvent] = []) {
        self.hostname = hostname
        self.inventory = inventory
        self.errors = errors
        self.events = events
    }
}

/// Runs the per-host stages: resolve the fleet context, match, decide outcomes, audit.
public struct HostAnalyzer: Sendable {
    /// Matches a host's inventory against the catalog.
    public let matcher: Matcher
    /// The fleet export, for policy chains, settings, assignments and overrides.
    public let fleet: Fleet
    /// Reference time in seconds since 1970.
    public let referenceTime: Int64
    /// Inventories older than this many days are stale.
    public let maxAgeDays: Int
    /// The advisories no catalog rule names: a host package one of them affects is a finding.
    public var uncovered = UncoveredAdvisories()
    let planner: TriagePlanner

    /// Creates an analyzer for one run.
    /// - Parameter events: every false-positive event of the run; triage looks across computers
    ///   (tap mode for a whole policy when the rule blocks on many of its computers).
    public init(matcher: Matcher, fleet: Fleet, referenceTime: Int64, maxAgeDays: Int, events: [SecurityEvent] = []) {
        self.matcher = matcher
        self.fleet = fleet
        self.referenceTime = referenceTime
        self.maxAgeDays = maxAgeDays
        planner = TriagePlanner(catalog: matcher.index.catalog, fleet: fleet, events: events)
        rulesPerEcosystem = matcher.index.catalog.softwareRulesPerEcosystem
    }

    /// Catalog rules that could match a package, per ecosystem.
    let rulesPerEcosystem: EcosystemCounts

    var catalog: Catalog { matcher.index.catalog }

    /// Analyzes one host.
    public func analyze(_ input: HostInput) -> HostAnalysis {
        let context = HostFleetContext(hostname: input.hostname, fleet: fleet)
        let settings = context.effectiveSettings
        let auditor = HostAuditor(catalog: catalog, context: context, settings: settings)
        var report = HostReport(
            hostname: input.hostname, policyID: context.computer?.policyID,
            status: .ok, settings: settings)
        var findings = auditor.fleetFindings()
        var excludable: Set<String> = []
        var ruleOrdinals: [Int] = []
        if let inventory = input.inventory, input.errors.isEmpty {
            report.os = inventory.os
            report.collected = inventory.collected
            report.inventorySources = inventory.sources
            report.inventory = details(inventory)
            findings += coverageFindings(report.inventory)
            let index = matcher.index
            let matches = matcher.matchByOrdinal(inventory)
            let recommendations = Recommendations(
                direct: matches.recommended, index: index, context: context,
                referenceDay: floorDiv(referenceTime, 86_400))
            excludable = excludableRuleIDs(recommendations, context: context)
            let decider = OutcomeDecider(context: context, settings: settings)
            let (rules, ordinals) = decider.outcomes(recommendations, index: index) { ordinal in
                matches.patched.contains(ordinal) ? matcher.patchedEvidence(ordinal, matches.facts) : []
            }
            report.rules = rules
            ruleOrdinals = ordinals.map(\.position)
            findings += auditor.outcomeFindings(
                rules, ordinals: ordinals, recommendations: recommendations, index: index)
            findings += uncovered.findings(for: inventory)
            if let unpaired = HostAuditor.notInFleet(input.hostname, fleet: fleet, context: context) {
                findings.append(unpaired)
            }
            if let scans = context.computerKey.flatMap({ fleet.manager?.scans[$0] }) {
                report.manager = ManagerScanComparer(catalog: catalog).compare(
                    scans, report: report, collectedEpochSeconds: inventory.collectedEpochSeconds)
            }
            if let stale = staleness(inventory) {
                report.status = .stale
                findings.append(stale)
            }
        } else if input.errors.isEmpty {
            report.status = .noInventory
        } else {
            report.status = .error
            report.inventorySources = Array(Set(input.errors.map(\.file))).sorted()
            for error in input.errors {
                findings.append(
                    Finding(
                        kind: .inventoryError, severity: .high, ruleID: nil, level: nil,
                        message: "The inventory could not be read (\(error.description)); this host was not matched."))
            }
        }
        report.findings = findings.sorted(by: Finding.reportOrder)
        let triage = input.events.isEmpty ? [] : planner.plans(for: report, context: context, events: input.events)
        return HostAnalysis(report: report, excludableRuleIDs: excludable, triage: triage, ruleOrdinals: ruleOrdinals)
    }

    /// The recommended rules that an exclusion override on one of the host's levels names: looked
    /// up from the few overrides, so that no recommended rule's id is hashed.
    private func excludableRuleIDs(_ recommendations: Recommendations, context: HostFleetContext) -> Set<String> {
        var excludable: Set<String> = []
        for (_, configuration) in context.levels {
            for override in configuration.overrides where override.excluded {
                guard let ordinal = matcher.index.ordinal(ofRule: override.ruleID),
                    recommendations.ordinals.contains(ordinal)
                else { continue }
                excludable.insert(override.ruleID)
            }
        }
        return excludable
    }

    /// What was read for the host against what the catalog can match.
    func details(_ inventory: HostInventory) -> InventoryDetails {
        InventoryDetails(inventory, rules: rulesPerEcosystem)
    }

    /// A host whose packages no rule can match, and one whose collection time nothing tells.
    private func coverageFindings(_ details: InventoryDetails?) -> [Finding] {
        guard let details else { return [] }
        var findings: [Finding] = []
        if details.noRuleMatchesPackages {
            let listed = details.ecosystems.map { "\($0.ecosystem.rawValue) \($0.packages)" }.joined(separator: ", ")
            findings.append(
                Finding(
                    kind: .packagesNotCovered, severity: FindingKind.packagesNotCovered.defaultSeverity, ruleID: nil,
                    level: nil,
                    message:
                        "No catalog rule can match any of this host's \(details.packageCount) packages (\(listed)): "
                        + "whatever their versions, none of them leads to a recommendation. Check that the catalog "
                        + "covers this software."))
        }
        if details.collectedFrom == .unknown {
            findings.append(
                Finding(
                    kind: .collectionTimeUnknown, severity: FindingKind.collectionTimeUnknown.defaultSeverity,
                    ruleID: nil, level: nil,
                    message:
                        "When this inventory was collected is not known, so whether it is out of date cannot be "
                        + "judged; give the time with --collected."))
        }
        return findings
    }

    private func staleness(_ inventory: HostInventory) -> Finding? {
        guard let collected = inventory.collectedEpochSeconds else { return nil }
        let ageDays = (referenceTime - collected) / 86_400
        guard referenceTime - collected > Int64(maxAgeDays) * 86_400 else { return nil }
        return Finding(
            kind: .staleInventory, severity: .medium, ruleID: nil, level: nil,
            message:
                "The inventory was collected \(ageDays) days ago (\(inventory.collected ?? "?")), more than the \(maxAgeDays)-day limit; recommendations may be out of date."
        )
    }
}

func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : (value - divisor + 1) / divisor
}

extension HostReport {
    /// `ordinals` as each of `rules`' ordinal in the run's catalog index (what
    /// `HostAnalysis.ruleOrdinals` holds), when there is one per rule; `nil` otherwise, as for
    /// a host read back from a report, which has none.
    func ruleOrdinals(_ ordinals: [Int]) -> [Int]? { ordinals.count == rules.count ? ordinals : nil }
}
