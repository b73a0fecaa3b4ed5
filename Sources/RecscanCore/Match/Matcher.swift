/// Why a rule is recommended for a host (before exclusions and dependencies).
public struct RuleMatch: Sendable, Equatable {
    /// False when a version could not be parsed: recommended, but never automatically.
    public var certain: Bool
    /// Facts that made the rule match, e.g. the affected package or the detected application type.
    public var evidence: [Evidence]
}

/// The result of matching one rule against one host.
enum MatchVerdict {
    case recommended(RuleMatch)
    /// The package is installed at a fixed version; `Matcher.patchedEvidence` names it.
    case patched
    case notRecommended
}

/// What matching found on one host, by rule ordinal (position in the index), in rule order.
struct HostMatches {
    /// The host's facts, from which the evidence of a patched rule is made when it is needed.
    let facts: HostFacts
    /// Rules recommended directly, before exclusions and dependencies.
    let recommended: [(ordinal: RuleOrdinal, match: RuleMatch)]
    /// Rules the host does not get because the package is patched. Their evidence matters
    /// only for rules to unassign, so it is made on demand.
    let patched: OrdinalSet
}

/// Matches hosts against the catalog through its index.
public struct Matcher: Sendable {
    /// The lookup tables over the catalog that hosts are matched against.
    public let index: CatalogIndex

    /// Creates a matcher over an indexed catalog.
    public init(index: CatalogIndex) { self.index = index }

    /// Every rule directly recommended for the host, and the rules it does not get because it is patched.
    public func match(_ inventory: HostInventory) -> (recommended: [String: RuleMatch], patched: [String: [Evidence]]) {
        let matches = matchByOrdinal(inventory)
        return (
            Dictionary(uniqueKeysWithValues: matches.recommended.map { (index.identity(of: $0.ordinal).id, $0.match) }),
            Dictionary(
                uniqueKeysWithValues: matches.patched.map {
                    (index.identity(of: $0).id, patchedEvidence($0, matches.facts))
                })
        )
    }

    /// What `match` finds, by rule ordinal: no rule id is hashed on the way.
    func matchByOrdinal(_ inventory: HostInventory) -> HostMatches {
        // Locals, not fields of the result: a closure that reads the facts of a value it also
        // changes would copy them for every call.
        let facts = HostFacts(inventory, index: index)
        var recommended: [(ordinal: RuleOrdinal, match: RuleMatch)] = []
        var patched = OrdinalSet(capacity: index.ruleCount)
        var hits: [SoftwareHit] = []
        var candidates = index.candidates(for: facts)
        // Software-only rules are decided from their criterion: patched ones are noted without
        // reading the rule, affected and uncertain ones join the candidates for their evidence.
        for id in facts.distinctSoftwareIDs {
            index.forEachSoftwareOnlyRule(of: id) { rule in
                switch softwareStanding(rule, softwareID: id, facts) {
                case .patched: patched.insert(rule.ordinal)
                case .affected, .uncertain: candidates.insert(rule.ordinal)
                case .absent: break
                }
            }
        }
        var operatingSystems = OperatingSystemVerdicts(index)
        for ordinal in candidates {
            switch verdict(ordinal, facts, operatingSystems: &operatingSystems, hits: &hits) {
            case .recommended(let match): recommended.append((ordinal, match))
            case .patched: patched.insert(ordinal)
            case .notRecommended: break
            }
        }
        return HostMatches(facts: facts, recommended: recommended, patched: patched)
    }

    /// Checks every criterion of rule `ordinal` against the host, as the SPEC's "Matching" lists
    /// them, from its traits first: the rule object is read only for its packages and its ports,
    /// files or services. Evidence is put together only once the rule is known to be recommended.
    /// - Parameters:
    ///   - operatingSystems: the host's verdicts on the catalog's OS constraint sets, filled as asked.
    ///   - hits: scratch space for the packages found in range, reused from rule to rule.
    func verdict(
        _ ordinal: RuleOrdinal, _ facts: HostFacts, operatingSystems: inout OperatingSystemVerdicts,
        hits: inout [SoftwareHit]
    ) -> MatchVerdict {
        let traits = index.traits(of: ordinal)
        guard !traits.custom else { return .notRecommended }
        var osEvidence: [Evidence] = []
        if let set = traits.operatingSystemSet {
            guard operatingSystems.holds(set, os: facts.inventory.os, index: index) else {
                return .notRecommended
            }
            osEvidence = facts.osEvidence
        }
        var applicationTypeEvidence: [Evidence] = []
        if let type = traits.applicationType {
            applicationTypeEvidence = facts.applicationTypes[type]
            guard !applicationTypeEvidence.isEmpty else { return .notRecommended }
        }
        var standing = SoftwareStanding.absent
        if traits.hasSoftware {
            standing = softwareStanding(index.compiledRule(ordinal).software, facts, hits: &hits)
            switch standing {
            case .patched: return .patched
            case .absent: return .notRecommended
            case .affected, .uncertain: break
            }
        }
        var presenceEvidence: Evidence?
        if traits.hasPresence {
            guard let present = presence(index.compiledRule(ordinal), facts) else {
                return .notRecommended
            }
            presenceEvidence = present
        }
        // Most rules are recommended for their OS or application type alone: they share the
        // host's list of that evidence instead of allocating one each.
        if standing == .absent && presenceEvidence == nil {
            if osEvidence.isEmpty && applicationTypeEvidence.isEmpty {
                return .recommended(RuleMatch(certain: true, evidence: Self.alwaysEvidence))
            }
            if osEvidence.isEmpty { return .recommended(RuleMatch(certain: true, evidence: applicationTypeEvidence)) }
            if applicationTypeEvidence.isEmpty { return .recommended(RuleMatch(certain: true, evidence: osEvidence)) }
        }
        var evidence: [Evidence] = []
        evidence.reserveCapacity(3 + (standing == .absent ? 0 : hits.count))
        evidence += osEvidence
        evidence += applicationTypeEvidence
        if standing != .absent { appendSoftwareEvidence(standing, hits, facts, to: &evidence) }
        if let presenceEvidence { evidence.append(presenceEvidence) }
        return .recommended(RuleMatch(certain: standing != .uncertain, evidence: evidence))
    }

    /// The evidence of a rule with no criterion at all.
    private static let alwaysEvidence = [Evidence(.always, [])]

    /// The patched packages of a rule the host does not get because it is patched.
    func patchedEvidence(_ ordinal: RuleOrdinal, _ facts: HostFacts) -> [Evidence] {
        var hits: [SoftwareHit] = []
        let standing = softwareStanding(index.compiledRule(ordinal).software, facts, hits: &hits)
        guard standing == .patched else { return [] }
        var evidence: [Evidence] = []
        appendSoftwareEvidence(standing, hits, facts, to: &evidence)
        return evidence
    }

    private func presence(_ compiled: CompiledRule, _ facts: HostFacts) -> Evidence? {
        if let port = compiled.ports.first(where: facts.listening.contains) {
            return Evidence(.port, [("protocol", port.transport), ("port", String(port.port))])
        }
        if let file = compiled.files.first(where: facts.files.contains) {
            return Evidence(.file, [("path", file)])
        }
        if let service = compiled.services.first(where: { facts.services.contains($0.lowercased) }) {
            return Evidence(.service, [("name", service.name)])
        }
        return nil
    }
}
