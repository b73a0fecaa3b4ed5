/// Why a rule is recommended for a host (before exclusions and dependencies).
public struct RuleMatch: Sendable, Equatable {
    /// False when a version could not be parsed: recommended, but never automatically.
    public var certain: Bool
    /// Facts that made the rule match, e.g. the affected package or the detected application type.
    public var evidence: [Evidence]
}

/// The result of matching one rule against one host.
public enum MatchVerdict: Sendable, Equatable {
    case recommended(RuleMatch)
    /// The package is installed at a fixed version; evidence names it.
    case patched([Evidence])
    case notRecommended
}

/// Matches hosts against the catalog through its index.
public struct Matcher: Sendable {
    /// The lookup tables over the catalog that hosts are matched against.
    public let index: CatalogIndex

    /// Creates a matcher over an indexed catalog.
    public init(index: CatalogIndex) { self.index = index }

    /// Every rule directly recommended for the host, and the rules it does not get because it is patched.
    public func match(_ inventory: HostInventory) -> (recommended: [String: RuleMatch], patched: [String: [Evidence]]) {
        let facts = HostFacts(inventory, index: index)
        let detected = facts.detectedApplicationTypes(index)
        var recommended: [String: RuleMatch] = [:]
        var patched: [String: [Evidence]] = [:]
        for ordinal in candidates(facts, detected: detected) {
            let compiled = index.rulesByOrdinal[ordinal]
            switch verdict(compiled, facts, detected: detected) {
            case .recommended(let match): recommended[compiled.rule.id] = match
            case .patched(let evidence): patched[compiled.rule.id] = evidence
            case .notRecommended: break
            }
        }
        return (recommended, patched)
    }

    /// The only rules that can possibly match: found through the host's packages, sockets,
    /// files, services and detected application types, plus the unconditional ones.
    func candidates(_ facts: HostFacts, detected: [String: String]) -> [Int] {
        var ordinals = Set(index.unconditionalRules)
        for key in facts.packages.keys { ordinals.formUnion(index.rulesBySoftware[key] ?? []) }
        for type in detected.keys { ordinals.formUnion(index.rulesByApplicationType[type] ?? []) }
        for port in facts.listening { ordinals.formUnion(index.rulesByPort[port] ?? []) }
        for file in facts.files { ordinals.formUnion(index.rulesByFile[file] ?? []) }
        for service in facts.services { ordinals.formUnion(index.rulesByService[service] ?? []) }
        return ordinals.sorted()
    }

    /// Checks every criterion of `rule` against the host, as the SPEC's "Matching" lists them.
    func verdict(_ compiled: CompiledRule, _ facts: HostFacts, detected: [String: String]) -> MatchVerdict {
        let rule = compiled.rule
        guard !rule.custom else { return .notRecommended }
        var evidence: [Evidence] = []
        var certain = true
        let applies = rule.applies
        if !applies.operatingSystems.isEmpty {
            guard let os = facts.inventory.os, applies.operatingSystems.contains(where: { $0.holds(for: os) }) else {
                return .notRecommended
            }
            evidence.append(Evidence(.os, [("family", os.family), ("name", os.name), ("version", os.version)]))
        }
        if let type = rule.applicationTypeID {
            guard let detectedBy = detected[type] else { return .notRecommended }
            evidence.append(Evidence(.applicationType, [("id", type), ("detectedBy", detectedBy)]))
        }
        if !applies.software.isEmpty {
            switch softwareVerdict(compiled.software, facts) {
            case .affected(let found): evidence += found
            case .uncertain(let found):
                evidence += found
                certain = false
            case .patched(let found): return .patched(found)
            case .absent: return .notRecommended
            }
        }
        if applies.hasPresenceAlternatives {
            guard let present = presence(applies, facts) else { return .notRecommended }
            evidence.append(present)
        }
        if evidence.isEmpty { evidence.append(Evidence(.always, [])) }
        return .recommended(RuleMatch(certain: certain, evidence: evidence))
    }

    private enum SoftwareVerdict {
        case affected([Evidence])
        case uncertain([Evidence])
        case patched([Evidence])
        case absent
    }

    private func softwareVerdict(
        _ entries: [SoftwareCriterion], _ facts: HostFacts
    ) -> SoftwareVerdict {
        var affected: [Evidence] = []
        var uncertain: [Evidence] = []
        var patched: [Evidence] = []
        for entry in entries {
            guard let installed = facts.packages[entry.key] else { continue }
            for package in installed {
                var attributes: [(name: String, value: String)] = [
                    ("ecosystem", package.ecosystem.rawValue), ("name", package.name), ("version", package.version),
                    ("range", entry.range.description),
                ]
                // A version listed without its epoch (rpm -qa's default output) is taken to
                // share each bound's epoch: version and release decide.
                let range = package.epochUnknown ? entry.rangeWithoutEpochs : entry.range
                // The bounds themselves, so that "patch first" can name the version to update to.
                if let fixed = entry.range.range.fixed { attributes.append(("fixed", fixed)) }
                if let lastAffected = entry.range.range.lastAffected {
                    attributes.append(("lastAffected", lastAffected))
                }
                switch range.verdict(for: package.version) {
                case .affected: affected.append(Evidence(.package, attributes))
                case .uncertain(let reason):
                    attributes.append(("reason", reason))
                    uncertain.append(Evidence(.uncertain, attributes))
                case .patched: patched.append(Evidence(.patched, attributes))
                case .notAffected: break
                }
            }
        }
        if !affected.isEmpty { return .affected(affected) }
        if !uncertain.isEmpty { return .uncertain(uncertain) }
        if !patched.isEmpty { return .patched(patched) }
        return .absent
    }

    private func presence(_ applies: Applicability, _ facts: HostFacts) -> Evidence? {
        if let port = applies.ports.first(where: facts.listening.contains) {
            return Evidence(.port, [("protocol", port.transport), ("port", String(port.port))])
        }
        if let file = applies.files.first(where: facts.files.contains) {
            return Evidence(.file, [("path", file)])
        }
        if let service = applies.services.first(where: { facts.services.contains($0.lowercased()) }) {
            return Evidence(.service, [("name", service)])
        }
        return nil
    }
}

extension OSConstraint {
    /// Every attribute that is set holds for `os`; `version` is a prefix match on whole
    /// components ("12" matches "12" and "12.7", not "120"), min/max compare generically.
    func holds(for os: OperatingSystem) -> Bool {
        if let family, family != os.family { return false }
        if let name, name != os.name { return false }
        if let version, os.version != version, !os.version.hasPrefix(version + ".") { return false }
        if let minVersion {
            guard let order = VersionSchemeKind.generic.compare(os.version, minVersion), order >= 0 else {
                return false
            }
        }
        if let maxVersion {
            guard let order = VersionSchemeKind.generic.compare(os.version, maxVersion), order <= 0 else {
                return false
            }
        }
        return true
    }
}
